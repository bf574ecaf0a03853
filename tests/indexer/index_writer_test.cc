// IndexWriter::open over what a killed process can leave behind.
#include "kiosque/indexer/index_writer.h"

#include "folder/data_folder.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::write_file;

TEST_CASE("an index whose creation was interrupted is started afresh", "[indexer][writer]") {
  TempDir dir;
  // Tables written, revision file not yet renamed into place: a process killed while Xapian
  // created the index. Glass writes the first revision as v.tmp before the tables.
  const bool revision_written = GENERATE(false, true);
  std::filesystem::create_directories(dir.folder().index());
  write_file(dir.folder().index() / "flintlock", "");
  if (revision_written) write_file(dir.folder().index() / "v.tmp", "half a revision");
  write_file(dir.folder().index() / "postlist.glass", "");
  write_file(dir.folder().index() / "termlist.glass", "");
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  REQUIRE_OK(writer);
  CHECK((*writer)->last_seq() == 0);
  CHECK((*writer)->document_count() == 0);
  CHECK(std::filesystem::exists(dir.folder().index() / "iamglass"));
  CHECK_FALSE(std::filesystem::exists(dir.folder().index() / "v.tmp"));
}

TEST_CASE("a folder holding other files is never cleared to make an index", "[indexer][writer]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().index());
  write_file(dir.folder().index() / "postlist.glass", "");
  write_file(dir.folder().index() / "notes.txt", "mine");
  auto writer = indexer::IndexWriter::open(dir.folder().index());
  CHECK_FALSE(writer.has_value());
  CHECK(read_file(dir.folder().index() / "notes.txt") == "mine");
}
