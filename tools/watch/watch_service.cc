#include "watch/watch_service.h"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "folder/watch_lock.h"
#include "kiosque/base/printable.h"
#include "watch/alert_checker.h"
#include "watch/inbox_intake.h"
#include "watch/inbox_scan.h"
#include "watch/inbox_staging.h"
#include "watch/inbox_watcher.h"
#include "watch/index_follower.h"
#include "watch/intake_pause.h"
#include "watch/pending_files.h"

namespace kiosque::tools {

namespace {

using Clock = std::chrono::steady_clock;

// Files per intake batch: large enough for group commit to pay off in a burst, small enough
// that a stop request is heard within a fraction of a second.
constexpr std::size_t kBatchFiles = 1000;
// How soon files that were not ready (empty, or still held by a writer) are looked at again.
constexpr auto kRetryAfter = std::chrono::seconds(1);
// The longest the loop sleeps without looking at the indexer.
constexpr auto kLongestWait = std::chrono::seconds(1);

// The exit of a watch that stopped on an error: the log says why first.
Error stopped_by(const Log& log, const Error& error) {
  log.error("stopped: {}", error.message);
  return error;
}

// One run of the service: what it opened, and the loop's state.
class Service {
 public:
  Service(const WatchConfig& config, WatchControl& control, const Log& log)
      : config_(config),
        control_(control),
        log_(log),
        pause_(config.folder, config.min_free, log) {}

  Result<void> run();

 private:
  // What a step of the loop decided.
  enum class Next { go_on, stop };

  const DataFolder& folder() const { return config_.folder; }
  std::string inbox_name(const std::filesystem::path& path) const {
    return base::printable_name(path.lexically_relative(folder().inbox()).string());
  }
  Result<void> open();
  // Reads inotify's events into the pending files; handles a vanished inbox.
  Result<void> take_events();
  // Files whose retry is due go back to the pending ones.
  void retry_due();
  Next take_request();
  // Takes in one batch; a full disk pauses intake rather than stopping.
  Result<void> take_batch();
  Result<void> wait();
  Result<void> finish(Result<void> outcome);

  const WatchConfig& config_;
  WatchControl& control_;
  const Log& log_;
  IntakePause pause_;

  std::optional<WatchLock> lock_;
  std::unique_ptr<archive::Store> store_;
  std::optional<Staging> staging_;
  std::unique_ptr<InboxWatcher> watcher_;
  // Declared before the follower, which tells it of each commit: destroyed after it.
  std::unique_ptr<AlertChecker> alerts_;
  std::unique_ptr<IndexFollower> follower_;
  IntakeConfig intake_;

  PendingFiles pending_;
  std::vector<StagedFile> staged_;            // staged files to take in, leftovers first
  std::vector<std::filesystem::path> retry_;  // looked at again at retry_at_
  std::vector<StagedFile> waiting_;           // staged files a writer still held, likewise
  Clock::time_point retry_at_ = Clock::time_point::max();
  Clock::time_point next_rescan_;
  IntakeCounts total_;
  std::string stopped_on_;
};

Result<void> Service::open() {
  if (auto made = folder().create(); !made) return propagate(made);
  auto lock = WatchLock::acquire(folder());
  if (!lock) return propagate(lock);
  lock_.emplace(std::move(*lock));

  auto store = archive::Store::open(folder().archive());
  if (!store && store.error().code == Errc::busy) {
    return fail(Errc::busy, store.error().message,
                "wait for that command to finish, then start the watch");
  }
  if (!store) return std::unexpected(stopped_by(log_, store.error()));
  store_ = std::move(*store);
  // What a killed run wrote but did not sync is durable before anything is indexed from it.
  if (auto synced = store_->sync(); !synced)
    return std::unexpected(stopped_by(log_, synced.error()));
  auto indexer = open_index_healing(folder().index(), log_);
  if (!indexer) return std::unexpected(stopped_by(log_, indexer.error()));
  auto staging = Staging::open(folder());
  if (!staging) return std::unexpected(stopped_by(log_, staging.error()));
  staging_.emplace(std::move(*staging));
  auto watcher = InboxWatcher::open(folder().inbox());
  if (!watcher) return std::unexpected(stopped_by(log_, watcher.error()));
  watcher_ = std::move(*watcher);

  const std::uint64_t archived = store_->last_seq();
  const std::uint64_t unindexed = archived - std::min(archived, (*indexer)->last_seq());
  alerts_ = std::make_unique<AlertChecker>(folder(), *store_, log_);
  follower_ =
      std::make_unique<IndexFollower>(*store_, std::move(*indexer), indexer::UpdaterConfig{}, log_,
                                      [this](std::uint64_t seq) { alerts_->indexed(seq); });
  follower_->advance(archived);
  log_.info("watching {} ({} articles archived{})", base::printable_name(folder().inbox().string()),
            archived, unindexed > 0 ? fmt::format(", {} to index", unindexed) : std::string());

  intake_.folder = folder();
  intake_.keep = config_.keep;
  intake_.ingest.limits.max_bytes = config_.max_size;
  intake_.ingest.threads = config_.threads;
  pending_.add(scan_inbox(folder().inbox()));
  // Files a killed run had staged but not finished with come first.
  staged_ = staging_->leftovers();
  next_rescan_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(config_.rescan_every);
  return {};
}

Result<void> Service::take_events() {
  auto events = watcher_->read();
  if (!events) return propagate(events);
  for (const std::string& warning : events->warnings) log_.warn("{}", warning);
  if (events->inbox_gone) {
    // Deleted or moved away: a new, empty inbox takes its place, for files keep coming.
    if (auto made = folder().create(); !made) return propagate(made);
    auto reopened = InboxWatcher::open(folder().inbox());
    if (!reopened) return propagate(reopened);
    watcher_ = std::move(*reopened);
    log_.warn("the inbox {} was deleted or moved away: a new one is in its place and watched",
              base::printable_name(folder().inbox().string()));
    pending_.add(scan_inbox(folder().inbox()));
    return {};
  }
  for (const auto& added : events->new_folders) {
    log_.detail("new folder {}", inbox_name(added));
    pending_.add(scan_inbox(added));
  }
  pending_.add(events->files);
  if (events->overflow || Clock::now() >= next_rescan_) {
    if (events->overflow) log_.warn("inotify's queue overflowed: rescanning the inbox");
    pending_.add(scan_inbox(folder().inbox()));
    log_.detail("rescanned the inbox");
    next_rescan_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(config_.rescan_every);
  }
  return {};
}

void Service::retry_due() {
  if (Clock::now() < retry_at_) return;
  pending_.add(retry_);
  retry_.clear();
  staged_.insert(staged_.end(), waiting_.begin(), waiting_.end());
  waiting_.clear();
  retry_at_ = Clock::time_point::max();
}

Service::Next Service::take_request() {
  const WatchRequest request = control_.take();
  if (request.kind == WatchRequest::Kind::rescan) {
    log_.info("{}: rescanning the inbox", request.name);
    pending_.add(scan_inbox(folder().inbox()));
  } else if (request.kind == WatchRequest::Kind::stop) {
    stopped_on_ = request.name;
    return Next::stop;
  }
  return Next::go_on;
}

Result<void> Service::take_batch() {
  const auto batch = pending_.take(kBatchFiles);
  const auto these_staged = std::exchange(staged_, {});
  const auto start = Clock::now();
  auto counts = take_in(*store_, *staging_, batch, these_staged, intake_, log_);
  if (!counts && (counts.error().code == Errc::no_space || counts.error().code == Errc::io_error)) {
    pause_.pause_on(counts.error());
    return {};
  }
  if (!counts) return propagate(counts);
  follower_->advance(store_->last_seq());
  if (!counts->retry.empty() || !counts->waiting.empty()) {
    retry_.insert(retry_.end(), counts->retry.begin(), counts->retry.end());
    waiting_.insert(waiting_.end(), counts->waiting.begin(), counts->waiting.end());
    retry_at_ = std::min(retry_at_, Clock::now() + kRetryAfter);
  }
  log_.detail("batch of {} files in {:.1f} ms", batch.size() + these_staged.size(),
              std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  total_.added += counts->added;
  total_.duplicates += counts->duplicates;
  total_.new_raw_versions += counts->new_raw_versions;
  total_.rejected += counts->rejected;
  return {};
}

Result<void> Service::wait() {
  // Wake for inotify, a request, the rescan timer, a retry, or once a second to check on the
  // indexer.
  pollfd fds[2] = {{watcher_->fd(), POLLIN, 0}, {control_.fd(), POLLIN, 0}};
  const auto now = Clock::now();
  Clock::duration wait = std::min<Clock::duration>(next_rescan_ - now, kLongestWait);
  if (const auto soonest = std::min(retry_at_, pause_.next_try());
      soonest != Clock::time_point::max()) {
    wait = std::min(wait, soonest - now);
  }
  const int timeout_ms = static_cast<int>(
      std::max<std::int64_t>(0, std::chrono::ceil<std::chrono::milliseconds>(wait).count()));
  if (::poll(fds, 2, timeout_ms) < 0 && errno != EINTR) {
    return fail(Errc::internal, fmt::format("cannot wait for events: {}", std::strerror(errno)));
  }
  return {};
}

Result<void> Service::finish(Result<void> outcome) {
  if (!stopped_on_.empty()) log_.info("stopping on {}", stopped_on_);
  auto indexed = follower_->finish();
  alerts_->finish();
  const std::uint64_t backlog = follower_->backlog();
  log_.info("stopped: {} added, {} duplicates, {} new raw versions, {} rejected{}", total_.added,
            total_.duplicates, total_.new_raw_versions, total_.rejected,
            backlog > 0 ? fmt::format("; {} articles are indexed at the next start", backlog)
                        : std::string());
  if (!outcome) return std::unexpected(stopped_by(log_, outcome.error()));
  if (!indexed) return std::unexpected(stopped_by(log_, indexed.error()));
  return {};
}

Result<void> Service::run() {
  if (auto opened = open(); !opened) return opened;
  for (;;) {
    if (auto events = take_events(); !events) return finish(events);
    retry_due();
    if (follower_->failure()) return finish({});
    if (take_request() == Next::stop) return finish({});

    const bool work = !pending_.empty() || !staged_.empty();
    if (work) pause_.check_space();
    if (pause_.try_resume(*store_)) {
      pending_.add(scan_inbox(folder().inbox()));
      staged_ = staging_->leftovers();
      waiting_.clear();  // listed again among the leftovers
    }
    if (!pause_.paused() && work) {
      if (auto taken = take_batch(); !taken) return finish(taken);
      continue;
    }
    if (auto waited = wait(); !waited) return finish(waited);
  }
}

}  // namespace

Result<void> run_watch(const WatchConfig& config, WatchControl& control, const Log& log) {
  Service service(config, control, log);
  return service.run();
}

}  // namespace kiosque::tools
