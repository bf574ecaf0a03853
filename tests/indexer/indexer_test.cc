// The Indexer, the one owner of an index folder: catch-up, reopen, heal, rebuild, build anew.
#include "kiosque/indexer/indexer.h"

#include <xapian.h>

#include <fstream>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/crash_guard.h"
#include "kiosque/indexer/searcher.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

std::unique_ptr<archive::Store> seeded_store(const TempDir& dir) {
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE(store);
  REQUIRE(archive::ingest_files(**store, seed_paths(), {}, {}));
  return std::move(*store);
}

// An index another analyser version built.
// An index of another analyser, or of this analyser and an older layout of its documents.
void foreign_index(const std::filesystem::path& dir, bool older_layout = false) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
  db.set_metadata("kiosque:analyser",
                  older_layout ? std::string(indexer::FrenchAnalyser::kVersion) : "fr-0");
  db.add_document(Xapian::Document());
  db.commit();
}

}  // namespace

TEST_CASE("an indexer brings the index up to the log and remembers where it is",
          "[indexer][owner]") {
  TempDir dir;
  const auto store = seeded_store(dir);
  auto index = indexer::Indexer::open(dir.folder().index());
  REQUIRE(index);
  CHECK((*index)->last_seq() == 0);
  indexer::UpdaterConfig config;
  config.through_seq = 2;
  auto first = (*index)->update(*store, config, indexer::Pace::steady);
  REQUIRE(first);
  CHECK(first->indexed == 2);
  CHECK((*index)->last_seq() == 2);
  // A small backlog is caught up even when speed is asked for: no merge.
  auto rest = (*index)->update(*store, {}, indexer::Pace::fastest);
  REQUIRE(rest);
  CHECK(rest->indexed == 3);
  CHECK(rest->merge.count() == 0);
  CHECK((*index)->document_count() == 5);
  REQUIRE((*index)->reopen());
  CHECK((*index)->last_seq() == 5);
  CHECK((*index)->document_count() == 5);
}

TEST_CASE("an index of another analyser or layout is refused, or started afresh when healing",
          "[indexer][owner]") {
  TempDir dir;
  const bool older_layout = GENERATE(false, true);
  foreign_index(dir.folder().index(), older_layout);
  auto refused = indexer::Indexer::open(dir.folder().index());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::version_mismatch);
  if (older_layout) CHECK_THAT(refused.error().message, Catch::Contains("layout 1"));
  auto unread = indexer::Searcher::open(dir.folder().index());
  REQUIRE_FALSE(unread);
  CHECK(unread.error().code == Errc::version_mismatch);
  CHECK(refused.error().part == Part::index);

  std::vector<Errc> told;
  auto healed = indexer::Indexer::open(
      dir.folder().index(),
      {.heal = true, .on_heal = [&](const Error& e) { told.push_back(e.code); }});
  REQUIRE(healed);
  CHECK(told == std::vector<Errc>{Errc::version_mismatch});
  CHECK((*healed)->document_count() == 0);
  CHECK((*healed)->last_seq() == 0);
}

TEST_CASE("rebuild starts an empty index and clears a crash's marker", "[indexer][owner]") {
  TempDir dir;
  const auto store = seeded_store(dir);
  auto index = indexer::Indexer::open(dir.folder().index());
  REQUIRE(index);
  REQUIRE((*index)->update(*store, {}, indexer::Pace::steady));
  std::ofstream(indexer::damaged_marker(dir.folder().index())).flush();
  REQUIRE((*index)->rebuild());
  CHECK_FALSE(std::filesystem::exists(indexer::damaged_marker(dir.folder().index())));
  CHECK((*index)->last_seq() == 0);
  CHECK((*index)->document_count() == 0);
  auto again = (*index)->update(*store, {}, indexer::Pace::steady);
  REQUIRE(again);
  CHECK(again->indexed == 5);
}

TEST_CASE("build_anew replaces an unusable index with one of the whole archive",
          "[indexer][owner]") {
  TempDir dir;
  const auto store = seeded_store(dir);
  foreign_index(dir.folder().index());
  std::ofstream(indexer::damaged_marker(dir.folder().index())).flush();
  auto built = indexer::Indexer::build_anew(dir.folder().index(), *store);
  REQUIRE(built);
  CHECK(built->indexed == 5);
  CHECK_FALSE(std::filesystem::exists(indexer::damaged_marker(dir.folder().index())));
  auto index = indexer::Indexer::open(dir.folder().index());
  REQUIRE(index);
  CHECK((*index)->last_seq() == 5);
  CHECK((*index)->document_count() == 5);
  // Nothing is left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 2);  // archive/ and index/
}
