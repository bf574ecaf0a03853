#include "watch/deep_path.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace kiosque::tools {

int call_at(const std::filesystem::path& path, const std::function<int(int, const char*)>& op) {
  if (path.native().size() < PATH_MAX) return op(AT_FDCWD, path.c_str());
  const std::filesystem::path folder = path.parent_path();
  const std::string name = path.filename().string();
  int fd = ::open(folder.is_absolute() ? "/" : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  for (const auto& part : folder.relative_path()) {
    if (fd < 0) break;
    const int next = ::openat(fd, part.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const int err = errno;
    ::close(fd);
    fd = next;
    errno = err;
  }
  if (fd < 0) return -1;
  const int result = op(fd, name.c_str());
  const int err = errno;
  ::close(fd);
  errno = err;
  return result;
}

int lstat_at(const std::filesystem::path& path, struct stat& st) {
  return call_at(path, [&](int dirfd, const char* name) {
    return ::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW);
  });
}

}  // namespace kiosque::tools
