// Query rewriting (indexer/src/query_text.h): the user's words become the analyser's words, and
// Xapian's syntax around them is kept.
#include "query_text.h"

#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::detail::prepare_query;

TEST_CASE("query words become the analyser's words", "[indexer][query]") {
  FrenchAnalyser analyser;
  CHECK(prepare_query("L’Appel", analyser) == "appel");
  CHECK(prepare_query("l'appel", analyser) == "appel");
  CHECK(prepare_query("C.É.D.É.A.O.", analyser) == "cédéao");
  CHECK(prepare_query("1 000 000 FCFA", analyser) == "1000000 fcfa");
}

TEST_CASE("query syntax is kept around the rewritten words", "[indexer][query]") {
  FrenchAnalyser analyser;
  CHECK(prepare_query("\"coup d’État\" AND Goïta", analyser) == "\"coup état\" AND goïta");
  CHECK(prepare_query("l'appel NOT Poutine", analyser) == "appel NOT poutine");
  CHECK(prepare_query("(Wagner OR Prigojine) -Russie", analyser) ==
        "(wagner OR prigojine) -russie");
  CHECK(prepare_query("title:Mali source:rfi.fr", analyser) == "title:mali source:rfi.fr");
  // An operator alone is left for the parser to judge.
  CHECK(prepare_query("NEAR", analyser) == "NEAR");
}

TEST_CASE("wildcards fold their start and compounds parse as phrases", "[indexer][query]") {
  FrenchAnalyser analyser;
  // A text word's wildcard goes to the field that matches it on stems; a title's stays a wildcard
  // on the title's words.
  CHECK(prepare_query("Cédé*", analyser) == "kiosquewildcard:cede");
  CHECK(prepare_query("-Jean-Cl*", analyser) == "-kiosquewildcard:jean-cl");
  CHECK(prepare_query("title:Cédé*", analyser) == "title:cede*");
  CHECK(prepare_query("anti-terroriste", analyser) == "anti-terroriste");
  CHECK(prepare_query("#BringBackOurGirls", analyser) == "bring-back-our-girls");
}

TEST_CASE("an empty or blank query stays empty", "[indexer][query]") {
  FrenchAnalyser analyser;
  CHECK(prepare_query("", analyser).empty());
  CHECK(prepare_query("   ", analyser).find_first_not_of(' ') == std::string::npos);
}

TEST_CASE(
    "a query naming a field kiosque lacks, or a lone star, is an error; lower-case operators "
    "get a note",
    "[query]") {
  using kiosque::indexer::detail::check_query;
  auto unknown = check_query("auteur:Dupont retraites");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == kiosque::Errc::invalid_argument);
  CHECK(unknown.error().message ==
        "'auteur:' is not a field; the fields are title: source: author: section: tag: site:");
  CHECK_THAT(unknown.error().hint, Catch::Contains("quotes"));
  auto dated = check_query("date:2020 retraites");
  REQUIRE_FALSE(dated.has_value());
  CHECK_THAT(dated.error().hint, Catch::Contains("--since 2020 --until 2020"));
  CHECK_FALSE(check_query("*").has_value());
  CHECK_FALSE(check_query("Mali -*").has_value());
  CHECK(check_query("télé*")->empty());
  CHECK(check_query("source:afp title:Mali \"auteur: Dupont\"")->empty());  // quoted: words
  CHECK(check_query("https://actu.orange.fr 10:30")->empty());              // no field there
  const auto notes = check_query("Mali or Niger and not Burkina OR Tchad");
  REQUIRE_OK(notes);
  REQUIRE(notes->size() == 3);
  CHECK(notes->front() == "'or' is searched as a word; for the operator, write OR");
}
