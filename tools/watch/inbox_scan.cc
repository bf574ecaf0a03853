#include "watch/inbox_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <string>

#include "folder/file_names.h"
#include "watch/deep_path.h"

namespace kiosque::tools {

namespace {

// Lists `dir` (any depth of path) and closes it before descending, so that a tree nested
// thousands of folders deep never holds more than one folder open.
void walk(const std::filesystem::path& dir, std::vector<std::filesystem::path>& found) {
  const int fd = call_at(dir, [](int at, const char* name) {
    return ::openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  });
  if (fd < 0) return;
  DIR* listing = ::fdopendir(fd);
  if (listing == nullptr) {
    ::close(fd);
    return;
  }
  std::vector<std::filesystem::path> folders;
  while (const dirent* e = ::readdir(listing)) {
    const std::string name = e->d_name;
    if (name == "." || name == ".." || is_ignored_name(name)) continue;
    bool folder = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st {};
      folder = ::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    (folder ? folders : found).push_back(dir / name);
  }
  ::closedir(listing);
  for (const auto& sub : folders) {
    if (!is_page_assets(sub)) walk(sub, found);
  }
}

}  // namespace

std::vector<std::filesystem::path> scan_inbox(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> found;
  walk(folder, found);
  std::sort(found.begin(), found.end());
  return found;
}

bool entry_exists(const std::filesystem::path& path) {
  struct stat st {};
  return lstat_at(path, st) == 0;
}

bool is_being_written(const std::filesystem::path& path) {
  struct stat st {};
  if (lstat_at(path, st) != 0 || !S_ISREG(st.st_mode)) return false;  // devices are never opened
  const int fd = call_at(path, [](int at, const char* name) {
    return ::openat(at, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  });
  if (fd < 0) return false;
  bool writing = false;
  // A writer that opens the file while the lease is held breaks it, and the kernel tells the
  // holder with a signal: SIGIO by default, which ends the process. SIGURG's default is to be
  // ignored, and kiosque gives it no handler.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::fcntl(fd, F_SETSIG, SIGURG) == 0) {
    if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
      ::fcntl(fd, F_SETLEASE, F_UNLCK);
    } else {
      writing = errno == EAGAIN;
    }
  }
  ::close(fd);
  return writing;
}

}  // namespace kiosque::tools
