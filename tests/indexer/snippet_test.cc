// Snippets (indexer/src/snippet.h): the window that best shows the match, with each matched
// surface word marked by byte range.
#include "snippet.h"

#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::Snippet;
using kiosque::indexer::detail::SnippetMaker;

namespace {

std::vector<std::string> marked(const Snippet& s) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : s.highlights) {
    REQUIRE(begin < end);
    REQUIRE(end <= s.text.size());
    out.push_back(s.text.substr(begin, end - begin));
  }
  return out;
}

}  // namespace

TEST_CASE("a match after an elision is marked without its article", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const auto s = SnippetMaker(analyser, {"appel"}, {})
                     .make("Le président a reçu l’appel de Vladimir Poutine.");
  CHECK(marked(s) == std::vector<std::string>{"appel"});
  CHECK_THAT(s.text, Catch::Contains("l’appel"));
}

TEST_CASE("the window goes where the matches are densest", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  std::string text = "Wagner au début. ";
  for (int i = 0; i < 40; ++i) text += "remplissage ";
  text += "Ici Wagner et encore Wagner, puis Wagner.";
  const auto s = SnippetMaker(analyser, {analyser.stem("wagner")}, {}, 12).make(text);
  CHECK(marked(s).size() == 3);
  CHECK_THAT(s.text, Catch::Contains("Ici Wagner"));
  CHECK_THAT(s.text, !Catch::Contains("au début"));
}

TEST_CASE("accents and case differ between query and text and still mark", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const auto s =
      SnippetMaker(analyser, {"cedeao"}, {}).make("La CEDEAO et la Cédéao se réunissent.");
  CHECK(marked(s) == std::vector<std::string>{"CEDEAO", "Cédéao"});
}

TEST_CASE("a text with no match still gives its start, unmarked", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const auto s = SnippetMaker(analyser, {"wagn"}, {}).make("Rien à voir avec la requête.");
  CHECK(s.highlights.empty());
  CHECK_THAT(s.text, Catch::StartsWith("Rien"));
}

TEST_CASE("a snippet is never chosen for stop words, nor marks them", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Des gens et des villes, les uns et les autres. ";
  text += "Enfin la réforme des retraites passe.";
  const std::set<std::string> stems{analyser.stem("réforme"), analyser.stem("des"),
                                    analyser.stem("retraites")};
  const auto s = SnippetMaker(analyser, stems, {}, 12).make(text);
  CHECK_THAT(s.text, Catch::Contains("la réforme des retraites"));
  CHECK(marked(s) == std::vector<std::string>{"réforme", "retraites"});
  // A query of stop words alone still marks them.
  const auto only =
      SnippetMaker(analyser, {analyser.stem("les")}, {}).make("Les uns et les autres.");
  CHECK(marked(only) == std::vector<std::string>{"Les", "les"});
}

TEST_CASE("a window showing more of the query's words beats one repeating one of them",
          "[indexer][snippet]") {
  FrenchAnalyser analyser;
  std::string text = "Wagner, Wagner, Wagner et encore Wagner. ";
  for (int i = 0; i < 40; ++i) text += "remplissage ";
  text += "Le groupe Wagner et Prigojine.";
  const auto s =
      SnippetMaker(analyser, {analyser.stem("wagner"), analyser.stem("prigojine")}, {}, 10)
          .make(text);
  CHECK(marked(s) == std::vector<std::string>{"Wagner", "Prigojine"});
}

TEST_CASE("marks never nest or overlap, whatever parts a written word splits into",
          "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const std::string text =
      "Source : Tixierae/OrangeSum@e6f8a6e3b710, porte-parole du C.É.D.É.A.O. à l’aube.";
  std::vector<kiosque::indexer::Token> tokens;
  analyser.analyse(text, tokens);
  std::set<std::string> stems, terms;
  for (const auto& t : tokens) {
    stems.insert(t.stem);
    terms.insert(t.term);
  }
  const auto s = SnippetMaker(analyser, stems, terms).make(text);
  REQUIRE_FALSE(s.highlights.empty());
  for (std::size_t i = 1; i < s.highlights.size(); ++i)
    CHECK(s.highlights[i - 1].second < s.highlights[i].first);
}

TEST_CASE("one maker gives each text of a result list the snippet a fresh maker gives it",
          "[indexer][snippet]") {
  FrenchAnalyser analyser;
  std::string long_text = "Wagner au début. ";
  for (int i = 0; i < 300; ++i) long_text += "remplissage ";
  long_text += "Ici Wagner et Prigojine.";
  const std::vector<std::string> texts{long_text, "Prigojine seul.", "Rien à voir.",
                                       "Wagner, puis Wagner.", long_text};
  const std::set<std::string> stems{analyser.stem("wagner"), analyser.stem("prigojine")};
  SnippetMaker reused(analyser, stems, {}, 12);
  for (const auto& text : texts) {
    const Snippet once = SnippetMaker(analyser, stems, {}, 12).make(text);
    const Snippet again = reused.make(text);
    CHECK(again.text == once.text);
    CHECK(again.highlights == once.highlights);
  }
  CHECK(marked(reused.make(texts[1])) == std::vector<std::string>{"Prigojine"});
}
