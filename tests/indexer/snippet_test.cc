// Snippets (indexer/src/snippet.h): the window that best shows the match, with each matched
// surface word marked by byte range.
#include "snippet.h"

#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::Snippet;
using kiosque::indexer::detail::make_snippet;

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
  const auto s =
      make_snippet("Le président a reçu l’appel de Vladimir Poutine.", {"appel"}, {}, analyser);
  CHECK(marked(s) == std::vector<std::string>{"appel"});
  CHECK_THAT(s.text, Catch::Contains("l’appel"));
}

TEST_CASE("the window goes where the matches are densest", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  std::string text = "Wagner au début. ";
  for (int i = 0; i < 40; ++i) text += "remplissage ";
  text += "Ici Wagner et encore Wagner, puis Wagner.";
  const auto s = make_snippet(text, {"wagn"}, {}, analyser, 12);
  CHECK(marked(s).size() == 3);
  CHECK_THAT(s.text, Catch::Contains("Ici Wagner"));
  CHECK_THAT(s.text, !Catch::Contains("au début"));
}

TEST_CASE("accents and case differ between query and text and still mark", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const auto s = make_snippet("La CEDEAO et la Cédéao se réunissent.", {"cedeao"}, {}, analyser);
  CHECK(marked(s) == std::vector<std::string>{"CEDEAO", "Cédéao"});
}

TEST_CASE("a text with no match still gives its start, unmarked", "[indexer][snippet]") {
  FrenchAnalyser analyser;
  const auto s = make_snippet("Rien à voir avec la requête.", {"wagn"}, {}, analyser);
  CHECK(s.highlights.empty());
  CHECK_THAT(s.text, Catch::StartsWith("Rien"));
}
