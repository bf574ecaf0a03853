#include "kiosque/indexer/analyser.h"

#include "analysed.h"
#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::Token;
using kiosque::test::analyse;
using kiosque::test::terms;

namespace {
std::string stem_of(std::string_view word) {
  const auto tokens = analyse(word);
  REQUIRE(tokens.size() == 1);
  return tokens[0].stem;
}
}  // namespace

TEST_CASE("elisions go with both apostrophes and any case", "[analyser]") {
  for (const char* v : {"l'été", "l’été", "L’Été", "L'ÉTÉ"}) {
    INFO(v);
    CHECK(terms(v) == std::vector<std::string>{"ete"});
  }
  CHECK(terms("jusqu'où") == std::vector<std::string>{"ou"});
  CHECK(terms("qu’il lorsqu’elle puisqu'on quoiqu'il") ==
        std::vector<std::string>{"il", "elle", "on", "il"});
  CHECK(terms("d’aujourd’hui") == std::vector<std::string>{"aujourd'hui"});
  CHECK(terms("aujourd'hui") == std::vector<std::string>{"aujourd'hui"});
  CHECK(terms("presqu’île") == std::vector<std::string>{"presqu'ile"});
  CHECK(terms("l'ONU") == std::vector<std::string>{"onu"});
}

TEST_CASE("case and accents fold so that variants meet", "[analyser]") {
  for (const char* v : {"Cédéao", "CEDEAO", "cedeao", "C.É.D.É.A.O.", "C.E.D.E.A.O"}) {
    INFO(v);
    CHECK(terms(v) == std::vector<std::string>{"cedeao"});
  }
  CHECK(terms("Goïta") == terms("Goita"));
  CHECK(terms("cœur") == terms("coeur"));
  CHECK(terms("cœur")[0] == "coeur");
  CHECK(stem_of("événement") == stem_of("évènement"));
  CHECK(stem_of("événement") == stem_of("evenement"));
  CHECK(stem_of("putschistes") == stem_of("putschiste"));
  CHECK(stem_of("rappel") != stem_of("appel"));
}

TEST_CASE("a word the lexicon knows is reduced to its lemma, beyond what Snowball joins",
          "[analyser][lexicon]") {
  // Irregular verbs, -x plurals, adjectives: what Snowball French cannot join.
  CHECK(stem_of("élit") == "elire");
  CHECK(stem_of("élisent") == "elire");
  CHECK(stem_of("déçus") == "decevoir");
  CHECK(stem_of("reçoivent") == "recevoir");
  CHECK(stem_of("meurt") == "mourir");
  CHECK(stem_of("chevaux") == "cheval");
  CHECK(stem_of("bijoux") == "bijou");
  CHECK(stem_of("vœux") == "voeu");
  CHECK(stem_of("belle") == "beau");
  CHECK(stem_of("bel") == "beau");
  CHECK(stem_of("étrangère") == "etranger");
  CHECK(stem_of("dépasse") == stem_of("dépasser"));
  CHECK(stem_of("crédits") == stem_of("crédit"));
  // What Snowball joins and the lexicon separates: different families.
  CHECK(stem_of("publication") != stem_of("public"));
  CHECK(stem_of("payer") != stem_of("pays"));
  CHECK(stem_of("jeter") != stem_of("jets"));
  CHECK(stem_of("célébration") != stem_of("célèbre"));
  CHECK(stem_of("terroristes") == stem_of("terroriste"));
  CHECK(stem_of("terroristes") != stem_of("terrorisme"));
  // Written without accents, a form stands for every form that folds to it...
  CHECK(stem_of("elus") == "elu");
  CHECK(stem_of("decus") == "decevoir");
  // ...unless it is a word as written: `du` is the article, `dû` a form of devoir.
  CHECK(stem_of("du") == "du");
  CHECK(analyse("du")[0].alt_stems.empty());
  CHECK(analyse("dû")[0].alt_stems == std::vector<std::string>{"devoir"});
  // An ambiguous form is indexed under each of its lemmas at one position; a query word stands
  // for itself when it is a lemma (`été`, the season), else for its noun or adjective reading.
  const auto ete = analyse("été");
  CHECK(ete[0].stem == "ete");
  CHECK(ete[0].alt_stems == std::vector<std::string>{"etre"});
  CHECK(analyse("élus")[0].alt_stems == std::vector<std::string>{"elire"});
  FrenchAnalyser analyser;
  CHECK(analyser.stem("été") == "ete");
  CHECK(analyser.stem("élus") == "elu");
  CHECK(analyser.stem("chevaux") == "cheval");
  // A word the dictionary does not know keeps its Snowball stem.
  CHECK(stem_of("macronistes") == stem_of("macroniste"));
  CHECK(analyse("macronistes")[0].stem == analyser.stem("macroniste"));
}

TEST_CASE("hyphenated compounds give parts at consecutive positions and the joined form",
          "[analyser]") {
  const auto t = analyse("le Burkina-Faso");
  REQUIRE(t.size() == 4);
  CHECK(t[0].term == "le");
  CHECK(t[1].term == "burkina");
  CHECK(t[2].term == "faso");
  CHECK(t[2].position == t[1].position + 1);
  CHECK(t[3].term == "burkinafaso");
  CHECK(t[3].position == 0);
  const auto s = analyse("saharo-sahélienne");
  CHECK(s[1].stem == stem_of("sahéliens"));
}

TEST_CASE("numbers are terms and positions count words only", "[analyser]") {
  const auto t = analyse("En 2017, 64 personnes – l’appel");
  REQUIRE(t.size() == 5);
  CHECK(t[1].term == "2017");
  CHECK(t[2].term == "64");
  for (std::size_t i = 0; i < t.size(); ++i) CHECK(t[i].position == i + 1);
}

TEST_CASE("offsets cover the surface word after an elision", "[analyser]") {
  const std::string text = "Lors de l’appel, l'Europe";
  const auto t = analyse(text);
  REQUIRE(t.size() == 4);
  CHECK(text.substr(t[2].begin, t[2].end - t[2].begin) == "appel");
  CHECK(t[2].begin == 12);  // "Lors de l" is 9 bytes, then the 3-byte ’
  CHECK(text.substr(t[3].begin, t[3].end - t[3].begin) == "Europe");
}

TEST_CASE("glued sentences split at the dot", "[analyser]") {
  CHECK(terms("inconnues.Lorsque") == std::vector<std::string>{"inconnues", "lorsque"});
}

TEST_CASE("a long-lived analyser gives the same tokens as a fresh one, past its cache's bound",
          "[analyser]") {
  const auto same = [](const std::vector<Token>& a, const std::vector<Token>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO(a[i].word);
      CHECK(a[i].word == b[i].word);
      CHECK(a[i].term == b[i].term);
      CHECK(a[i].stem == b[i].stem);
      CHECK(a[i].alt_stems == b[i].alt_stems);
      CHECK(a[i].position == b[i].position);
      CHECK((a[i].begin == b[i].begin && a[i].end == b[i].end));
    }
  };
  FrenchAnalyser long_lived;
  for (const auto& seed : kiosque::test::seed_paths()) {
    const std::string text = kiosque::test::read_file(seed);
    std::vector<Token> first, again;
    long_lived.analyse(text, first);
    long_lived.analyse(text, again);
    same(first, analyse(text));
    same(again, first);
  }
  // Many more distinct words than the cache holds, then the seeds again.
  std::string words;
  for (int i = 0; i < 120'000; ++i) words += "Mot" + std::to_string(i) + "é ";
  std::vector<Token> many;
  long_lived.analyse(words, many);
  CHECK(many.size() == 120'000);
  for (const auto& seed : kiosque::test::seed_paths()) {
    const std::string text = kiosque::test::read_file(seed);
    std::vector<Token> later;
    long_lived.analyse(text, later);
    same(later, analyse(text));
  }
}
