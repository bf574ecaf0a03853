// Stories in the index: each article filed under the archive's story, and check_index holding
// the index to it.
#include <xapian.h>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/index_check.h"
#include "kiosque/indexer/indexer.h"
#include "schema.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

TEST_CASE(
    "every document is filed under its article's story - check_index finds one that is "
    "not and repair files it again",
    "[indexer][stories]") {
  TempDir dir;
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE(archive::ingest_files(**store, seed_paths(), {}, {}));
  {
    auto index = indexer::Indexer::open(dir.folder().index());
    REQUIRE_OK(index);
    REQUIRE_OK((*index)->update(**store, {}, indexer::Pace::steady));
  }
  auto fine = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(fine);
  CHECK(fine->wrong_story == 0);
  CHECK(fine->problems.empty());

  // One document filed under another story, as an index that missed a merge would be.
  auto log = (*store)->read_log(0, 1);
  REQUIRE_OK(log);
  const std::string hex = log->front().id.hex();
  {
    Xapian::WritableDatabase db(dir.folder().index().string(), Xapian::DB_OPEN);
    const std::string term = indexer::schema::id_term(hex);
    const Xapian::docid doc_id = *db.postlist_begin(term);
    Xapian::Document doc = db.get_document(doc_id);
    CHECK(doc.get_value(indexer::schema::kStorySlot) ==
          (*store)->get(log->front().id)->story->group.hex());
    doc.add_value(indexer::schema::kStorySlot, std::string(64, 'f'));
    db.replace_document(doc_id, doc);
    db.commit();
  }
  auto found = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(found);
  CHECK(found->wrong_story == 1);
  REQUIRE(found->problems.size() == 1);
  CHECK_THAT(found->problems[0],
             Catch::Contains(hex) && Catch::Contains("under story ffffffffffff"));

  auto repaired = indexer::check_index(**store, dir.folder().index(), true);
  REQUIRE_OK(repaired);
  CHECK(repaired->repaired == 1);
  auto after = indexer::check_index(**store, dir.folder().index(), false);
  REQUIRE_OK(after);
  CHECK(after->wrong_story == 0);
  CHECK(after->problems.empty());
}
