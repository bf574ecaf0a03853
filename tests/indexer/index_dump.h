// A whole Xapian index as comparable text, to tell that two ways of building it agree.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace kiosque::test {

// Each document, keyed by its unique Q term, as its full list of terms with wdf and positions,
// its date value and its data. Fails the test if an article has two documents.
std::map<std::string, std::string> dump_index(const std::filesystem::path& dir);

}  // namespace kiosque::test
