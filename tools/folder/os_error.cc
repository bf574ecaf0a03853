#include "folder/os_error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "kiosque/base/printable.h"

namespace kiosque::tools {

Error os_error(int err, std::string_view what, const std::filesystem::path& path) {
  return Error(err == ENOSPC   ? Errc::no_space
               : err == ENOENT ? Errc::not_found
                               : Errc::io_error,
               fmt::format("cannot {} {}: {}", what, base::printable_name(path.string()),
                           std::strerror(err)));
}

}  // namespace kiosque::tools
