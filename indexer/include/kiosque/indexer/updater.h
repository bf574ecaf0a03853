// Brings the index up to date with the archive's log.
//
// The updater reads the log from the sequence number the index recorded, analyses articles on
// worker threads, writes them on the calling thread (the only one that touches the writer), and
// commits every `commit_docs` articles or `commit_interval`, whichever comes first. Every archived
// article ends up indexed exactly once, even after a crash between an archive write and an index
// commit: the next catch-up replays the gap.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "kiosque/archive/store.h"
#include "kiosque/indexer/index_writer.h"

namespace kiosque::indexer {

struct UpdaterConfig {
  std::size_t commit_docs = 2000;                   // commit at least every this many articles…
  std::chrono::milliseconds commit_interval{1000};  // …and at least this often while indexing
  unsigned threads = 0;                             // analysing threads; 0: one per core
  // Index the log up to this entry; 0: up to store.last_seq() when catch_up starts. A writer that
  // indexes beside its own archive writes passes what it has synced, so that the index never
  // names an article a power cut could take from the archive.
  std::uint64_t through_seq = 0;
  // When set, the log grows while catch_up runs (`kiosque add` indexes what it has synced while it
  // archives the rest): once catch_up has read every entry up to the last one allowed, it calls
  // follow(that entry), which blocks until later entries may be indexed and returns the last of
  // them, or returns its argument when the log is complete. Replaces through_seq. Called on a
  // thread of catch_up's own, never at the same time as itself.
  std::function<std::uint64_t(std::uint64_t)> follow;
  // Asked after each commit; catch_up returns early when it says false.
  std::function<bool()> keep_going;
  // Told of each article set aside (see SetAside), once, as it happens.
  std::function<void(const SetAside&)> on_set_aside;
};

struct UpdateTotals {
  std::uint64_t indexed = 0;
  std::uint64_t set_aside = 0;  // articles that could not be indexed, recorded in the index
  std::uint64_t commits = 0;
  std::chrono::nanoseconds analyse{0}, index{0}, commit{0};
  std::chrono::nanoseconds merge{0};                   // bulk_build's merge and swap
  std::vector<std::chrono::nanoseconds> commit_times;  // each commit's, in order
};

// Indexes every log entry after writer.last_seq(), up to config.through_seq. `progress(done,
// total)` is called after each commit. An article the index refuses is set aside (recorded in the
// index with its reason) and the others go on; any other error stops it, and what was committed
// stays committed.
Result<UpdateTotals> catch_up(
    const archive::Store& store, IndexWriter& writer, const UpdaterConfig& config,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace kiosque::indexer
