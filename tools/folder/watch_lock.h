// One `kiosque watch` per data folder: an flock on DATA/watch.lock, which holds its pid.
#pragma once

#include <optional>

#include "folder/data_folder.h"

namespace kiosque::tools {

class WatchLock {
 public:
  // Errc::busy, naming the pid, when another watch holds the folder.
  static Result<WatchLock> acquire(const DataFolder& folder);
  ~WatchLock();
  WatchLock(WatchLock&& other) noexcept;
  WatchLock& operator=(WatchLock&&) = delete;
  WatchLock(const WatchLock&) = delete;

 private:
  explicit WatchLock(int fd) : fd_(fd) {}
  int fd_;
};

// The pid of the watch running on `folder`, if one is.
std::optional<long> running_watch(const DataFolder& folder);

}  // namespace kiosque::tools
