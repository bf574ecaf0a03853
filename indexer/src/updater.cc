#include "kiosque/indexer/updater.h"

#include <algorithm>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kiosque::indexer {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kAnalyseBatch = 200;

// The file an article first came from, for a person reading why it was set aside.
std::string first_file(const archive::Store& store, const archive::Article& article) {
  if (article.raw_versions.empty()) return {};
  auto info = store.raw_info(article.raw_versions.front());
  return info ? info->provenance.path : std::string();
}

struct Batch {
  std::vector<AnalysedArticle> articles;
  std::uint64_t last_seq = 0;
  std::uint64_t through = 0;  // the last entry that may be read, as known when it was read
  std::chrono::nanoseconds analyse{0};
};

// One analyser per thread, kept from batch to batch for their caches of word forms.
using Analysers = std::vector<std::unique_ptr<FrenchAnalyser>>;

// Reads the log entries after `after`, at most `max` of them and none past `through` (which
// `follow`, when set, moves on once it is reached), and analyses them on one thread per analyser.
// An empty batch is the end of the log.
Result<Batch> load_batch(const archive::Store& store, std::uint64_t after, std::uint64_t through,
                         std::size_t max, Analysers& analysers,
                         const std::function<std::uint64_t(std::uint64_t)>& follow) {
  Batch batch;
  if (after >= through && follow) through = follow(after);
  batch.through = through;
  const auto start = Clock::now();
  if (after >= through) return batch;
  auto entries = store.read_log(
      after, static_cast<std::size_t>(std::min<std::uint64_t>(max, through - after)));
  if (!entries) return propagate(entries);
  if (entries->empty()) return batch;
  std::vector<archive::Article> articles;
  articles.reserve(entries->size());
  for (const archive::LogEntry& e : *entries) {
    auto article = store.get(e.id);
    if (!article) return propagate(article);
    articles.push_back(std::move(*article));
  }
  batch.articles.resize(articles.size());
  const std::size_t n = std::min(analysers.size(), articles.size());
  {
    std::vector<std::jthread> workers;
    for (std::size_t w = 0; w < n; ++w) {
      workers.emplace_back([&, w] {
        for (std::size_t i = w; i < articles.size(); i += n) {
          batch.articles[i] = analyse_article(*analysers[w], std::move(articles[i]));
        }
      });
    }
  }
  batch.last_seq = entries->back().seq;
  batch.analyse = Clock::now() - start;
  return batch;
}

}  // namespace

Result<UpdateTotals> catch_up(const archive::Store& store, IndexWriter& writer,
                              const UpdaterConfig& config,
                              const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  UpdateTotals totals;
  const unsigned threads =
      config.threads != 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t per_commit = std::max<std::size_t>(1, config.commit_docs);
  const std::uint64_t first = writer.last_seq();
  std::uint64_t target = config.follow             ? first
                         : config.through_seq != 0 ? config.through_seq
                                                   : store.last_seq();
  auto todo = [&] { return target > first ? target - first : 0; };

  // Articles are analysed in small batches, to bound the memory analysed tokens take, and
  // committed in large ones, because each Xapian commit costs fsyncs and rewritten blocks.
  const std::size_t per_batch = std::min<std::size_t>(per_commit, kAnalyseBatch);
  auto last_commit = Clock::now();
  std::size_t uncommitted = 0;          // log entries done since the last commit
  std::size_t indexed_uncommitted = 0;  // of which indexed (not set aside)
  std::uint64_t indexed_seq = writer.last_seq();
  auto commit = [&]() -> Result<void> {
    const auto start = Clock::now();
    if (auto done = writer.commit(indexed_seq); !done) return done;
    totals.commit_times.push_back(Clock::now() - start);
    totals.commit += totals.commit_times.back();
    ++totals.commits;
    uncommitted = 0;
    indexed_uncommitted = 0;
    last_commit = Clock::now();
    if (progress) progress(totals.indexed, todo());
    return {};
  };

  // Analyse the next batch while the writer indexes this one: Xapian is the slow stage.
  // Only one batch is analysed at a time, so the analysers are never shared.
  Analysers analysers;
  for (unsigned t = 0; t < threads; ++t) analysers.push_back(std::make_unique<FrenchAnalyser>());
  auto load_after = [&](std::uint64_t after) {
    return std::async(std::launch::async, load_batch, std::cref(store), after, target, per_batch,
                      std::ref(analysers), std::cref(config.follow));
  };
  std::set<std::string> set_aside;  // this run's, skipped when a batch is read again
  auto next = load_after(writer.last_seq());
  for (;;) {
    Result<Batch> batch = next.get();
    if (!batch) return propagate(batch);
    target = batch->through;
    if (batch->articles.empty()) break;
    next = load_after(batch->last_seq);
    totals.analyse += batch->analyse;
    bool redo = false;
    for (const AnalysedArticle& a : batch->articles) {
      const std::string id = a.article.id.hex();
      if (set_aside.contains(id)) continue;
      const auto start = Clock::now();
      const std::uint64_t pending = writer.uncommitted();
      auto done = writer.replace(a);
      totals.index += Clock::now() - start;
      if (!done && done.error().code == Errc::refused) {
        SetAside entry{id, a.article.seq, first_file(store, a.article), done.error().message};
        if (config.on_set_aside) config.on_set_aside(entry);
        writer.set_aside(std::move(entry));
        set_aside.insert(id);
        ++totals.set_aside;
        // Xapian itself refused it and dropped what was not committed: read again from there.
        if (pending > 0 && writer.uncommitted() == 0) {
          redo = true;
          break;
        }
      } else if (!done) {
        return propagate(done);
      } else {
        ++totals.indexed;
        ++indexed_uncommitted;
      }
      // A set-aside article counts as done: the watermark passes it, with its record.
      ++uncommitted;
      indexed_seq = a.article.seq;
      // By volume, and by time so that articles trickling in are searchable soon.
      if (uncommitted >= per_commit || Clock::now() - last_commit >= config.commit_interval) {
        if (auto committed = commit(); !committed) return propagate(committed);
        if (config.keep_going && !config.keep_going()) return totals;
      }
    }
    if (redo) {
      if (Result<Batch> discarded = next.get(); discarded) target = discarded->through;
      totals.indexed -= indexed_uncommitted;
      indexed_uncommitted = 0;
      uncommitted = 0;
      indexed_seq = writer.last_seq();
      next = load_after(writer.last_seq());
    }
  }
  if (uncommitted > 0) {
    if (auto done = commit(); !done) return propagate(done);
  }
  return totals;
}

}  // namespace kiosque::indexer
