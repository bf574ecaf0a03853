// Suggestions for a mistyped name: `kiosque serch` -> "did you mean search?".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosque::tools {

// The name among `known` closest to `typed`, when it is close enough to be what was meant: at
// most two edits away (an insertion, a deletion, a change or two neighbours swapped each count
// one; one edit for names of four letters or fewer), or `typed` starts it. Ties go to the first.
std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& known);

}  // namespace kiosque::tools
