#include "folder/watch_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

std::filesystem::path lock_path(const DataFolder& folder) { return folder.watch_lock(); }

std::optional<long> read_pid(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return std::nullopt;
  char* end = nullptr;
  const long pid = std::strtol(buffer, &end, 10);
  if (end == buffer || pid <= 0) return std::nullopt;
  return pid;
}

// The holder writes its pid just after it takes the lock: give it a moment to (at most a second).
std::optional<long> holder_pid(int fd) {
  auto pid = read_pid(fd);
  for (int i = 0; !pid && i < 100; ++i) {
    ::usleep(10'000);
    pid = read_pid(fd);
  }
  return pid;
}

std::string pid_text(std::optional<long> pid) {
  return pid ? fmt::format(" (pid {})", *pid) : std::string();
}

}  // namespace

Result<WatchLock> WatchLock::acquire(const DataFolder& folder) {
  const std::filesystem::path path = lock_path(folder);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(Errc::io_error,
                fmt::format("cannot open {}: {}", base::printable_name(path.string()),
                            std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const auto pid = holder_pid(fd);
    ::close(fd);
    return fail(Errc::busy,
                fmt::format("kiosque watch is already running on {}{}",
                            base::printable_name(folder.root.string()), pid_text(pid)),
                "one watch per data folder: stop the other one first, or give this one another "
                "folder with --data");
  }
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int err = errno;
    ::close(fd);
    return fail(err == ENOSPC ? Errc::no_space : Errc::io_error,
                fmt::format("cannot write {}: {}", base::printable_name(path.string()),
                            std::strerror(err)));
  }
  return WatchLock(fd);
}

WatchLock::~WatchLock() {
  if (fd_ >= 0) ::close(fd_);
}

WatchLock::WatchLock(WatchLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

std::optional<long> running_watch(const DataFolder& folder) {
  const int fd = ::open(lock_path(folder).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<long> pid;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    pid = holder_pid(fd).value_or(0);
  } else {
    ::flock(fd, LOCK_UN);
  }
  ::close(fd);
  return pid;
}

}  // namespace kiosque::tools
