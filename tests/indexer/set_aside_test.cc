// An article the index refuses is set aside, recorded with its file and reason, and never stops
// the others: through the real updater, bulk build and repair, on a real archive and index.
// KIOSQUE_MAX_TERM_BYTES lowers the term limit so that a real article with one long word meets
// that path (the analyser itself never makes a term Xapian refuses).
#include <fmt/format.h>
#include <stdlib.h>

#include <set>

#include "bulk_build.h"
#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/index_check.h"
#include "kiosque/indexer/updater.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {

class LowTermLimit {
 public:
  LowTermLimit() { ::setenv("KIOSQUE_MAX_TERM_BYTES", "80", 1); }
  ~LowTermLimit() { ::unsetenv("KIOSQUE_MAX_TERM_BYTES"); }
};

// `count` short articles; those in `poisoned` carry a 100-letter word, over the lowered limit.
std::vector<std::filesystem::path> articles(const std::filesystem::path& dir, int count,
                                            std::set<int> poisoned) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> out;
  for (int i = 0; i < count; ++i) {
    const auto path = dir / fmt::format("article-{:03}.txt", i);
    write_file(
        path, fmt::format("Titre numéro {}\n\nLa Cédéao se réunit pour la {}e fois à Abuja.{}\n", i,
                          i, poisoned.contains(i) ? " Cri : " + std::string(100, 'a') + "." : ""));
    out.push_back(path);
  }
  return out;
}

}  // namespace

TEST_CASE("an article the index refuses is set aside and the others are indexed",
          "[indexer][set-aside]") {
  TempDir dir;
  const LowTermLimit low;
  const auto files = articles(dir / "in", 12, {3, 7});
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, files, {}, {}));
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  std::vector<indexer::SetAside> told;
  indexer::UpdaterConfig config;
  config.commit_docs = 5;  // set-aside articles inside and at the edge of commits
  config.on_set_aside = [&](const indexer::SetAside& s) { told.push_back(s); };
  auto totals = indexer::catch_up(**store, **writer, config);
  REQUIRE_OK(totals);
  CHECK(totals->indexed == 10);
  CHECK(totals->set_aside == 2);
  REQUIRE(told.size() == 2);
  CHECK(told[0].file == files[3].string());
  CHECK_THAT(told[0].reason, Catch::Contains("refuses"));
  CHECK((*writer)->last_seq() == 12);  // the watermark passes them: they are not retried forever
  CHECK((*writer)->document_count() == 10);

  // Nothing to do the next time, and nothing told again.
  auto again = indexer::catch_up(**store, **writer, config);
  REQUIRE_OK(again);
  CHECK(again->indexed + again->set_aside == 0);
  CHECK(told.size() == 2);
  writer->reset();

  auto check = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(check);
  CHECK(check->missing == 0);
  REQUIRE(check->set_aside.size() == 2);
  CHECK(check->set_aside[0].seq == 4);
  CHECK(check->set_aside[1].file == files[7].string());
  REQUIRE(check->problems.size() == 2);
  CHECK_THAT(check->problems[0], Catch::Contains(files[3].string()));
}

TEST_CASE("a repair after the cause is fixed indexes the set-aside articles",
          "[indexer][set-aside]") {
  TempDir dir;
  const auto files = articles(dir / "in", 6, {2});
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, files, {}, {}));
  {
    const LowTermLimit low;
    auto writer = indexer::IndexWriter::open(dir.folder().index());
    REQUIRE_OK(writer);
    REQUIRE_OK(indexer::catch_up(**store, **writer, {}));
  }
  // Still refused: repair leaves it set aside.
  {
    const LowTermLimit low;
    auto check = indexer::check_index(**store, dir.folder().index(), true);
    REQUIRE_OK(check);
    CHECK(check->set_aside.size() == 1);
  }
  // "An upgrade that fixes it": the default limit.
  auto repaired = indexer::check_index(**store, dir.folder().index(), true);
  REQUIRE_OK(repaired);
  CHECK(repaired->repaired == 1);
  CHECK(repaired->set_aside.empty());
  auto after = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(after);
  CHECK(after->problems.empty());
  CHECK(after->set_aside.empty());
  CHECK(after->documents == 6);
}

TEST_CASE("a bulk build sets refused articles aside and merges the rest",
          "[indexer][set-aside][bulk]") {
  TempDir dir;
  const LowTermLimit low;
  const auto files = articles(dir / "in", 300, {0, 150, 299});
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, files, {}, {}));
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  indexer::UpdaterConfig config;
  config.threads = 2;
  auto totals = indexer::bulk_build(**store, *writer, dir.folder().index(), config);
  REQUIRE_OK(totals);
  CHECK(totals->indexed == 297);
  CHECK(totals->set_aside == 3);
  CHECK((*writer)->document_count() == 297);
  CHECK((*writer)->last_seq() == 300);
  writer->reset();
  auto check = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(check);
  CHECK(check->set_aside.size() == 3);
  CHECK(check->missing == 0);
}
