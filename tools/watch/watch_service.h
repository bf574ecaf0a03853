// The watch service: every article dropped into a data folder's inbox, archived then indexed,
// until stopped.
//
// One thread (the caller's) runs the loop: inotify and the rescans find files, intake stages,
// reads and archives them in batches and disposes of them once synced (watch/inbox_intake.h);
// an IndexFollower thread indexes what intake synced (watch/index_follower.h). A full disk, or a
// disk with less than `min_free` left, pauses intake, which retries each second and resumes by
// itself. `kiosque watch` parses its options into a WatchConfig and calls run_watch; tests and
// embedding programs call it too, with a ManualControl and a log sink of their own.
#pragma once

#include <chrono>
#include <cstdint>

#include "folder/data_folder.h"
#include "kiosque/archive/file_reader.h"
#include "watch/log.h"
#include "watch/watch_control.h"

namespace kiosque::tools {

struct WatchConfig {
  DataFolder folder;
  bool keep = false;  // move taken files to processed/ instead of removing them
  std::chrono::duration<double> rescan_every{
      60};  // full scans of the inbox, for what inotify missed
  std::uint64_t max_size = archive::ReadLimits{}.max_bytes;  // larger files are refused
  unsigned threads = 0;                   // preparing and analysing; 0: one per core
  std::uint64_t min_free = 100ull << 20;  // pause intake below this much free space
};

// Runs until `control` asks it to stop (then returns after the batch in hand, and after indexing
// what fits in one commit), or until an error stops it (logged first, then returned). Errc::busy
// when another watch runs on the folder. Takes the folder's watch lock for its whole run.
Result<void> run_watch(const WatchConfig& config, WatchControl& control, const Log& log);

}  // namespace kiosque::tools
