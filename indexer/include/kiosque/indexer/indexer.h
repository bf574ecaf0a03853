// The one owner of an index folder.
//
// Everything that writes the index goes through an Indexer: it opens the folder (and, when asked,
// starts afresh from a damaged one), brings the index up to the archive's log and decides how
// (bulk build or steady catch-up, below), reopens its writer after a full disk, starts the index
// afresh after damage, and stops early when UpdaterConfig::keep_going says so. The metadata it
// writes with each commit (log watermark, analyser version, set-aside articles) has one schema,
// in indexer/src/index_meta.h. This is the one place a sharded index extends to N shards.
//
// The archive is the truth: an index can always be removed and rebuilt from it.
// Used from one thread at a time; it holds Xapian's single-writer lock on the folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "kiosque/archive/store.h"
#include "kiosque/base/result.h"
#include "kiosque/indexer/updater.h"

namespace kiosque::indexer {

// How update() brings a backlog in.
enum class Pace {
  // Quickest to the end: a backlog at least as large as the index is analysed on every core into
  // shards that are merged with the index into one compact index and swapped in (readers see
  // nothing of it until the swap); a smaller backlog is caught up with commits as it goes.
  fastest,
  // Searchable as it goes: always commits, at least every commit_interval, so readers see
  // articles arrive at a steady pace. What `watch` uses while files keep coming.
  steady,
};

struct IndexerOptions {
  // A damaged index, or one another analyser built, is removed and started afresh (the caller
  // then indexes the whole archive again) instead of being an error; `on_heal` is told why.
  bool heal = false;
  std::function<void(const Error&)> on_heal;
};

class Indexer {
 public:
  // Opens the index in `dir`, creating it if missing. Errc::busy when another process writes it;
  // without options.heal, Errc::corruption or version_mismatch for an index it cannot use.
  static Result<std::unique_ptr<Indexer>> open(const std::filesystem::path& dir,
                                               IndexerOptions options = {});
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  const std::filesystem::path& dir() const;
  // The log sequence number the index is complete up to.
  std::uint64_t last_seq() const;
  std::uint64_t document_count() const;

  // Whether update() at Pace::fastest would bulk-build a backlog of this many articles (a caller
  // that could index as it archives does better to archive first, then).
  bool bulk_builds(std::uint64_t backlog) const;

  // Indexes the store's log after last_seq() up to config.through_seq (0: the store's last entry),
  // or as config.follow allows, at `pace` (a log that grows is always caught up, never
  // bulk-built); `progress(done, total)` after each commit. An article the index refuses is set
  // aside and the others go on. Errc::no_space or io_error: what was committed stays, and the
  // writer is gone until reopen() succeeds. Errc::corruption: rebuild().
  Result<UpdateTotals> update(
      const archive::Store& store, const UpdaterConfig& config, Pace pace,
      const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});
  // Opens the writer again at the index's last commit, after a full disk made Xapian drop it.
  Result<void> reopen();
  // Removes the index (and a crash's damage marker) and starts an empty one, after damage.
  Result<void> rebuild();

  // Builds a new index of the whole archive beside `dir` and swaps it in, for an analyser upgrade
  // or a damaged index: readers keep the old index until the swap, and a failed build leaves it in
  // place. The caller keeps other writers out (by holding the archive open for writing).
  static Result<UpdateTotals> build_anew(
      const std::filesystem::path& dir, const archive::Store& store,
      const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::indexer
