// WildcardQuery (indexer/src/wildcard_query.h) over an index the real writer made, which holds
// stems and no plain words: a start typed with * finds the words whose stems begin with it, and a
// word typed whole finds its own forms, whatever its stem.
#include "wildcard_query.h"

#include <fmt/format.h>

#include <set>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/indexer/index_writer.h"
#include "query_text.h"
#include "schema.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::TempDir;

namespace {

const std::vector<std::string> kTexts{
    "Les chevaux du Mali courent.",       // 1
    "Assimi Goïta parle au Kremlin.",     // 2
    "La pandémie de covid recule.",       // 3
    "Les élus locaux votent.",            // 4
    "Un futur radieux s'annonce.",        // 5
    "Jean-Claude Juncker répond.",        // 6
    "Les présidentielles approchent.",    // 7
    "Un cheval seul, un chevalier aussi"  // 8
};

struct WildcardIndex {
  TempDir dir;
  indexer::FrenchAnalyser analyser;
  WildcardIndex() {
    auto writer = indexer::IndexWriter::open(dir.folder().index(), {.sync = false});
    REQUIRE_OK(writer);
    std::uint64_t seq = 0;
    for (const auto& text : kTexts) {
      archive::Article article;
      article.id = archive::sha256(text);
      article.seq = ++seq;
      article.content.text = text;
      REQUIRE_OK((*writer)->replace(indexer::analyse_article(analyser, std::move(article))));
    }
    REQUIRE_OK((*writer)->commit(seq));
  }

  // The documents (1-based, in kTexts' order) the processor's query for `text` matches.
  std::set<Xapian::docid> found(const std::string& text) {
    const Xapian::Database db(dir.folder().index().string());
    indexer::detail::WildcardQuery wildcard(analyser);
    Xapian::Enquire enquire(db);
    enquire.set_query(wildcard(text));
    const Xapian::MSet m = enquire.get_mset(0, 100);
    return {m.begin(), m.end()};
  }
};

}  // namespace

TEST_CASE("a wildcard matches the stems that begin with it, and a whole word's own stems",
          "[indexer][query]") {
  WildcardIndex w;
  using Found = std::set<Xapian::docid>;
  CHECK(w.found("chev") == Found{1, 8});
  CHECK(w.found("chevaux") == Found{1, 8});  // the lemma `cheval`
  CHECK(w.found("chevalier") == Found{8});
  CHECK(w.found("goi") == Found{2});
  CHECK(w.found("goita") == Found{2});  // the Snowball stem `goit`, shorter than the word
  CHECK(w.found("pandem") == Found{3});
  CHECK(w.found("elus") == Found{4});  // the lemmas `elu` and `elire`
  CHECK(w.found("fut") == Found{5});
  CHECK(w.found("presidentielles") == Found{7});
  CHECK(w.found("jean-cl") == Found{6});  // a compound's other parts match as words
  CHECK(w.found("jean-cheva").empty());
  CHECK(w.found("zzz").empty());
}

TEST_CASE("a wildcard on text from outside French news is read without error", "[indexer][query]") {
  WildcardIndex w;
  const std::string field = std::string(indexer::schema::kWildcardField) + ":";
  std::size_t read = 0;
  std::string long_word;
  for (int i = 0; i < 300; ++i) long_word += "é";
  for (const std::string& typed :
       {std::string("👍🏽*"), std::string("Москва*"), long_word + "*", std::string("l’*"),
        std::string("Jean-*"), std::string("C.É.D.É.A.O*"), std::string("١٢*")}) {
    INFO(typed);
    const std::string prepared = indexer::detail::prepare_query(typed, w.analyser);
    if (!prepared.starts_with(field)) continue;  // nothing left to match, or no wildcard
    CHECK_NOTHROW(w.found(prepared.substr(field.size())));
    ++read;
  }
  CHECK(read >= 4);
  CHECK(w.found(indexer::detail::prepare_query("Goïta*", w.analyser).substr(field.size())) ==
        std::set<Xapian::docid>{2});
}
