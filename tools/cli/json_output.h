// kiosque's one JSON convention, for every command: a command that reports one thing writes one
// object, a command that reports a stream (add, list, show of several ids, alert list and show)
// writes JSON Lines, one object per line; every object is on one line and has "schema", the
// version of its shape (1). Text that is not valid UTF-8 is written with U+FFFD in its place.
#pragma once

#include <nlohmann/json.hpp>

namespace kiosque::tools {

inline constexpr int kJsonSchema = 1;

// Writes `j` (an object) on one line of stdout, with "schema" added when it has none.
void print_json(nlohmann::json j);

}  // namespace kiosque::tools
