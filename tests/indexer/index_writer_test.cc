// IndexWriter: open over what a killed process can leave behind; the spelling table it keeps.
#include "kiosque/indexer/index_writer.h"

#include <fmt/format.h>
#include <xapian.h>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/indexer/analyser.h"
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

namespace {

indexer::AnalysedArticle analysed(indexer::FrenchAnalyser& analyser, std::uint64_t seq,
                                  const std::string& text) {
  archive::Article article;
  article.id = archive::sha256(fmt::format("{}:{}", seq, text));
  article.seq = seq;
  article.content.text = text;
  return indexer::analyse_article(analyser, std::move(article));
}

Xapian::termcount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (*it == word) return it.get_termfreq();
  }
  return 0;
}

}  // namespace

TEST_CASE("the spelling table counts each word of the committed articles, once each",
          "[indexer][writer]") {
  TempDir dir;
  indexer::FrenchAnalyser analyser;
  {
    auto writer = indexer::IndexWriter::open(dir.folder().index(), {.sync = false});
    REQUIRE_OK(writer);
    REQUIRE_OK(
        (*writer)->replace(analysed(analyser, 1, "Poutine appelle Goïta. Poutine insiste.")));
    REQUIRE_OK((*writer)->replace(analysed(analyser, 2, "La Cédéao répond à Poutine.")));
    REQUIRE_OK((*writer)->commit(2));
    // Words waiting for a commit that never comes are not counted.
    REQUIRE_OK((*writer)->replace(analysed(analyser, 3, "Poutine encore, Wagner aussi.")));
  }
  const Xapian::Database db(dir.folder().index().string());
  CHECK(spelling_frequency(db, "poutine") == 3);
  CHECK(spelling_frequency(db, "goita") == 1);
  CHECK(spelling_frequency(db, "cedeao") == 1);
  CHECK(spelling_frequency(db, "wagner") == 0);
  CHECK(spelling_frequency(db, "la") == 0);  // shorter than four letters
  CHECK(db.get_spelling_suggestion("poutinne") == "poutine");
}
