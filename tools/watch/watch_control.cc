#include "watch/watch_control.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace kiosque::tools {

namespace {

// Each request adds its own unit: one rescan adds 1, a stop adds 1 << 32, so one read tells both.
constexpr std::uint64_t kRescan = 1;
constexpr std::uint64_t kStop = std::uint64_t{1} << 32;

}  // namespace

ManualControl::ManualControl() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

ManualControl::~ManualControl() {
  if (fd_ >= 0) ::close(fd_);
}

void ManualControl::post(std::uint64_t bits) {
  while (::write(fd_, &bits, sizeof bits) < 0 && errno == EINTR) {
  }
}

void ManualControl::stop() { post(kStop); }
void ManualControl::rescan() { post(kRescan); }

WatchRequest ManualControl::take() {
  std::uint64_t value = 0;
  if (::read(fd_, &value, sizeof value) != static_cast<ssize_t>(sizeof value)) return {};
  if (value >= kStop) return {WatchRequest::Kind::stop, "a stop request"};
  return {WatchRequest::Kind::rescan, "a rescan request"};
}

}  // namespace kiosque::tools
