// Text about files for a person to read: sizes and names that are safe on one line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosque::base {

// "47.4 MB", "812 KB", "96 B".
std::string human_bytes(std::uint64_t bytes);

// A file name safe to print on one line: control characters and invalid UTF-8 escaped as \xNN.
std::string printable_name(std::string_view name);

}  // namespace kiosque::base
