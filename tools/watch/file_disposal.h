// Moving a file out of the inbox into rejected/ or processed/, never overwriting anything.
#pragma once

#include <filesystem>
#include <string>

#include "kiosque/base/result.h"

namespace kiosque::tools {

// Moves `file` to `relative` under `to_root` (creating folders, private to the owner). When that
// name or its `.reason` is taken, tries NAME-2.EXT, NAME-3.EXT, … : nothing already there is ever
// overwritten. Names too long for a `.reason` beside them are shortened, and names too deep for a
// path go to the top of `to_root`. With a non-empty `reason`, first writes it to
// `<new name>.reason`. Returns the new path.
Result<std::filesystem::path> move_aside(const std::filesystem::path& file,
                                         const std::filesystem::path& relative,
                                         const std::filesystem::path& to_root,
                                         const std::string& reason = {});

}  // namespace kiosque::tools
