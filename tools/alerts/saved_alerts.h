// Saved searches that `watch` checks each newly indexed batch against, and what they matched: the
// data folder's alerts/ folder, read and written only here.
//
//   alerts/saved.json     {"schema": 1, "alerts": [SavedAlert...]}, replaced atomically
//   alerts/matches.jsonl  one line per match, appended: {"alert", "id", "seq", "title", "date",
//                         "date_kind", "source", "url", "at"}
//   alerts/seen/NAME      how far `kiosque alert show NAME` has read matches.jsonl (a byte offset)
//   alerts/checked        the last log entry watch has checked every alert against
//   alerts/commands.log   what alert commands wrote
//
// Changes to saved.json hold alerts/lock (flock), so two commands never lose each other's
// change; watch reads it without the lock (it is replaced by rename, never half written).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "folder/data_folder.h"
#include "kiosque/archive/article.h"
#include "kiosque/base/result.h"

namespace kiosque::tools {

struct SavedAlert {
  std::string name;   // [A-Za-z0-9_-], at most 64: it names a file
  std::string query;  // as `kiosque search` takes it
  std::string since;  // a date bound, as --since takes it; empty for none
  // Run for each match, with the article's fields in its environment (KIOSQUE_ALERT, _ID,
  // _TITLE, _DATE, _SOURCE, _URL); never through a shell. Empty for none.
  std::vector<std::string> command;
  std::uint64_t after_seq = 0;  // only articles logged after this entry can match
  std::int64_t created_ms = 0;
};

struct AlertMatch {
  std::string alert;
  archive::ArticleId id;
  std::uint64_t seq = 0;
  std::string title, date, date_kind, source, url;
  std::int64_t at_ms = 0;
};

class AlertFiles {
 public:
  explicit AlertFiles(const DataFolder& folder) : dir_(folder.root / "alerts") {}
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path commands_log() const { return dir_ / "commands.log"; }

  // Errc::invalid_argument for a name that cannot be one.
  static Result<void> check_name(std::string_view name);

  // The saved alerts, in the order they were added; none when the folder has none.
  Result<std::vector<SavedAlert>> load() const;
  // Errc::already_exists when an alert has that name.
  Result<void> add(const SavedAlert& alert) const;
  // Errc::not_found when none has that name. Its matches stay in the log.
  Result<void> remove(std::string_view name) const;

  // Appends `match` (one line, synced). Thread-compatible: one writer, watch's alert thread.
  Result<void> append(const AlertMatch& match) const;
  // The matches of `name` after where `alert show` last stopped, and that place's new value.
  struct Unseen {
    std::vector<AlertMatch> matches;
    std::uint64_t end = 0;
  };
  Result<Unseen> unseen(std::string_view name, bool from_start) const;
  Result<void> mark_seen(std::string_view name, std::uint64_t end) const;
  // Every match in the log, oldest first.
  Result<std::vector<AlertMatch>> all_matches() const;

  // The last log entry checked against every alert (0 when none was).
  Result<std::uint64_t> checked() const;
  Result<void> set_checked(std::uint64_t seq) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace kiosque::tools
