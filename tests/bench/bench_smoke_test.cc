// kiosque-bench runs every workload on a tiny corpus and writes a complete, well-formed report.
// Speed is not checked here: that is what the benchmark itself is for.
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

using kiosque::test::corpus_paths;
using kiosque::test::read_file;
using kiosque::test::seed_paths;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;

namespace {

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace

TEST_CASE("kiosque-bench runs every workload on a tiny corpus and reports them all", "[bench]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "corpus");
  for (const auto& p : seed_paths()) std::filesystem::copy_file(p, dir / "corpus" / p.filename());
  for (const auto& p : corpus_paths(40))
    std::filesystem::copy_file(p, dir / "corpus" / p.filename());
  // Three saved pages with their truth, their text twins in the corpus.
  std::filesystem::create_directories(dir / "html");
  std::size_t twins_added = 0;
  {
    std::ifstream truth(shared_dir() / "corpus" / "fr-html" / "truth.jsonl");
    std::ofstream some(dir / "html" / "truth.jsonl");
    std::string line;
    for (int i = 0; i < 3 && std::getline(truth, line); ++i) {
      const auto t = nlohmann::json::parse(line);
      some << line << "\n";
      std::filesystem::copy_file(shared_dir() / "corpus" / "fr-html" / t["file"].get<std::string>(),
                                 dir / "html" / t["file"].get<std::string>());
      const std::string twin = t["fr_news_file"];
      if (!std::filesystem::exists(dir / "corpus" / twin)) {
        std::filesystem::copy_file(shared_dir() / "corpus" / "fr-news" / twin,
                                   dir / "corpus" / twin);
        ++twins_added;
      }
    }
  }
  const auto json = dir / "report.json";
  const std::string command = std::string(KIOSQUE_BENCH_BINARY) + " all --kiosque " +
                              KIOSQUE_BINARY + " --corpus " + (dir / "corpus").string() +
                              " --work " + (dir / "work").string() + " --json " + json.string() +
                              " --html " + (dir / "html").string() +
                              " --grow-to 200 --grow-slices 2 --fresh-rate 20 --fresh-seconds 1 "
                              "--fresh-burst 60 --search-seconds 0.2 --search-repeat 2 > " +
                              (dir / "table.txt").string() + " 2>&1";
  REQUIRE(run(command) == 0);

  const auto report = nlohmann::json::parse(read_file(json));
  CHECK(report["schema"] == "kiosque-bench/1");
  CHECK(report["machine"]["cores"].get<int>() >= 1);
  CHECK(report["corpus"]["files"] == 45 + twins_added);
  const auto& w = report["workloads"];
  for (const char* name : {"bulk", "grow", "fresh", "search", "peers", "html"}) {
    INFO(name);
    CHECK(w.contains(name));
  }
  CHECK(w["bulk"]["articles"].get<int>() >= 40);  // the corpus repeats itself a little
  CHECK(w["bulk"]["docs_per_s"].get<double>() > 0);
  CHECK(w["bulk"]["archive_bytes"].get<std::uint64_t>() > 0);
  CHECK(w["bulk"]["index_bytes"].get<std::uint64_t>() > 0);
  CHECK(w["bulk"]["peak_rss_bytes"].get<std::uint64_t>() > 0);
  for (const char* stage :
       {"read", "decode", "normalise", "hash", "store", "sync", "analyse", "index", "commit"}) {
    INFO(stage);
    CHECK(w["bulk"]["stage_ms"].contains(stage));
  }
  CHECK(w["grow"]["slices"].size() == 2);
  CHECK(w["grow"]["slices"][1]["articles"] == 200);
  CHECK(w["fresh"]["dropped"] == 20);
  CHECK(w["fresh"]["missed"] == 0);
  CHECK(w["fresh"]["latency_ms"]["count"] == 20);
  CHECK(w["fresh"]["watch_exit"] == 0);
  CHECK(w["fresh"]["burst"]["files"] == 60);
  CHECK(w["fresh"]["burst"]["indexed"] > 0);
  CHECK(w["fresh"]["burst"]["first_searchable_ms"] > 0);
  CHECK(w["search"]["queries"].size() == 7);
  CHECK(w["search"]["queries"][0]["matches"].get<int>() > 0);  // Goïta is in the seeds
  CHECK(w["search"]["qps_2_threads"].get<double>() > 0);
  CHECK(w["peers"]["kiosque"]["exit"] == 0);
  for (const char* peer : {"omindex", "recollindex", "sphinx", "fts5"}) {
    INFO(peer);
    const auto& p = w["peers"][peer];
    CHECK((p.contains("skipped") || (p["exit"] == 0 && p["disk_bytes"].get<std::uint64_t>() > 0)));
  }
  CHECK(w["html"]["pages"] == 3);
  CHECK(w["html"]["body_token_f1"].get<double>() > 0.9);
  CHECK(w["html"]["same_id_as_text"].get<int>() >= 1);
  CHECK(w["html"]["page_over_text"].get<double>() > 0);
  CHECK(report.contains("targets"));
  const std::string table = read_file(dir / "table.txt");
  CHECK_THAT(table, Catch::Contains("docs_per_s"));
  CHECK_THAT(table, Catch::Contains("latency_ms"));
}

TEST_CASE("kiosque-bench refuses an unknown workload", "[bench]") {
  CHECK(run(std::string(KIOSQUE_BENCH_BINARY) + " nosuch > /dev/null 2>&1") != 0);
}
