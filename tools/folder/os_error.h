// The Error for a system call that failed on a path: ENOSPC is a full disk, ENOENT a missing
// file, anything else an I/O error; the message names the path (escaped) and the cause.
#pragma once

#include <filesystem>
#include <string_view>

#include "kiosque/base/result.h"

namespace kiosque::tools {

// `what` is the verb: "cannot {what} {path}: {strerror(err)}".
Error os_error(int err, std::string_view what, const std::filesystem::path& path);

}  // namespace kiosque::tools
