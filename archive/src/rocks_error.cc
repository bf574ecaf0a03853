#include "rocks_error.h"

#include <fmt/format.h>

namespace kiosque::archive::detail {

Error rocks_error(const rocksdb::Status& status, std::string_view what) {
  const std::string detail = status.ToString();
  if (status.IsIOError() && detail.find("lock") != std::string::npos) {
    return Error(Part::archive, Errc::busy,
                 fmt::format("cannot {}: another kiosque process is writing this archive", what));
  }
  if (status.IsBusy()) {
    return Error(Errc::busy, fmt::format("cannot {}: {}", what, status.getState()),
                 "try again in a moment");
  }
  if (status.IsNoSpace() || detail.find("No space left") != std::string::npos) {
    return Error(Errc::no_space, fmt::format("cannot {}: the disk is full ({})", what, detail),
                 "free some disk space and try again; nothing acknowledged was lost");
  }
  if (status.IsCorruption()) {
    return Error(Part::archive, Errc::corruption,
                 fmt::format("cannot {}: the archive is damaged ({})", what, detail));
  }
  if (status.IsNotFound())
    return Error(Errc::not_found, fmt::format("cannot {}: {}", what, detail));
  if (status.IsInvalidArgument() && detail.find("does not exist") != std::string::npos) {
    return Error(Part::archive, Errc::not_found,
                 fmt::format("cannot {}: there is no archive here", what));
  }
  return Error(Errc::io_error, fmt::format("cannot {}: {}", what, detail));
}

}  // namespace kiosque::archive::detail
