#include "watch/index_follower.h"

#include <algorithm>
#include <chrono>

#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

void say_rebuilding(const Log& log, const Error& why) {
  log.warn(
      "{}: rebuilding the index from the archive; intake goes on, and searches find the articles "
      "again as "
      "they are indexed",
      why.message);
}

}  // namespace

Result<std::unique_ptr<indexer::Indexer>> open_index_healing(const std::filesystem::path& index_dir,
                                                             const Log& log) {
  return indexer::Indexer::open(
      index_dir, {.heal = true, .on_heal = [&log](const Error& why) { say_rebuilding(log, why); }});
}

IndexFollower::IndexFollower(const archive::Store& store, std::unique_ptr<indexer::Indexer> indexer,
                             indexer::UpdaterConfig config, const Log& log,
                             std::function<void(std::uint64_t)> on_indexed)
    : store_(store),
      indexer_(std::move(indexer)),
      config_(std::move(config)),
      log_(log),
      on_indexed_(std::move(on_indexed)) {
  target_ = indexer_->last_seq();
  config_.on_set_aside = [this](const indexer::SetAside& entry) {
    log_.notice("not indexed {} (article {}): {}; the others go on, and `kiosque verify` lists it",
                base::printable_name(entry.file), entry.id_hex.substr(0, 12), entry.reason);
  };
  config_.keep_going = [this] {
    std::lock_guard lock(mutex_);
    return !finishing_ || small_backlog();
  };
  thread_ = std::jthread([this] { run(); });
}

IndexFollower::~IndexFollower() { (void)finish(); }

void IndexFollower::advance(std::uint64_t seq) {
  {
    std::lock_guard lock(mutex_);
    if (seq <= target_) return;
    target_ = seq;
  }
  wake_.notify_one();
}

std::optional<Error> IndexFollower::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

Result<void> IndexFollower::finish() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (auto failed = failure(); failed) return std::unexpected(*failed);
  return {};
}

void IndexFollower::stop_on(const Error& error) {
  log_.error("indexing stopped: {}", error.message);
  std::lock_guard lock(mutex_);
  failure_ = error;
}

bool IndexFollower::pause_then_reopen() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, std::chrono::seconds(kRetrySeconds), [&] { return finishing_; }))
        return false;
    }
    auto reopened = indexer_->reopen();
    if (reopened) {
      log_.notice("indexing resumed from log #{}", indexer_->last_seq());
      return true;
    }
    log_.detail("the index cannot be reopened yet: {}", reopened.error().message);
  }
}

bool IndexFollower::rebuild(const Error& damage) {
  say_rebuilding(log_, damage);
  if (auto rebuilt = indexer_->rebuild(); !rebuilt) {
    stop_on(rebuilt.error());
    return false;
  }
  return true;
}

bool IndexFollower::small_backlog() const { return unindexed() <= config_.commit_docs; }

std::uint64_t IndexFollower::unindexed() const {
  return target_ - std::min(target_, indexer_->last_seq());
}

std::uint64_t IndexFollower::backlog() const {
  std::lock_guard lock(mutex_);
  return unindexed();
}

void IndexFollower::run() {
  if (on_indexed_) on_indexed_(indexer_->last_seq());
  for (;;) {
    std::uint64_t target;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return finishing_ || target_ > indexer_->last_seq(); });
      if (finishing_ && (target_ <= indexer_->last_seq() || !small_backlog())) return;
      target = target_;
    }
    const auto start = std::chrono::steady_clock::now();
    indexer::UpdaterConfig config = config_;
    config.through_seq = target;
    auto done = indexer_->update(store_, config, indexer::Pace::steady);
    if (!done && (done.error().code == Errc::no_space || done.error().code == Errc::io_error)) {
      // A full disk: the archive holds everything, so wait, reopen the index at its last commit
      // and go on from there.
      log_.warn("indexing paused: {}; trying again every {} s", done.error().message,
                kRetrySeconds);
      if (!pause_then_reopen()) return;
      continue;
    }
    if (!done && done.error().code == Errc::corruption) {
      if (!rebuild(done.error())) return;
      continue;
    }
    if (!done) {
      stop_on(done.error());
      return;
    }
    if (on_indexed_) on_indexed_(indexer_->last_seq());
    log_.detail(
        "indexed {} articles in {} commits, {:.0f} ms (index at {})", done->indexed, done->commits,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
        indexer_->last_seq());
  }
}

}  // namespace kiosque::tools
