#include "watch/inbox_staging.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "folder/os_error.h"
#include "kiosque/base/clock.h"
#include "kiosque/base/printable.h"
#include "kiosque/base/text_fold.h"
#include "watch/deep_path.h"

namespace kiosque::tools {

namespace {

// Staged names are PREFIX-N~NAME: sorted by arrival within a run, with the inbox name after '~'
// so that a run after a crash still knows what each file was called.
constexpr char kNameMark = '~';

std::string staged_name(const std::string& prefix, std::uint64_t n,
                        const std::filesystem::path& inbox_file) {
  return base::cut_utf8(
      fmt::format("{}-{:08}{}{}", prefix, n, kNameMark, inbox_file.filename().string()), NAME_MAX);
}

}  // namespace

Result<Staging> Staging::open(const DataFolder& folder) {
  const auto dir = folder.staging();
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return std::unexpected(os_error(errno, "create", dir));
  struct stat staging {
  }, inbox{};
  if (::lstat(dir.c_str(), &staging) != 0) return std::unexpected(os_error(errno, "read", dir));
  if (!S_ISDIR(staging.st_mode)) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is not a folder", base::printable_name(dir.string())));
  }
  if (::lstat(folder.inbox().c_str(), &inbox) != 0)
    return std::unexpected(os_error(errno, "read", folder.inbox()));
  if (inbox.st_dev != staging.st_dev) {
    return fail(Errc::invalid_argument,
                fmt::format("the inbox {} is on another file system than the data folder",
                            base::printable_name(folder.inbox().string())),
                "files move from the inbox into the data folder by rename: keep inbox/ on the data "
                "folder's disk");
  }
  const auto now = base::unix_ms_now();
  return Staging(folder, fmt::format("{}-{}", now, ::getpid()));
}

Result<std::optional<StagedFile>> Staging::stage(const std::filesystem::path& inbox_file) {
  const std::filesystem::path target =
      folder_.staging() / staged_name(prefix_, ++next_, inbox_file);
  const int moved = call_at(inbox_file, [&](int dirfd, const char* name) {
    return ::renameat2(dirfd, name, AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
  });
  if (moved != 0) {
    if (errno == ENOENT) return std::nullopt;
    return std::unexpected(os_error(errno, "move into staging/", inbox_file));
  }
  return StagedFile{target, inbox_file.lexically_relative(folder_.inbox())};
}

std::vector<StagedFile> Staging::leftovers() const {
  std::vector<StagedFile> found;
  DIR* listing = ::opendir(folder_.staging().c_str());
  if (listing == nullptr) return found;
  while (const dirent* e = ::readdir(listing)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    const auto mark = name.find(kNameMark);
    found.push_back({folder_.staging() / name, mark == std::string::npos || mark + 1 == name.size()
                                                   ? name
                                                   : name.substr(mark + 1)});
  }
  ::closedir(listing);
  std::sort(found.begin(), found.end(),
            [](const StagedFile& a, const StagedFile& b) { return a.path < b.path; });
  return found;
}

}  // namespace kiosque::tools
