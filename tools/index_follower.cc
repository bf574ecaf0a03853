#include "index_follower.h"

#include <algorithm>
#include <chrono>

#include "kiosque/indexer/crash_guard.h"
#include "terminal.h"


namespace kiosque::tools {

namespace {

Result<std::unique_ptr<indexer::IndexWriter>> start_afresh(const std::filesystem::path& index_dir, const Error& why,
                                                           const Log& log) {
  log.warn("{}: rebuilding the index from the archive; intake goes on, and searches find the articles again as "
           "they are indexed",
           why.message);
  std::error_code ec;
  std::filesystem::remove_all(index_dir, ec);
  if (ec) {
    return fail(Errc::io_error, fmt::format("cannot remove the damaged index {}: {}", index_dir.string(), ec.message()));
  }
  std::filesystem::remove(indexer::damaged_marker(index_dir), ec);
  return indexer::IndexWriter::open(index_dir);
}

}  // namespace

Result<std::unique_ptr<indexer::IndexWriter>> open_index_healing(const std::filesystem::path& index_dir,
                                                                 const Log& log) {
  auto writer = indexer::IndexWriter::open(index_dir);
  if (writer || (writer.error().code != Errc::corruption && writer.error().code != Errc::version_mismatch)) {
    return writer;
  }
  return start_afresh(index_dir, writer.error(), log);
}

bool IndexFollower::rebuild(const Error& damage) {
  writer_.reset();
  auto fresh = start_afresh(index_dir_, damage, log_);
  if (!fresh) {
    log_.error("indexing stopped: {}", fresh.error().message);
    std::lock_guard lock(mutex_);
    failure_ = fresh.error();
    return false;
  }
  std::lock_guard lock(mutex_);
  writer_ = std::move(*fresh);
  return true;
}

IndexFollower::IndexFollower(const archive::Store& store, std::unique_ptr<indexer::IndexWriter> writer,
                             std::filesystem::path index_dir, indexer::UpdaterConfig config, const Log& log)
    : store_(store),
      writer_(std::move(writer)),
      index_dir_(std::move(index_dir)),
      config_(std::move(config)),
      log_(log) {
  target_ = writer_->last_seq();
  config_.on_set_aside = [this](const indexer::SetAside& entry) {
    log_.notice("not indexed {} (article {}): {}; the others go on, and `kiosque verify` lists it",
                printable_name(entry.file), entry.id_hex.substr(0, 12), entry.reason);
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

bool IndexFollower::pause_then_reopen() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, std::chrono::seconds(kRetrySeconds), [&] { return finishing_; })) return false;
    }
    writer_.reset();
    auto reopened = indexer::IndexWriter::open(index_dir_);
    if (reopened) {
      writer_ = std::move(*reopened);
      log_.notice("indexing resumed from log #{}", writer_->last_seq());
      return true;
    }
    log_.detail("the index cannot be reopened yet: {}", reopened.error().message);
  }
}

bool IndexFollower::small_backlog() const { return unindexed() <= config_.commit_docs; }

std::uint64_t IndexFollower::unindexed() const {
  // No writer: a paused follower whose index could not be reopened yet.
  return writer_ ? target_ - std::min(target_, writer_->last_seq()) : target_;
}

std::uint64_t IndexFollower::backlog() const {
  std::lock_guard lock(mutex_);
  return unindexed();
}

void IndexFollower::run() {
  for (;;) {
    std::uint64_t target;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return finishing_ || target_ > writer_->last_seq(); });
      if (finishing_ && (target_ <= writer_->last_seq() || !small_backlog())) return;
      target = target_;
    }
    const auto start = std::chrono::steady_clock::now();
    indexer::UpdaterConfig config = config_;
    config.through_seq = target;
    auto done = indexer::catch_up(store_, *writer_, config);
    if (!done && (done.error().code == Errc::no_space || done.error().code == Errc::io_error)) {
      // A full disk: the archive holds everything, so wait, reopen the index at its last commit
      // and go on from there.
      log_.warn("indexing paused: {}; trying again every {} s", done.error().message, kRetrySeconds);
      if (!pause_then_reopen()) return;
      continue;
    }
    if (!done && done.error().code == Errc::corruption) {
      if (!rebuild(done.error())) return;
      continue;
    }
    if (!done) {
      log_.error("indexing stopped: {}", done.error().message);
      std::lock_guard lock(mutex_);
      failure_ = done.error();
      return;
    }
    log_.detail("indexed {} articles in {} commits, {:.0f} ms (index at {})", done->indexed, done->commits,
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
                writer_->last_seq());
  }
}

}  // namespace kiosque::tools
