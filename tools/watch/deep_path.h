// System calls on paths of any length, PATH_MAX (4,096 bytes) included.
//
// A folder tree can be nested deeper than PATH_MAX allows a path to name; the kernel then refuses
// the whole path (ENAMETOOLONG), though each folder can still be opened relative to its parent.
// Thread-safe: no shared state.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <functional>

namespace kiosque::tools {

// Runs op(dirfd, name) on `path`: with AT_FDCWD and the whole path when it fits, else with its
// folder opened one component at a time (openat, never following a link) and its last component.
// Returns what op returns, or -1 with errno set when a folder on the way cannot be opened.
int call_at(const std::filesystem::path& path,
            const std::function<int(int dirfd, const char* name)>& op);

// lstat(2) for any length of path.
int lstat_at(const std::filesystem::path& path, struct stat& st);

}  // namespace kiosque::tools
