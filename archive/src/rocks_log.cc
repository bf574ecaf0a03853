#include "rocks_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace kiosque::archive::detail {

namespace {

class WarningLog final : public rocksdb::Logger {
 public:
  explicit WarningLog(int fd) : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL), fd_(fd) {}
  ~WarningLog() override {
    if (fd_ >= 0) ::close(fd_);
  }
  WarningLog(const WarningLog&) = delete;
  WarningLog& operator=(const WarningLog&) = delete;

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    Logv(rocksdb::InfoLogLevel::INFO_LEVEL, format, ap);
  }
  void Logv(const rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    if (fd_ < 0 || level < GetInfoLogLevel() || level == rocksdb::InfoLogLevel::HEADER_LEVEL)
      return;
    char line[1024];
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    std::size_t n = std::strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &utc);
    const int body = std::vsnprintf(line + n, sizeof line - n - 1, format, ap);
    if (body < 0) return;
    n = std::min(sizeof line - 2, n + static_cast<std::size_t>(body));
    line[n++] = '\n';
    // One write per line with O_APPEND; a failed write (a full disk) loses the line, nothing else.
    while (::write(fd_, line, n) < 0 && errno == EINTR) {
    }
  }

 private:
  int fd_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> open_info_log(const std::filesystem::path& dir, bool write) {
  const int fd = !write ? -1
                        : ::open((dir / "LOG").c_str(),
                                 O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  return std::make_shared<WarningLog>(fd);
}

}  // namespace kiosque::archive::detail
