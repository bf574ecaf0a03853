// Signals as the watch service's control: SIGINT and SIGTERM stop it, SIGHUP rescans the inbox.
#pragma once

#include <signal.h>

#include "watch/watch_control.h"

namespace kiosque::tools {

// Blocks the three signals and reads them from a signalfd. Construct it before any thread
// starts, so that every thread RocksDB, Xapian and kiosque start inherits the mask and the
// service's loop alone sees them. SIGPIPE is ignored: a log nobody reads any more is no reason
// to stop taking articles in. The previous mask is restored on destruction.
class WatchSignals final : public WatchControl {
 public:
  WatchSignals();
  ~WatchSignals() override;
  WatchSignals(const WatchSignals&) = delete;
  WatchSignals& operator=(const WatchSignals&) = delete;

  // -1 when the signalfd could not be made (errno says why).
  int fd() const override { return fd_; }
  WatchRequest take() override;

 private:
  sigset_t set_{};
  sigset_t previous_{};
  int fd_ = -1;
};

}  // namespace kiosque::tools
