#include "inbox_scan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "file_names.h"

namespace kiosque::tools {

std::vector<std::filesystem::path> scan_inbox(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  auto it = std::filesystem::recursive_directory_iterator(
      folder, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const bool folder_entry = it->is_directory(type_ec) && !it->is_symlink(type_ec);
    if (is_ignored_name(it->path().filename().string())) {
      if (folder_entry) it.disable_recursion_pending();
      continue;
    }
    if (!folder_entry) found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

bool entry_exists(const std::filesystem::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool is_being_written(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool writing = false;
  if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
    ::fcntl(fd, F_SETLEASE, F_UNLCK);
  } else {
    writing = errno == EAGAIN;
  }
  ::close(fd);
  return writing;
}

}  // namespace kiosque::tools
