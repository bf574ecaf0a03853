#include "kiosque/archive/ingest.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "html/html_page.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/base/clock.h"
#include "raw_compression.h"
#include "stories/story_text.h"

namespace kiosque::archive {

namespace {

using Clock = std::chrono::steady_clock;

class StageTimer {
 public:
  explicit StageTimer(std::chrono::nanoseconds* sink) : sink_(sink), start_(Clock::now()) {}
  ~StageTimer() {
    if (sink_ != nullptr) *sink_ += Clock::now() - start_;
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  std::chrono::nanoseconds* sink_;
  Clock::time_point start_;
};

std::chrono::nanoseconds* stage(StageTimes* times, std::chrono::nanoseconds StageTimes::*member) {
  return times == nullptr ? nullptr : &(times->*member);
}

struct Prepared {
  Result<PreparedArticle> result;
  std::uint64_t bytes = 0;
};

// Prepares files on worker threads, at most `window` ahead of the consumer, and hands them out
// in the order of `paths` so that log sequence numbers follow the order the user gave.
class PrepareQueue {
 public:
  PrepareQueue(std::span<const std::filesystem::path> paths, const IngestConfig& config)
      : paths_(paths), config_(config), ring_(window()) {
    unsigned threads = config.threads != 0 ? config.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(paths.size())));
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ~PrepareQueue() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    workers_.clear();  // joins
  }

  // Blocks until file `i` (taken in order) is prepared.
  Prepared take(std::size_t i) {
    std::unique_lock lock(mutex_);
    auto& slot = ring_[i % ring_.size()];
    cv_.wait(lock, [&] { return slot.has_value(); });
    Prepared out = std::move(*slot);
    slot.reset();
    consumed_ = i + 1;
    lock.unlock();
    cv_.notify_all();
    return out;
  }

  // Waits for the workers to finish (every file must have been taken) and sums their times.
  StageTimes finish() {
    workers_.clear();
    return times_;
  }

 private:
  static constexpr std::size_t window() { return 256; }
  static constexpr int kBackgroundNiceness = 10;

  void work() {
    // A hint to the scheduler: a thread that cannot lower its own priority still does its work.
    if (config_.background_workers) {
      setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNiceness);
    }
    StageTimes local;
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] {
          return stopping_ || next_ >= paths_.size() || next_ < consumed_ + ring_.size();
        });
        if (stopping_ || next_ >= paths_.size()) break;
        i = next_++;
      }
      Prepared p{prepare_file(paths_[i], config_, &local), 0};
      p.bytes = p.result ? p.result->raw.size() : 0;
      {
        std::lock_guard lock(mutex_);
        ring_[i % ring_.size()] = std::move(p);
      }
      cv_.notify_all();
    }
    std::lock_guard lock(mutex_);
    times_ += local;
  }

  std::span<const std::filesystem::path> paths_;
  const IngestConfig& config_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::optional<Prepared>> ring_;
  std::size_t next_ = 0;      // next file to prepare
  std::size_t consumed_ = 0;  // files taken by the consumer
  bool stopping_ = false;
  StageTimes times_;
  std::vector<std::jthread> workers_;
};

}  // namespace

StageTimes& StageTimes::operator+=(const StageTimes& o) {
  read += o.read;
  decode += o.decode;
  normalise += o.normalise;
  hash += o.hash;
  compress += o.compress;
  store += o.store;
  sync += o.sync;
  stories += o.stories;
  return *this;
}

namespace {

// The article ready for the store: the raw bytes and the normalised text, each with its hash,
// and the raw bytes compressed as the store keeps them.
PreparedArticle hashed(std::string raw, std::string encoding, NormalisedText content,
                       StageTimes* times) {
  PreparedArticle p;
  {
    StageTimer t(stage(times, &StageTimes::hash));
    p.raw_id = sha256(raw);
    p.id = sha256(content.text);
  }
  {
    StageTimer t(stage(times, &StageTimes::compress));
    p.packed_raw = detail::compress_raw(raw);
  }
  p.raw = std::move(raw);
  p.encoding = std::move(encoding);
  p.content = std::move(content);
  {
    StageTimer t(stage(times, &StageTimes::stories));
    p.story_text = std::make_shared<const detail::StoryText>(
        detail::story_text(p.content.text, p.content.title));
  }
  return p;
}

// A web page: its article text goes through the same normaliser as any text, and what the page's
// metadata says wins over what the normaliser guessed from the text.
Result<PreparedArticle> prepare_page(std::string raw, const NormaliseConfig& config,
                                     StageTimes* times) {
  Result<html::PageArticle> page = [&]() -> Result<html::PageArticle> {
    StageTimer t(stage(times, &StageTimes::decode));
    // A bug met on one page (a parser's exception) stays that page's failure, never the
    // intake's: the page is refused, naming it.
    try {
      return html::read_page(raw);
    } catch (const std::exception& e) {
      return fail(Errc::refused, fmt::format("{} ({})", kUnreadablePage, e.what()));
    }
  }();
  if (!page) return propagate(page);
  Result<NormalisedText> normalised = [&] {
    StageTimer t(stage(times, &StageTimes::normalise));
    return normalise(page->text, config);
  }();
  if (!normalised) return propagate(normalised);
  const html::PageMetadata& m = page->metadata;
  if (normalised->text.empty() || normalised->text == m.title) {
    return fail(Errc::refused, "a web page whose text is all boilerplate once normalised");
  }
  if (!m.title.empty()) normalised->title = m.title;
  if (m.published) normalised->date = m.published;
  if (!m.source.empty()) normalised->source = m.source;
  normalised->meta = m.meta;
  return hashed(std::move(raw), std::move(page->encoding), std::move(*normalised), times);
}

}  // namespace

Result<PreparedArticle> prepare_bytes(std::string raw, const NormaliseConfig& config,
                                      StageTimes* times) {
  if (html::is_page(raw)) return prepare_page(std::move(raw), config, times);
  Result<DecodedText> decoded = [&] {
    StageTimer t(stage(times, &StageTimes::decode));
    return decode_text(raw);
  }();
  if (!decoded) return propagate(decoded);
  Result<NormalisedText> normalised = [&] {
    StageTimer t(stage(times, &StageTimes::normalise));
    return normalise(decoded->utf8, config);
  }();
  if (!normalised) return propagate(normalised);
  if (normalised->text.empty()) {
    return fail(Errc::refused,
                "no article text: nothing is left once boilerplate and blank space are removed");
  }
  return hashed(std::move(raw), std::move(decoded->encoding), std::move(*normalised), times);
}

Result<PreparedArticle> prepare_file(const std::filesystem::path& path, const IngestConfig& config,
                                     StageTimes* times) {
  Result<std::string> bytes = [&] {
    StageTimer t(stage(times, &StageTimes::read));
    return read_article_file(path, config.limits);
  }();
  if (!bytes) return propagate(bytes);
  return prepare_bytes(std::move(*bytes), config.normalise, times);
}

Result<IngestTotals> ingest_files(Store& store, std::span<const std::filesystem::path> paths,
                                  const IngestConfig& config,
                                  const std::function<void(const FileOutcome&)>& report,
                                  std::span<const std::string> names,
                                  std::span<const GivenMetadata* const> given) {
  IngestTotals totals;
  if ((!names.empty() && names.size() != paths.size()) ||
      (!given.empty() && given.size() != paths.size())) {
    return fail(Errc::internal, "ingest_files: one provenance name and one given entry per path");
  }
  if (paths.empty()) return totals;

  struct Pending {
    std::size_t index;
    Result<PutOutcome> result;
    std::uint64_t bytes;
  };
  std::vector<Pending> pending;
  std::uint64_t pending_bytes = 0;
  auto last_group = Clock::now();

  auto acknowledge = [&]() -> Result<void> {
    {
      StageTimer t(&totals.times.sync);
      if (auto synced = store.sync(); !synced) return synced;
    }
    for (const Pending& p : pending) {
      ++totals.files;
      totals.bytes += p.bytes;
      if (!p.result) {
        ++totals.rejected;
      } else if (p.result->status == PutStatus::added) {
        ++totals.added;
      } else if (p.result->status == PutStatus::duplicate) {
        ++totals.duplicates;
      } else {
        ++totals.new_raw_versions;
      }
      if (p.result && p.result->metadata_changed) ++totals.metadata_changed;
      if (report) report(FileOutcome{p.index, &paths[p.index], &p.result, p.bytes});
    }
    pending.clear();
    pending_bytes = 0;
    last_group = Clock::now();
    return {};
  };
  auto group_full = [&] {
    return pending.size() >= config.group_files || pending_bytes >= config.group_bytes ||
           (config.group_interval.count() > 0 &&
            Clock::now() - last_group >= config.group_interval);
  };

  PrepareQueue queue(paths, config);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    Prepared prepared = queue.take(i);
    if (!prepared.result) {
      pending.push_back({i, std::unexpected(std::move(prepared.result.error())), 0});
    } else {
      Result<PutOutcome> put = [&] {
        StageTimer t(&totals.times.store);
        return store.put(
            *prepared.result,
            Provenance{names.empty() ? paths[i].string() : names[i], base::unix_ms_now()},
            given.empty() ? nullptr : given[i]);
      }();
      // A store failure is not the file's fault: stop, and acknowledge nothing more.
      if (!put) return propagate(put);
      totals.times.stories += put->placing;
      pending.push_back({i, std::move(put), prepared.bytes});
      pending_bytes += prepared.bytes;
    }
    if (group_full()) {
      if (auto acked = acknowledge(); !acked) return propagate(acked);
    }
  }
  if (auto acked = acknowledge(); !acked) return propagate(acked);
  totals.times += queue.finish();
  return totals;
}

}  // namespace kiosque::archive
