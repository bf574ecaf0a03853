// Keeps the index in step with the archive while `watch` writes to it, on a thread of its own.
//
// The intake thread announces each sequence number it has synced; the follower indexes up to it
// at once, in one small commit when a few articles arrived, and at least once a second during a
// burst, so that what is archived keeps becoming searchable at a steady pace (a bulk build would
// index a burst faster but show none of it until its merge). It never indexes past what is
// synced, so a power cut cannot leave the index naming an article the archive lost.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosque/archive/store.h"
#include "kiosque/indexer/indexer.h"
#include "watch/log.h"

namespace kiosque::tools {

// Opens the index in `index_dir` for the follower; one that is damaged, or that another analyser
// built, is removed and started afresh (the archive is the truth: the follower then indexes
// every article again, while intake goes on), with one log line saying so.
Result<std::unique_ptr<indexer::Indexer>> open_index_healing(const std::filesystem::path& index_dir,
                                                             const Log& log);

// Thread-safety: advance(), failure() and finish() may be called from any thread; the indexer is
// used only on the follower's own thread until finish() returns.
class IndexFollower {
 public:
  // `store` and `log` must outlive the follower. `on_indexed(seq)`, when given, is told on the
  // follower's thread each time the index holds every entry up to `seq` (at start, then after
  // each update); it must return quickly.
  IndexFollower(const archive::Store& store, std::unique_ptr<indexer::Indexer> indexer,
                indexer::UpdaterConfig config, const Log& log,
                std::function<void(std::uint64_t)> on_indexed = {});
  ~IndexFollower();
  IndexFollower(const IndexFollower&) = delete;
  IndexFollower& operator=(const IndexFollower&) = delete;

  // Everything up to `seq` is synced in the archive: index it.
  void advance(std::uint64_t seq);
  // The error that stopped the follower, if one did.
  std::optional<Error> failure() const;
  // Stops the thread after indexing what was announced, if that fits in one commit; a larger
  // backlog stops at the next commit and is indexed at the next start.
  Result<void> finish();
  // Articles announced but not yet indexed; call after finish().
  std::uint64_t backlog() const;

 private:
  void run();
  bool small_backlog() const;       // with mutex_ held
  std::uint64_t unindexed() const;  // with mutex_ held
  // Waits, then reopens the writer; false when asked to finish meanwhile.
  bool pause_then_reopen();
  // Starts the index afresh after damage met while indexing; false when that failed too.
  bool rebuild(const Error& damage);
  void stop_on(const Error& error);
  static constexpr int kRetrySeconds = 5;

  const archive::Store& store_;
  std::unique_ptr<indexer::Indexer> indexer_;
  indexer::UpdaterConfig config_;
  const Log& log_;
  std::function<void(std::uint64_t)> on_indexed_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t target_ = 0;
  bool finishing_ = false;
  std::optional<Error> failure_;
  std::jthread thread_;
};

}  // namespace kiosque::tools
