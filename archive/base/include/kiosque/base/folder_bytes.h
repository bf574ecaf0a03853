// The size of a folder on disk, as stats and the benchmark report it.
#pragma once

#include <cstdint>
#include <filesystem>

namespace kiosque::base {

// Apparent sizes of the regular files under `dir`, recursively; files that vanish or cannot be
// read while it walks count as zero.
std::uint64_t folder_bytes(const std::filesystem::path& dir);

}  // namespace kiosque::base
