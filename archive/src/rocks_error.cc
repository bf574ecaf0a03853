#include "rocks_error.h"

#include <fmt/format.h>

namespace kiosque::archive::detail {

Error rocks_error(const rocksdb::Status& status, std::string_view what) {
  const std::string detail = status.ToString();
  if (status.IsIOError() && detail.find("lock") != std::string::npos) {
    return Error(Errc::busy, fmt::format("cannot {}: another kiosque process is writing this archive", what),
                 "stop the other process (kiosque watch?), or drop the files into the inbox instead");
  }
  if (status.IsNoSpace() || detail.find("No space left") != std::string::npos) {
    return Error(Errc::no_space, fmt::format("cannot {}: the disk is full ({})", what, detail),
                 "free some disk space and try again; nothing acknowledged was lost");
  }
  if (status.IsCorruption()) {
    return Error(Errc::corruption, fmt::format("cannot {}: the archive is damaged ({})", what, detail),
                 "run `kiosque verify` to see what is damaged, and restore from a backup");
  }
  if (status.IsNotFound()) return Error(Errc::not_found, fmt::format("cannot {}: {}", what, detail));
  if (status.IsInvalidArgument() && detail.find("does not exist") != std::string::npos) {
    return Error(Errc::not_found, fmt::format("cannot {}: there is no archive here", what),
                 "take articles in with `kiosque add` or `kiosque watch` first");
  }
  return Error(Errc::io_error, fmt::format("cannot {}: {}", what, detail));
}

}  // namespace kiosque::archive::detail
