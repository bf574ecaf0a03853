// The character-level half of normalisation: line ends, spaces, invisible characters, NFC.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosque/base/result.h"

namespace kiosque::archive::detail {

// Returns the text in NFC as lines: LF/CRLF/CR/NEL/LS/PS all end a line; control, format
// (zero-width, soft hyphen, BOM, bidi marks) characters are removed; every run of white space
// (no-break spaces included) becomes one ASCII space; lines are trimmed; runs of blank lines become
// one empty string, and there are none at either end. `utf8` must be valid UTF-8.
Result<std::vector<std::string>> clean_lines(std::string_view utf8);

}  // namespace kiosque::archive::detail
