// The data folder: where kiosque keeps everything, and the folders inside it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "kiosque/archive/store.h"
#include "kiosque/base/result.h"

namespace kiosque::tools {

struct DataFolder {
  std::filesystem::path root;

  std::filesystem::path archive() const { return root / "archive"; }
  std::filesystem::path index() const { return root / "index"; }
  std::filesystem::path inbox() const { return root / "inbox"; }
  std::filesystem::path rejected() const { return root / "rejected"; }
  std::filesystem::path processed() const { return root / "processed"; }
  // Files moved out of the inbox to be read: see inbox_staging.h.
  std::filesystem::path staging() const { return root / "staging"; }

  // The lock a running `kiosque watch` holds: see watch/watch_lock.h.
  std::filesystem::path watch_lock() const { return root / "watch.lock"; }

  // Whether an archive was ever created here.
  bool has_archive() const;

  // Creates the folder and its inbox, private to the owner (0700), if they are missing.
  // Errc::invalid_argument when the inbox is a symbolic link, or when the folder would lie inside
  // another data folder's inbox.
  Result<void> create() const;
};

// The data folder whose inbox holds `path` (at any depth), if one does: nothing kiosque writes
// may land there, or a watch would take it in as articles.
std::optional<DataFolder> enclosing_data_folder(const std::filesystem::path& path);

// Bytes free for an unprivileged writer on the file system holding `path`, if it can be told.
std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path);

// --data DIR if given, else $KIOSQUE_DATA, else ./kiosque-data.
DataFolder resolve_data_folder(const std::string& flag);

// Opens the folder's archive for writing, creating it if missing. When a `kiosque watch` holds
// it, the error says so and what to do instead.
Result<std::unique_ptr<archive::Store>> open_archive_for_writing(const DataFolder& folder);

// Readers open the archive (with the index) through read_snapshot (folder/read_snapshot.h).

}  // namespace kiosque::tools
