// What asks a running watch service to rescan its inbox or to stop.
//
// The service polls fd() beside inotify and calls take() when it is readable. The command line
// drives it with signals (cli/watch_signals.h); tests and embedding programs with ManualControl.
#pragma once

#include <cstdint>
#include <string>

namespace kiosque::tools {

struct WatchRequest {
  enum class Kind { none, rescan, stop } kind = Kind::none;
  std::string name;  // for the log: "SIGTERM", "SIGHUP", "a stop request"
};

class WatchControl {
 public:
  virtual ~WatchControl() = default;
  // Readable while a request waits.
  virtual int fd() const = 0;
  // The oldest waiting request, or Kind::none.
  virtual WatchRequest take() = 0;
};

// Requests made by calls. Thread-safety: stop() and rescan() may be called from any thread while
// the service runs (take() is the service's).
class ManualControl final : public WatchControl {
 public:
  ManualControl();
  ~ManualControl() override;
  ManualControl(const ManualControl&) = delete;
  ManualControl& operator=(const ManualControl&) = delete;

  void stop();
  void rescan();

  int fd() const override { return fd_; }
  WatchRequest take() override;

 private:
  void post(std::uint64_t bits);
  int fd_ = -1;  // an eventfd: stop and rescan are bits added to its counter
};

}  // namespace kiosque::tools
