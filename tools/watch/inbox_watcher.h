// inotify on the inbox and every folder under it.
//
// IN_CLOSE_WRITE and IN_MOVED_TO name files to take in; a created file is named only when it
// will never be closed after writing (a hard link to an existing file, a link, a FIFO, a device),
// so half-written files are left alone. New folders are watched as they appear. inotify
// is a hint: the caller also scans the inbox at start-up, after an overflow and on a timer.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosque/base/result.h"

namespace kiosque::tools {

struct InboxEvents {
  std::vector<std::filesystem::path> files;  // closed after writing, or moved in
  std::vector<std::filesystem::path>
      new_folders;                    // now watched; scan them, files may predate the watch
  bool overflow = false;              // events were lost: rescan everything
  bool inbox_gone = false;            // the inbox itself was deleted or moved away
  std::vector<std::string> warnings;  // folders that could not be watched, and why
};

class InboxWatcher {
 public:
  // Watches `root` and its folders. Errc::busy when the kernel's inotify limits are reached,
  // with the sysctl to raise them.
  static Result<std::unique_ptr<InboxWatcher>> open(const std::filesystem::path& root);
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  // A descriptor to poll() for input.
  int fd() const;
  // Reads the queued events without blocking. The first read also reports the folders open()
  // could not watch.
  Result<InboxEvents> read();
  // Folders watched now (the root included).
  std::size_t watched_folders() const;

 private:
  struct Impl;
  explicit InboxWatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::tools
