// Finding what waits in the inbox, without trusting inotify.
#pragma once

#include <filesystem>
#include <vector>

namespace kiosque::tools {

// Every file under `folder` that is not a folder and not a hidden or temporary name, sorted, at any
// depth (paths longer than PATH_MAX included: see deep_path.h).
// Links, FIFOs and devices are listed (to be refused), never followed or opened.
std::vector<std::filesystem::path> scan_inbox(const std::filesystem::path& folder);

// True when something, even a dangling link, has this name.
bool entry_exists(const std::filesystem::path& path);

// True when some process still has the regular file `path` open for writing, so it may be
// half-written: its close will raise IN_CLOSE_WRITE later. Found with a read lease, which the
// kernel refuses while a writer is open; when a lease cannot be asked for (a file owned by
// another user), false. A writer that opens the file during the check raises SIGURG in this
// process, ignored unless the process handles it (so none must).
bool is_being_written(const std::filesystem::path& path);

}  // namespace kiosque::tools
