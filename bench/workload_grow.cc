// grow: throughput and index commit times, slice by slice, as one data folder grows to
// `grow_to` articles recombined from the corpus. Runs the library pipeline in this process:
// prepare, store with group sync, then the index updater, for each slice.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

#include "child_process.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/base/folder_bytes.h"
#include "kiosque/indexer/indexer.h"
#include "sample_stats.h"
#include "workloads.h"

namespace kiosque::bench {

using base::folder_bytes;

namespace {

using Clock = std::chrono::steady_clock;

double ms(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// This process's resident memory now (/proc/self/statm), 0 where it cannot be read: what the
// archive, its stories and the index writer hold as the folder grows.
std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

nlohmann::json run_grow(BenchContext& context) {
  const auto& s = context.settings;
  const std::size_t slices = std::max<std::size_t>(1, s.grow_slices);
  const std::size_t per_slice = std::max<std::size_t>(1, s.grow_to / slices);
  context.say(fmt::format("grow: to {} articles in {} slices", per_slice * slices, slices));
  const auto data = s.work / "grow";
  std::filesystem::remove_all(data);
  std::filesystem::create_directories(data);
  const ParagraphPool pool(list_articles(context.corpus.dir));
  const DataFolder folder{data};
  auto store = checked(archive::Store::open(folder.archive()), "open the archive");
  auto index = checked(indexer::Indexer::open(folder.index()), "open the index");

  nlohmann::json rows = nlohmann::json::array();
  const archive::NormaliseConfig normalise;
  std::uint64_t k = 0;
  for (std::size_t slice = 0; slice < slices; ++slice) {
    const auto start = Clock::now();
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < per_slice; ++i, ++k) {
      std::string text = pool.article(k);
      bytes += text.size();
      auto prepared = archive::prepare_bytes(std::move(text), normalise);
      if (!prepared) continue;  // a recombination that normalises to nothing
      checked(store->put(*prepared, {fmt::format("grow/{}", k), 0}), "archive");
      if ((i + 1) % 1024 == 0) checked(store->sync(), "sync");
    }
    checked(store->sync(), "sync");
    const auto archived = Clock::now();
    const auto totals = checked(index->update(*store, {}, indexer::Pace::steady), "index");
    const auto end = Clock::now();
    std::vector<double> commits;
    for (const auto c : totals.commit_times) commits.push_back(ms(c));
    const auto commit = summarise(commits);
    const double secs = std::chrono::duration<double>(end - start).count();
    const std::uint64_t articles = checked(store->stats(), "count the articles").articles;
    nlohmann::json row{{"articles", articles},
                       {"slice_articles", per_slice},
                       {"docs_per_s", static_cast<double>(per_slice) / secs},
                       {"mb_per_s", static_cast<double>(bytes) / secs / 1e6},
                       {"archive_seconds", std::chrono::duration<double>(archived - start).count()},
                       {"index_seconds", std::chrono::duration<double>(end - archived).count()},
                       {"commits", commits.size()},
                       {"commit_ms_p50", commit.p50},
                       {"commit_ms_p99", commit.p99},
                       {"index_bytes", folder_bytes(folder.index())},
                       {"archive_bytes", folder_bytes(folder.archive())},
                       {"rss_bytes", resident_bytes()}};
    context.say(fmt::format("grow: {} articles, {:.0f} docs/s, commit p50 {:.0f} ms", articles,
                            row["docs_per_s"].get<double>(), commit.p50));
    rows.push_back(std::move(row));
  }
  const double first = rows.front()["docs_per_s"];
  const double last = rows.back()["docs_per_s"];
  return {{"slices", rows},
          {"first_docs_per_s", first},
          {"last_docs_per_s", last},
          {"last_over_first", last / first}};
}

}  // namespace kiosque::bench
