// bulk_build: shards in parallel, then one merge swapped in; the result holds exactly what the
// incremental updater would have built.
#include "bulk_build.h"

#include <xapian.h>

#include "folder/data_folder.h"
#include "index_dump.h"
#include "kiosque/archive/ingest.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::corpus_paths;
using kiosque::test::dump_index;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

std::vector<std::filesystem::path> articles(std::size_t corpus) {
  auto paths = seed_paths();
  const auto more = corpus_paths(corpus);
  paths.insert(paths.end(), more.begin(), more.end());
  return paths;
}

// The first 100 of `paths` archived and indexed: a live index, open for writing.
struct LiveIndex {
  TempDir dir;
  std::vector<std::filesystem::path> paths;
  std::unique_ptr<archive::Store> store;
  std::unique_ptr<indexer::IndexWriter> writer;

  explicit LiveIndex(std::size_t corpus) : paths(articles(corpus)) {
    auto opened = archive::Store::open(dir.folder().archive());
    REQUIRE_OK(opened);
    store = std::move(*opened);
    REQUIRE_OK(archive::ingest_files(*store, std::span(paths).first(100), {}, {}));
    auto made = indexer::IndexWriter::open(dir.folder().index());
    REQUIRE_OK(made);
    writer = std::move(*made);
    REQUIRE_OK(indexer::catch_up(*store, *writer, {}));
  }

  // Whether the live index holds what one catch_up of the whole archive builds.
  bool same_as_caught_up() {
    {
      auto whole = indexer::IndexWriter::open(dir / "whole");
      REQUIRE_OK(whole);
      REQUIRE_OK(indexer::catch_up(*store, **whole, {}));
    }
    return dump_index(dir.folder().index()) == dump_index(dir / "whole");
  }
};

}  // namespace

TEST_CASE("bulk_build merges a live index and its shards into what catch_up builds",
          "[indexer][bulk]") {
  LiveIndex live_index(400);
  auto& [dir, paths, store, writer] = live_index;
  const std::uint64_t live = writer->last_seq();
  REQUIRE(live > 90);
  REQUIRE_OK(archive::ingest_files(*store, std::span(paths).subspan(100), {}, {}));
  indexer::UpdaterConfig three;
  three.threads = 3;
  auto built = indexer::bulk_build(*store, writer, dir.folder().index(), three);
  REQUIRE_OK(built);
  CHECK(built->indexed == store->last_seq() - live);
  CHECK(writer->last_seq() == store->last_seq());
  CHECK(writer->document_count() == store->stats()->articles);
  CHECK_FALSE(std::filesystem::exists(dir / "index.shards"));
  CHECK_FALSE(std::filesystem::exists(dir / "index.merged"));
  CHECK(live_index.same_as_caught_up());

  // The reopened writer goes on incrementally.
  test::write_file(dir / "new.txt", "Un nouvel article\n\nLe Mali et la Cédéao, encore.\n");
  REQUIRE_OK(
      archive::ingest_files(*store, std::vector<std::filesystem::path>{dir / "new.txt"}, {}, {}));
  auto more = indexer::catch_up(*store, *writer, {});
  REQUIRE_OK(more);
  CHECK(more->indexed == 1);
}

TEST_CASE("a bulk_build stopped early leaves the live index as it was", "[indexer][bulk]") {
  TempDir dir;
  const auto paths = articles(300);
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, paths, {}, {}));
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  // Leftovers of a crashed bulk build are cleared, not merged.
  std::filesystem::create_directories(dir / "index.shards" / "0");
  test::write_file(dir / "index.shards" / "0" / "junk", "x");

  indexer::UpdaterConfig config;
  config.commit_docs = 10;
  config.keep_going = [] { return false; };
  auto built = indexer::bulk_build(**store, *writer, dir.folder().index(), config);
  REQUIRE_OK(built);
  CHECK(built->indexed == 0);
  CHECK((*writer)->last_seq() == 0);
  CHECK((*writer)->document_count() == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "index.shards"));
}

TEST_CASE("bulk building pays for a backlog as large as the index", "[indexer][bulk]") {
  CHECK(indexer::bulk_build_pays(20000, 0));
  CHECK(indexer::bulk_build_pays(20000, 20000));
  CHECK_FALSE(indexer::bulk_build_pays(20000, 20001));
  CHECK_FALSE(indexer::bulk_build_pays(indexer::kMinBacklog - 1, 0));
}

TEST_CASE("a backlog that names indexed articles again is caught up, never merged twice",
          "[indexer][bulk]") {
  LiveIndex live_index(200);
  auto& [dir, paths, store, writer] = live_index;
  const std::uint64_t indexed_before = writer->document_count();

  // A manifest dates the first file, already indexed: the log names its article again, after
  // the articles archived meanwhile.
  archive::GivenMetadata dated;
  dated.date = archive::ArticleDate{2023, 9, 20, archive::ArticleDate::Precision::day};
  dated.provenance = archive::Provenance{"MANIFEST.tsv", 1700000000000};
  std::vector<const archive::GivenMetadata*> given(1, &dated);
  REQUIRE_OK(archive::ingest_files(*store, std::span(paths).subspan(100), {}, {}));
  auto renewed = archive::ingest_files(*store, std::span(paths).first(1), {}, {}, {}, given);
  REQUIRE_OK(renewed);
  CHECK(renewed->metadata_changed == 1);

  auto built = indexer::bulk_build(*store, writer, dir.folder().index(), {});
  REQUIRE_OK(built);
  CHECK(built->merge.count() == 0);  // caught up, not merged
  CHECK(writer->document_count() == store->stats()->articles);
  CHECK(writer->document_count() > indexed_before);
  CHECK(live_index.same_as_caught_up());
}
