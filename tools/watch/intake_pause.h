// Intake's pause while the disk is full, or nearly: when to pause, and when writing works again.
//
// The service pauses before the disk is full rather than meet ENOSPC in the middle of a write,
// and also after intake met a full disk (or another I/O failure of the archive) all the same.
// Paused, files wait in the inbox; each second the free space is looked at and the archive asked
// to resume writing, and intake resumes as soon as both allow.
#pragma once

#include <chrono>
#include <cstdint>

#include "folder/data_folder.h"
#include "kiosque/archive/store.h"
#include "watch/log.h"

namespace kiosque::tools {

// Thread-safety: used by the service's loop only.
class IntakePause {
 public:
  using Clock = std::chrono::steady_clock;

  IntakePause(const DataFolder& folder, std::uint64_t min_free, const Log& log)
      : folder_(folder), min_free_(min_free), log_(log) {}

  bool paused() const { return paused_; }
  // When the next attempt to resume is due (time_point::max() while not paused).
  Clock::time_point next_try() const { return resume_at_; }

  // Before a batch: pauses when the disk has less than min_free left.
  void check_space();
  // After intake failed with Errc::no_space or io_error.
  void pause_on(const Error& error);
  // When due, tries writing again; true when intake has just resumed.
  bool try_resume(archive::Store& store);

 private:
  void pause();

  const DataFolder& folder_;
  std::uint64_t min_free_;
  const Log& log_;
  bool paused_ = false;
  Clock::time_point resume_at_ = Clock::time_point::max();
};

}  // namespace kiosque::tools
