// One consistent view of a data folder for every reader: the index, then the archive.
//
// The index only names articles already synced in the archive, so an archive opened after the
// index sees every article the index names. A writer may commit in between: a reader that meets
// an article newer than its archive (Errc::busy from the Searcher, from check_index or from
// Searcher::copy_to) gets both opened again and its step run again, a few times. Search, similar,
// show, list, stats, verify, backup, the bench and the fuzzers all read through here.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "kiosque/archive/store.h"
#include "kiosque/base/result.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::indexer {

enum class IndexNeed {
  required,    // no index is an error (Errc::not_found)
  if_present,  // no index: `index` is null
  none,        // the archive alone
};

struct SnapshotPaths {
  std::filesystem::path index;
  std::filesystem::path archive;
};

// The index (when needed) opened first, then the archive. Used from one thread at a time; a
// reader that keeps one for long (the bench, a fuzzer) sees the folder as it was when opened.
class ReaderSnapshot {
 public:
  // Errc::not_found when the archive, or a required index, is missing.
  static Result<ReaderSnapshot> open(const SnapshotPaths& paths, IndexNeed need);

  // Null when the folder has no index and `need` allowed that, or was IndexNeed::none.
  Searcher* index() const { return index_.get(); }
  const archive::Store& archive() const { return *archive_; }

 private:
  ReaderSnapshot(std::unique_ptr<Searcher> index, std::unique_ptr<archive::Store> archive)
      : index_(std::move(index)), archive_(std::move(archive)) {}
  std::unique_ptr<Searcher> index_;
  std::unique_ptr<archive::Store> archive_;
};

using SnapshotStep = std::function<Result<void>(const ReaderSnapshot&)>;

// Opens the snapshot and runs `step` on it, again on a fresh snapshot when it fails with
// Errc::busy (at most four runs in all). `step` may therefore run more than once: it should
// print nothing until it has succeeded.
Result<void> read_snapshot(const SnapshotPaths& paths, IndexNeed need, const SnapshotStep& step);

}  // namespace kiosque::indexer
