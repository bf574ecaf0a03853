#include "watch/file_disposal.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "folder/os_error.h"
#include "kiosque/base/printable.h"
#include "kiosque/base/text_fold.h"
#include "watch/deep_path.h"
#include "watch/inbox_scan.h"

namespace kiosque::tools {

namespace {

constexpr int kMaxAttempts = 10000;

Result<void> make_folders(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  if (errno != ENOENT || !dir.has_parent_path() || dir.parent_path() == dir) {
    return std::unexpected(os_error(errno, "create", dir));
  }
  if (auto parent = make_folders(dir.parent_path()); !parent) return parent;
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  return std::unexpected(os_error(errno, "create", dir));
}

// The name of the `attempt`th try at `wanted`: NAME.EXT, NAME-2.EXT, … . A name whose
// `.reason` would not fit in NAME_MAX is shortened (its start kept, "~" marking the cut); clashes
// between shortened names are settled by the numbering like any other.
std::filesystem::path candidate(const std::filesystem::path& wanted, int attempt) {
  std::string stem = wanted.stem().string();
  std::string ext = wanted.extension().string();
  const std::string tag = attempt == 1 ? std::string() : fmt::format("-{}", attempt);
  const std::size_t room = NAME_MAX - (sizeof ".reason" - 1);
  if (stem.size() + tag.size() + ext.size() > room) {
    ext = base::cut_utf8(ext, 16);
    stem = base::cut_utf8(stem, room - tag.size() - ext.size() - 1) + "~";
  }
  return wanted.parent_path() / (stem + tag + ext);
}

// Creates `path` exclusively and writes `text` to it, synced.
Result<bool> write_new_file(const std::filesystem::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    return std::unexpected(os_error(errno, "write", path));
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(path.c_str());
      return std::unexpected(os_error(err, "write", path));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!synced) {
    ::unlink(path.c_str());
    return std::unexpected(os_error(err, "write", path));
  }
  return true;
}

}  // namespace

Result<std::filesystem::path> move_aside(const std::filesystem::path& file,
                                         const std::filesystem::path& relative,
                                         const std::filesystem::path& to_root,
                                         const std::string& reason) {
  if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") {
    return fail(Errc::internal, fmt::format("{} is not a name inside a folder",
                                            base::printable_name(relative.string())));
  }
  std::filesystem::path wanted = to_root / relative;
  // A name from a folder tree nested deeper than a path can name goes to the top of `to_root`.
  if (wanted.native().size() + 32 >= PATH_MAX) wanted = to_root / relative.filename();
  if (auto made = make_folders(wanted.parent_path()); !made) return propagate(made);

  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    const std::filesystem::path target = candidate(wanted, attempt);
    std::filesystem::path reason_path = target;
    reason_path += ".reason";
    if (entry_exists(target) || entry_exists(reason_path)) continue;
    if (!reason.empty()) {
      auto written = write_new_file(reason_path, reason);
      if (!written) return propagate(written);
      if (!*written) continue;
    }
    const int moved = call_at(file, [&](int dirfd, const char* name) {
      return ::renameat2(dirfd, name, AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
    });
    if (moved == 0) return target;
    const int err = errno;
    if (!reason.empty()) ::unlink(reason_path.c_str());
    if (err != EEXIST) return std::unexpected(os_error(err, "move", file));
  }
  return fail(Errc::io_error,
              fmt::format("cannot move {}: {} names like it are taken already in {}",
                          base::printable_name(file.string()), kMaxAttempts,
                          base::printable_name(wanted.parent_path().string())));
}

}  // namespace kiosque::tools
