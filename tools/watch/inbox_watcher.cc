#include "watch/inbox_watcher.h"

#include <fmt/format.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <utility>

#include "folder/file_names.h"
#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                IN_MOVE_SELF | IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW |
                                IN_EXCL_UNLINK;

std::string kernel_setting(const char* name) {
  std::ifstream in(std::string("/proc/sys/fs/inotify/") + name);
  std::string value;
  if (!(in >> value)) return "unknown";
  return value;
}

Error limit_error(int err, const std::filesystem::path& dir) {
  if (err == ENOSPC) {
    return Error(
        Errc::busy,
        fmt::format("cannot watch {}: the kernel's limit on inotify watches is reached "
                    "(fs.inotify.max_user_watches = {})",
                    base::printable_name(dir.string()), kernel_setting("max_user_watches")),
        "raise it, as root: sysctl fs.inotify.max_user_watches=524288");
  }
  if (err == EMFILE) {
    return Error(
        Errc::busy,
        fmt::format("cannot watch {}: the kernel's limit on inotify instances is reached "
                    "(fs.inotify.max_user_instances = {})",
                    base::printable_name(dir.string()), kernel_setting("max_user_instances")),
        "raise it, as root: sysctl fs.inotify.max_user_instances=1024");
  }
  return Error(
      err == ENOENT || err == ENOTDIR ? Errc::not_found : Errc::io_error,
      fmt::format("cannot watch {}: {}", base::printable_name(dir.string()), std::strerror(err)));
}

// Created files are taken at once when they will never be closed after writing: links, FIFOs
// and devices (refused on sight), and hard links to a file that exists already (`ln`, `cp -l`).
bool is_complete_on_creation(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return false;
  return !S_ISREG(st.st_mode) || st.st_nlink > 1;
}

}  // namespace

struct InboxWatcher::Impl {
  int fd = -1;
  std::filesystem::path root;
  std::unordered_map<int, std::filesystem::path> folders;  // watch descriptor -> folder
  std::vector<std::string> warnings;                       // handed out by the next read()

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  // Watches `dir` and the folders under it; links are never followed. Only the root must be
  // watched: a folder under it that cannot be is a warning, and the timer's rescans still find
  // what lands there.
  Result<void> watch_tree(const std::filesystem::path& dir, bool required) {
    const int wd = ::inotify_add_watch(fd, dir.c_str(), kMask);
    if (wd < 0) {
      const Error e = limit_error(errno, dir);
      if (required) return std::unexpected(e);
      if (e.code != Errc::not_found) {
        warnings.push_back(e.hint.empty() ? e.message : fmt::format("{} ({})", e.message, e.hint));
      }
      return {};
    }
    folders[wd] = dir;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      if (is_ignored_name(it->path().filename().string())) continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec))
        (void)watch_tree(it->path(), false);
    }
    return {};
  }

  // A folder moved away from `gone`: forget it and everything under it. If it moved within the
  // inbox, its new name arrives as IN_MOVED_TO and is watched afresh.
  void forget_tree(const std::filesystem::path& gone) {
    for (auto it = folders.begin(); it != folders.end();) {
      const auto [a, b] =
          std::mismatch(gone.begin(), gone.end(), it->second.begin(), it->second.end());
      if (a == gone.end()) {
        ::inotify_rm_watch(fd, it->first);
        it = folders.erase(it);
      } else {
        ++it;
      }
    }
  }
};

InboxWatcher::InboxWatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InboxWatcher::~InboxWatcher() = default;

Result<std::unique_ptr<InboxWatcher>> InboxWatcher::open(const std::filesystem::path& root) {
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  impl->fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (impl->fd < 0) return std::unexpected(limit_error(errno, root));
  if (auto watched = impl->watch_tree(root, true); !watched) return propagate(watched);
  return std::unique_ptr<InboxWatcher>(new InboxWatcher(std::move(impl)));
}

int InboxWatcher::fd() const { return impl_->fd; }

std::size_t InboxWatcher::watched_folders() const { return impl_->folders.size(); }

Result<InboxEvents> InboxWatcher::read() {
  InboxEvents events;
  events.warnings = std::exchange(impl_->warnings, {});
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(impl_->fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) break;
      return fail(Errc::io_error,
                  fmt::format("cannot read inotify events: {}", std::strerror(errno)));
    }
    for (const char* p = buffer; p < buffer + n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + e->len;
      if ((e->mask & IN_Q_OVERFLOW) != 0) {
        events.overflow = true;
        continue;
      }
      if ((e->mask & IN_IGNORED) != 0) {
        impl_->folders.erase(e->wd);
        continue;
      }
      const auto folder = impl_->folders.find(e->wd);
      if (folder == impl_->folders.end()) continue;
      if ((e->mask & (IN_MOVE_SELF | IN_DELETE_SELF)) != 0) {
        if (folder->second == impl_->root) events.inbox_gone = true;
        continue;
      }
      if (e->len == 0) continue;
      const std::string name(e->name);
      if (is_ignored_name(name)) continue;
      const std::filesystem::path path = folder->second / name;
      if ((e->mask & IN_ISDIR) != 0) {
        if ((e->mask & IN_MOVED_FROM) != 0) impl_->forget_tree(path);
        if ((e->mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
          (void)impl_->watch_tree(path, false);
          events.new_folders.push_back(path);
        }
      } else if ((e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0) {
        events.files.push_back(path);
      } else if ((e->mask & IN_CREATE) != 0 && is_complete_on_creation(path)) {
        events.files.push_back(path);
      }
    }
  }
  return events;
}

}  // namespace kiosque::tools
