// Checks what `watch` indexes against the saved alerts (saved_alerts.h), on a thread of its own:
// an alert, its query or its command never delays intake or indexing.
//
// After each index commit the follower says how far the index goes; the checker runs every saved
// query over the articles logged since the last check (and not before the alert was saved),
// appends each new match to the matches log, then runs the alert's command for it, trying a
// failing command again up to kAttempts times in all before logging that it gave up. Where it
// stopped is kept in the data folder: a watch killed mid-check checks the rest at its next start,
// and a match already logged is neither logged nor run again.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "alerts/saved_alerts.h"
#include "kiosque/archive/store.h"
#include "watch/log.h"

namespace kiosque::tools {

struct AlertCheckerConfig {
  int attempts = 3;                             // runs of a failing command, in all
  std::chrono::milliseconds retry_after{1000};  // doubled after each failure
  std::chrono::milliseconds command_timeout{30000};
};

// Thread-safety: indexed() and finish() may be called from any thread.
class AlertChecker {
 public:
  // `store` and `log` must outlive the checker.
  AlertChecker(const DataFolder& folder, const archive::Store& store, const Log& log,
               AlertCheckerConfig config = {});
  ~AlertChecker();
  AlertChecker(const AlertChecker&) = delete;
  AlertChecker& operator=(const AlertChecker&) = delete;

  // The index holds every log entry up to `seq`.
  void indexed(std::uint64_t seq);
  // Stops after the alert in hand; what is left is checked at the next start.
  void finish();

 private:
  void run();
  void check_up_to(std::uint64_t seq);
  void run_command_for(const SavedAlert& alert, const AlertMatch& match);
  bool finishing() const;

  DataFolder folder_;
  AlertFiles files_;
  const archive::Store& store_;
  const Log& log_;
  AlertCheckerConfig config_;
  std::set<std::pair<std::string, std::string>> logged_;  // (alert, article id) already matched
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t target_ = 0;
  bool finishing_ = false;
  std::jthread thread_;
};

}  // namespace kiosque::tools
