// The whole fr-news corpus goes in: no rejection, and the byte-identical copies are duplicates.
#include <map>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/archive/ingest.h"
#include "test_support.h"

using namespace kiosque::archive;
using kiosque::test::corpus_paths;
using kiosque::test::read_file;
using kiosque::test::TempDir;

TEST_CASE("all of fr-news goes in - its identical copies are reported as duplicates",
          "[corpus][slow]") {
  const auto paths = corpus_paths();
  REQUIRE(paths.size() == 20000);
  // The copies, counted independently of kiosque: files whose bytes an earlier file already had.
  std::map<Digest, int> seen;
  std::size_t copies = 0;
  for (const auto& p : paths) copies += seen[sha256(read_file(p))]++ > 0;
  CHECK(copies > 1000);

  TempDir dir;
  auto store = Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  std::vector<std::string> rejected;
  auto totals = ingest_files(**store, paths, {}, [&](const FileOutcome& o) {
    if (!*o.result) rejected.push_back(o.path->string() + ": " + o.result->error().message);
  });
  REQUIRE_OK(totals);
  INFO((rejected.empty() ? "" : rejected.front()));
  CHECK(rejected.empty());
  CHECK(totals->duplicates == copies);
  CHECK(totals->added + totals->new_raw_versions + totals->duplicates == 20000);
  auto stats = (*store)->stats();
  CHECK(stats->articles == totals->added);
  CHECK(stats->raw_versions == totals->added + totals->new_raw_versions);
}
