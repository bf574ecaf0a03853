// An index built by many small catch-ups holds exactly what one built in a single pass holds.
#include <xapian.h>

#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>

#include "folder/data_folder.h"
#include "index_dump.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/updater.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::Errc;
using kiosque::test::corpus_paths;
using kiosque::test::dump_index;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

TEST_CASE("many small catch-ups build the same index as one reindex", "[indexer][incremental]") {
  TempDir dir;
  auto paths = seed_paths();
  const auto corpus = corpus_paths(300);
  paths.insert(paths.end(), corpus.begin(), corpus.end());

  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  indexer::UpdaterConfig small;
  small.commit_docs = 7;
  // Add in slices, catching up after each, as repeated `kiosque add` calls do.
  for (std::size_t from = 0; from < paths.size(); from += 40) {
    const std::size_t to = std::min(paths.size(), from + 40);
    REQUIRE_OK(archive::ingest_files(**store, std::span(paths).subspan(from, to - from), {}, {}));
    auto writer = indexer::IndexWriter::open(dir / "incremental");
    REQUIRE_OK(writer);
    REQUIRE_OK(indexer::catch_up(**store, **writer, small));
    // A second catch-up with nothing new changes nothing.
    auto again = indexer::catch_up(**store, **writer, small);
    REQUIRE_OK(again);
    CHECK(again->indexed == 0);
  }
  {
    auto writer = indexer::IndexWriter::open(dir / "whole");
    REQUIRE_OK(writer);
    REQUIRE_OK(indexer::catch_up(**store, **writer, {}));
    CHECK((*writer)->last_seq() == (*store)->last_seq());
  }
  const auto incremental = dump_index(dir / "incremental");
  const auto whole = dump_index(dir / "whole");
  CHECK(incremental.size() == (*store)->stats()->articles);
  CHECK(incremental == whole);
}

TEST_CASE("the updater commits by time as well as by volume", "[indexer][incremental]") {
  TempDir dir;
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, seed_paths(), {}, {}));
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  indexer::UpdaterConfig config;
  config.commit_docs = 1000;
  config.commit_interval = std::chrono::milliseconds(0);
  auto totals = indexer::catch_up(**store, **writer, config);
  REQUIRE_OK(totals);
  CHECK(totals->indexed == 5);
  CHECK(totals->commits == 5);
  CHECK((*writer)->last_seq() == 5);
}

TEST_CASE("an updater that follows a growing log reads only what it is allowed",
          "[indexer][incremental]") {
  TempDir dir;
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, corpus_paths(40), {}, {}));
  REQUIRE((*store)->last_seq() > 30);
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  // The log holds more than 30 entries, but its writer says 15, then 30, then that it is done.
  std::vector<std::uint64_t> asked;
  indexer::UpdaterConfig config;
  config.follow = [&](std::uint64_t after) -> std::uint64_t {
    asked.push_back(after);
    return after < 15 ? 15 : 30;
  };
  auto totals = indexer::catch_up(**store, **writer, config);
  REQUIRE_OK(totals);
  CHECK(asked == std::vector<std::uint64_t>{0, 15, 30});
  CHECK(totals->indexed == 30);
  CHECK(totals->commits == 1);  // following is one catch-up, not one per step
  CHECK((*writer)->last_seq() == 30);
  CHECK((*writer)->document_count() == 30);
}

TEST_CASE("an index that follows the log while it is archived equals one built afterwards",
          "[indexer][incremental]") {
  TempDir dir;
  const auto paths = corpus_paths(200);
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  std::mutex mutex;
  std::condition_variable changed;
  std::uint64_t synced = 0;
  bool done = false;
  bool archived = true;  // Catch2's assertions belong to the test's own thread
  std::jthread archiver([&] {
    // Slices, each synced when ingest_files returns, announced as `kiosque add` announces them.
    for (std::size_t from = 0; from < paths.size(); from += 25) {
      const auto slice =
          std::span(paths).subspan(from, std::min<std::size_t>(25, paths.size() - from));
      if (!archive::ingest_files(**store, slice, {}, {})) archived = false;
      const std::uint64_t seq = (*store)->last_seq();
      {
        const std::lock_guard lock(mutex);
        synced = seq;
      }
      changed.notify_one();
    }
    {
      const std::lock_guard lock(mutex);
      done = true;
    }
    changed.notify_one();
  });
  auto writer = indexer::IndexWriter::open(dir / "followed");
  REQUIRE_OK(writer);
  indexer::UpdaterConfig config;
  config.commit_interval = std::chrono::hours(1);
  config.follow = [&](std::uint64_t after) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return done || synced > after; });
    return std::max(synced, after);
  };
  auto totals = indexer::catch_up(**store, **writer, config);
  archiver.join();
  REQUIRE(archived);
  REQUIRE_OK(totals);
  CHECK(totals->commits == 1);
  CHECK((*writer)->last_seq() == (*store)->last_seq());
  {
    auto whole = indexer::IndexWriter::open(dir / "whole");
    REQUIRE_OK(whole);
    REQUIRE_OK(indexer::catch_up(**store, **whole, {}));
  }
  writer->reset();
  CHECK(dump_index(dir / "followed") == dump_index(dir / "whole"));
}

TEST_CASE("an index built by another analyser version is refused with advice", "[indexer]") {
  TempDir dir;
  {
    Xapian::WritableDatabase db((dir.folder().index()).string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata("kiosque:analyser", "fr-0");
    db.add_document(Xapian::Document());
    db.commit();
  }
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_FALSE(writer.has_value());
  CHECK(writer.error().code == Errc::version_mismatch);
  CHECK(writer.error().part == Part::index);  // the command line advises `kiosque reindex`
}
