#include "folder/data_folder.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "folder/watch_lock.h"
#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

Result<void> make_private_dir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return fail(Errc::invalid_argument,
                  fmt::format("{} exists and is not a folder", dir.string()));
    }
    return {};
  }
  return fail(errno == ENOSPC ? Errc::no_space : Errc::io_error,
              fmt::format("cannot create {}: {}", dir.string(), std::strerror(errno)));
}

}  // namespace

Result<void> DataFolder::create() const {
  if (const auto host = enclosing_data_folder(root)) {
    return fail(
        Errc::invalid_argument,
        fmt::format("{} is inside the inbox of the data folder {}, which would take its files in "
                    "as articles",
                    base::printable_name(root.string()), base::printable_name(host->root.string())),
        "choose a data folder outside any kiosque inbox");
  }
  std::error_code ec;
  if (root.has_parent_path() && !root.parent_path().empty()) {
    std::filesystem::create_directories(root.parent_path(), ec);
  }
  struct stat st {};
  if (::lstat(inbox().c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    return fail(
        Errc::invalid_argument,
        fmt::format(
            "the inbox {} is a symbolic link, and kiosque never follows links in its data folder",
            base::printable_name(inbox().string())),
        "make inbox/ a real folder on the data folder's disk");
  }
  for (const auto& dir : {root, inbox()}) {
    if (auto made = make_private_dir(dir); !made) return made;
  }
  return {};
}

std::optional<DataFolder> enclosing_data_folder(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path full =
      std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) return std::nullopt;
  for (std::filesystem::path p = full; p.has_relative_path(); p = p.parent_path()) {
    const DataFolder candidate{p};
    const auto [inside, rest] =
        std::mismatch(candidate.root.begin(), candidate.root.end(), full.begin(), full.end());
    if (inside != candidate.root.end()) continue;
    // `full` is `p` itself or below it: is it in p's inbox, and is p a data folder?
    if (rest == full.end() || *rest != candidate.inbox().filename()) continue;
    if (std::filesystem::exists(candidate.archive(), ec) ||
        std::filesystem::exists(candidate.watch_lock(), ec)) {
      return candidate;
    }
  }
  return std::nullopt;
}

Result<std::unique_ptr<archive::Store>> open_archive_for_writing(const DataFolder& folder) {
  auto store = archive::Store::open(folder.archive());
  if (store || store.error().code != Errc::busy) return store;
  const auto watch = running_watch(folder);
  if (!watch) return store;
  const std::string inbox = base::printable_name(folder.inbox().string());
  return fail(
      Errc::busy,
      fmt::format("kiosque watch{} is running on {} and holds its archive",
                  *watch > 0 ? fmt::format(" (pid {})", *watch) : std::string(),
                  base::printable_name(folder.root.string())),
      fmt::format(
          "drop the files into {0}/ instead (for example: cp FILE... {0}/) and the watch takes "
          "them in; or stop the watch first",
          inbox));
}

bool DataFolder::has_archive() const { return archive::Store::exists(archive()); }

std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

DataFolder resolve_data_folder(const std::string& flag) {
  if (!flag.empty()) return {flag};
  if (const char* env = std::getenv("KIOSQUE_DATA"); env != nullptr && *env != '\0') return {env};
  return {"kiosque-data"};
}

}  // namespace kiosque::tools
