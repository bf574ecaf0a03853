// French function words, shared by everything that must look past them (snippets, story names).
// Thread-safe.
#pragma once

#include <string_view>

namespace kiosque::base {

// Whether `folded` (fold_text's output, one word) is a French article, pronoun, preposition,
// conjunction or auxiliary form: "les", "des", "qu", "sont".
bool is_french_function_word(std::string_view folded);

}  // namespace kiosque::base
