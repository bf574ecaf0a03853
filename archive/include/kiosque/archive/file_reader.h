// Reads an article file from disk, refusing what must not be read.
//
// Refused (Errc::refused, with a reason for a person): symlinks (never followed: a link in a drop
// folder could point anywhere), anything that is not a regular file (FIFOs and devices are never
// opened for reading), empty files and files over the size limit. Unreadable files give
// Errc::io_error. Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "kiosque/base/result.h"

namespace kiosque::archive {

struct ReadLimits {
  std::uint64_t max_bytes = 16u << 20;  // 16 MiB
};

// The exact bytes of a file.
Result<std::string> read_article_file(const std::filesystem::path& path, const ReadLimits& limits);

}  // namespace kiosque::archive
