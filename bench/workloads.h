// The named workloads of kiosque-bench, in the manner of LevelDB's db_bench. Each returns its
// figures as JSON (the schema is in bench/README.md).
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "bench_corpus.h"
#include "child_process.h"
#include "folder/data_folder.h"
#include "kiosque/base/result.h"

namespace kiosque::bench {

// Data folders are laid out as the tools lay them out: one owner of the layout.
using tools::DataFolder;

// The value, or the workload stops with `what` failed.
template <typename T>
T checked(Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(fmt::format("{}: {}", what, r.error().message));
  return std::move(*r);
}
inline void checked(Result<void> r, const char* what) {
  if (!r) throw std::runtime_error(fmt::format("{}: {}", what, r.error().message));
}

struct BenchSettings {
  std::filesystem::path kiosque;      // the kiosque binary under test
  std::filesystem::path work;         // scratch folder for data folders and peers' databases
  std::size_t grow_to = 100000;       // grow: articles at the end
  std::size_t grow_slices = 10;       // grow: measured slices
  double fresh_rate = 20;             // fresh: articles dropped per second
  double fresh_seconds = 15;          // fresh: how long they are dropped for
  std::size_t fresh_burst = 20'000;   // fresh: then this many files moved into the inbox at once
  double search_seconds = 3;          // search: time per throughput run
  std::size_t search_repeat = 30;     // search: runs of each query for latency
  std::filesystem::path html_corpus;  // html: saved pages with truth.jsonl
  std::filesystem::path html_texts;   // html: the folder of their text twins (fr_news_file)
  std::filesystem::path extraction_corpus;  // extraction: the public benchmark's clone, if any
};

struct BenchContext {
  BenchSettings settings;
  CorpusInfo corpus;
  std::function<void(const std::string&)> say;  // progress, to stderr
  // A data folder holding the corpus, made by the first workload that needs one.
  std::filesystem::path populated;
};

// `kiosque add --json` of the corpus into a new data folder `data`, as a whole process.
struct AddRun {
  ProcessRun process;
  nlohmann::json summary;  // its last line
};
AddRun add_corpus(const BenchContext& context, const std::filesystem::path& data,
                  const std::string& name);

// The data folder of the corpus: made once with `kiosque add`, then shared.
std::filesystem::path populated_folder(BenchContext& context);

nlohmann::json run_bulk(BenchContext& context);
nlohmann::json run_grow(BenchContext& context);
nlohmann::json run_fresh(BenchContext& context);
nlohmann::json run_search(BenchContext& context);
nlohmann::json run_peers(BenchContext& context);
nlohmann::json run_html(BenchContext& context);
nlohmann::json run_extraction(BenchContext& context);
nlohmann::json run_morphology(BenchContext& context);
nlohmann::json run_expansion(BenchContext& context);

// The peers as `peers` and `morphology` set them up for French: `omindex --stemmer=french` of
// `files` into the database `db`, and `recollindex` of `files` with French stemming and its
// configuration (and database, `xapiandb`) in `conf`; both made anew, output appended to `output`.
ProcessRun run_omindex(const std::filesystem::path& files, const std::filesystem::path& db,
                       const std::filesystem::path& output);
ProcessRun run_recollindex(const std::filesystem::path& files, const std::filesystem::path& conf,
                           const std::filesystem::path& output);

// The query mix of `search` and `peers`, documented in bench/README.md.
struct BenchQuery {
  std::string name;
  std::string query;
  std::string since, until;  // a date filter, for kiosque only
  bool wildcard = false;
};
const std::vector<BenchQuery>& query_mix();

}  // namespace kiosque::bench
