// A consistent copy of the index, taken while a writer may be committing.
#pragma once

#include <cstdint>
#include <filesystem>

#include "kiosque/archive/result.h"

namespace kiosque::indexer {

// Copies the index in `dir`, as of one commit, to the new folder `dest`, compacted. Returns the
// log sequence number that commit covers. Errc::busy when writers kept committing under it.
Result<std::uint64_t> copy_index(const std::filesystem::path& dir, const std::filesystem::path& dest);

}  // namespace kiosque::indexer
