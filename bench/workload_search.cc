// search: the query mix over a data folder of the corpus, through the library code that
// `kiosque search` runs (index, then archive snapshot, then snippets), in this process; and
// once per query as a whole `kiosque search` process, start-up included.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "sample_stats.h"
#include "workloads.h"

namespace kiosque::bench {

namespace {

using Clock = std::chrono::steady_clock;

// One snapshot per reading thread, held for the whole run, as a long-lived reader would.
struct Reader {
  indexer::ReaderSnapshot snapshot;

  explicit Reader(const DataFolder& data)
      : snapshot(checked(
            indexer::ReaderSnapshot::open({.index = data.index(), .archive = data.archive()},
                                          indexer::IndexNeed::required),
            "open the data folder")) {}

  std::uint64_t run(const BenchQuery& q) {
    indexer::SearchRequest request;
    request.query = q.query;
    request.since = q.since;
    request.until = q.until;
    auto results = snapshot.index()->search(request, snapshot.archive());
    if (!results)
      throw std::runtime_error(fmt::format("query {}: {}", q.query, results.error().message));
    return results->estimated_total;
  }
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Queries per second with `threads` readers going through the mix for `seconds`.
double throughput(const std::filesystem::path& data, unsigned threads, double seconds) {
  // Every reader is open before the clock starts: opening is not a query, and a slow open (a
  // sanitizer build) must not eat the run. Each is then used by its own thread only.
  std::vector<std::unique_ptr<Reader>> readers;
  for (unsigned t = 0; t < threads; ++t)
    readers.push_back(std::make_unique<Reader>(DataFolder{data}));
  std::atomic<std::uint64_t> done = 0;
  const auto start = Clock::now();
  const auto until =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        // At least one query each, however short the run.
        std::size_t i = t;
        do {
          readers[t]->run(query_mix()[i++ % query_mix().size()]);
          ++done;
        } while (Clock::now() < until);
      });
    }
  }
  return static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

const std::vector<BenchQuery>& query_mix() {
  static const std::vector<BenchQuery> mix{
      {"rare term", "Goïta", "", "", false},
      {"medium term", "climat", "", "", false},
      {"common term", "France", "", "", false},
      {"two-term AND", "grève SNCF", "", "", false},
      {"phrase", "\"coup d'État\"", "", "", false},
      {"date filter", "France", "2000-01-01", "2030-12-31", false},
      {"wildcard", "pandém*", "", "", true},
  };
  return mix;
}

nlohmann::json run_search(BenchContext& context) {
  const auto& s = context.settings;
  const auto data = populated_folder(context);
  context.say(fmt::format("search: {} queries, {} runs each", query_mix().size(), s.search_repeat));
  Reader reader(DataFolder{data});
  nlohmann::json queries = nlohmann::json::array();
  std::vector<double> all;
  for (const BenchQuery& q : query_mix()) {
    const std::uint64_t matches = reader.run(q);  // warm the caches once
    std::vector<double> samples;
    for (std::size_t i = 0; i < s.search_repeat; ++i) {
      const auto start = Clock::now();
      reader.run(q);
      samples.push_back(ms_since(start));
    }
    all.insert(all.end(), samples.begin(), samples.end());
    const auto st = summarise(samples);
    queries.push_back({{"name", q.name},
                       {"query", q.query},
                       {"matches", matches},
                       {"p50_ms", st.p50},
                       {"p99_ms", st.p99}});
  }

  std::vector<double> process_ms;
  for (const BenchQuery& q : query_mix()) {
    std::vector<std::string> argv{s.kiosque.string(), "--data", data.string(),
                                  "search",           "--json", q.query};
    if (!q.since.empty()) argv.insert(argv.end(), {"--since", q.since, "--until", q.until});
    const auto run = run_process(argv, "/dev/null");
    if (run.exit_code != 0) throw std::runtime_error("kiosque search failed for " + q.query);
    process_ms.push_back(run.seconds * 1000);
  }

  return {{"queries", queries},
          {"latency_ms", to_json(summarise(all))},
          {"process_latency_ms", to_json(summarise(process_ms))},
          {"qps_1_thread", throughput(data, 1, s.search_seconds)},
          {"qps_2_threads", throughput(data, 2, s.search_seconds)}};
}

}  // namespace kiosque::bench
