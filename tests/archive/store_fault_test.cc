// Fails the Nth write and the Nth sync under RocksDB, for every N that an ingestion reaches, and
// checks after each that the archive reopens with every acknowledged article intact and complete.
#include <fmt/format.h>

#include "fault_fs.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/archive/store.h"
#include "test_support.h"

using namespace kiosque::archive;
using kiosque::test::FaultFs;
using kiosque::test::read_file;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

struct RunResult {
  std::vector<ArticleId> acknowledged;
  bool fault_fired = false;
};

// Takes the seeds in one by one, each synced before it counts as acknowledged, under a file
// system that fails operation `nth` of kind `op`. Stops at the first failure, as a caller must.
RunResult ingest_under_fault(const std::filesystem::path& dir, FaultFs::Op op, std::uint64_t nth) {
  auto fs = std::make_shared<FaultFs>(op, nth);
  auto env = FaultFs::env(fs);
  RunResult run;
  {
    StoreOptions options;
    options.env = env.get();
    auto store = Store::open(dir, options);
    if (store) {
      for (const auto& path : seed_paths()) {
        auto prepared = prepare_bytes(read_file(path), {});
        REQUIRE_OK(prepared);
        auto put = (*store)->put(*prepared, Provenance{path.string(), 1});
        if (!put) break;
        if (!(*store)->sync()) break;
        run.acknowledged.push_back(put->id);
      }
    }
  }
  run.fault_fired = fs->fired();
  return run;
}

void check_intact(const std::filesystem::path& dir, const std::vector<ArticleId>& acknowledged) {
  auto store = Store::open(dir);
  REQUIRE_OK(store);
  for (const ArticleId& id : acknowledged) {
    auto article = (*store)->get(id);
    REQUIRE_OK(article);
    CHECK(sha256(article->content.text) == id);
    for (const RawId& raw : article->raw_versions) {
      auto bytes = (*store)->raw_bytes(raw);
      REQUIRE_OK(bytes);
      CHECK(sha256(*bytes) == raw);
    }
  }
  // Nothing half-written: every log entry names a complete article, and the counters agree.
  auto log = (*store)->read_log(0, 1000);
  REQUIRE_OK(log);
  CHECK(log->size() >= acknowledged.size());
  for (const LogEntry& e : *log) {
    auto article = (*store)->get(e.id);
    REQUIRE_OK(article);
    CHECK(article->seq == e.seq);
    for (const RawId& raw : article->raw_versions) REQUIRE_OK((*store)->raw_info(raw));
  }
  auto stats = (*store)->stats();
  REQUIRE_OK(stats);
  CHECK(stats->articles == log->size());
  CHECK(stats->last_seq == log->size());
}

void sweep(FaultFs::Op op, const char* name) {
  std::uint64_t positions = 0;
  for (std::uint64_t nth = 1;; ++nth) {
    TempDir dir;
    const RunResult run = ingest_under_fault(dir.path(), op, nth);
    if (!run.fault_fired) break;  // past the last operation: every position was covered
    ++positions;
    INFO(
        fmt::format("{} #{} failed; {} articles acknowledged", name, nth, run.acknowledged.size()));
    check_intact(dir.path(), run.acknowledged);
    REQUIRE(nth < 1000);
  }
  INFO(name);
  CHECK(positions >= 5);  // at least one position per article: the sweep really ran
}

}  // namespace

TEST_CASE("failing the Nth write loses no acknowledged article", "[store][fault]") {
  sweep(FaultFs::Op::write, "write");
}

TEST_CASE("failing the Nth sync loses no acknowledged article", "[store][fault]") {
  sweep(FaultFs::Op::sync, "sync");
}
