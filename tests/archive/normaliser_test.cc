#include "kiosque/archive/normaliser.h"

#include "kiosque/archive/decoder.h"
#include "test_support.h"

using kiosque::archive::ArticleDate;
using kiosque::archive::normalise;
using kiosque::archive::NormalisedText;
using kiosque::test::read_file;
using kiosque::test::seed_path;

namespace {
NormalisedText norm(std::string_view text) {
  auto r = normalise(text, {20261121});
  REQUIRE_OK(r);
  return *r;
}
NormalisedText seed(const std::string& prefix) { return norm(read_file(seed_path(prefix))); }
}  // namespace

TEST_CASE("characters: NFC line ends invisible characters spaces", "[normaliser]") {
  CHECK(norm("Ce\xCC\x81"
             "de\xCC\x81"
             "ao")
            .text == "Cédéao");                      // NFD -> NFC
  CHECK(norm("a\r\nb\rc\nd").text == "a\nb\nc\nd");  // one newline convention
  CHECK(norm("coup\xC2\xA0"
             "d’\xE2\x80\x8B"
             "État")
            .text == "coup d’État");  // NBSP, zero-width space
  CHECK(norm("inter\xC2\xAD"
             "vention")
            .text == "intervention");  // soft hyphen
  CHECK(norm("«\xE2\x80\xAF"
             "agression\xE2\x80\xAF"
             "»")
            .text == "« agression »");                            // narrow NBSP
  CHECK(norm("a\x01\x02 b\x7F").text == "a b");                   // controls
  CHECK(norm("  a  \t b   \n\n\n\n  c  \n").text == "a b\n\nc");  // spaces, paragraphs
  CHECK(norm("\n\nfin").text == "fin");
}

TEST_CASE("title: a first line that reads as a title", "[normaliser]") {
  CHECK(norm("Un titre\n\nLe corps.\nSuite.").title == "Un titre");
  CHECK(norm("Un titre ?\n\nLe corps.").title == "Un titre ?");
  CHECK(norm("Quand Céline Dion imite les stars...\n\nLe corps.").title ==
        "Quand Céline Dion imite les stars...");
  CHECK(norm("Une phrase qui finit par un point.\n\nLe corps.").title.empty());
  CHECK(norm("Pas de ligne vide\nLe corps.").title.empty());
  CHECK(norm(std::string(250, 'x') + "\n\nLe corps.").title.empty());
}

TEST_CASE("source: the credit the text states", "[normaliser]") {
  CHECK(norm("Texte.\n\nAvec AFP").source == "AFP");
  CHECK(norm("Texte.\n(avec Reuters)").source == "Reuters");
  CHECK(norm("Texte.\nSource : Le Monde").source == "Le Monde");
  auto figaro = norm("Texte.\nLire la suite sur Le Figaro");
  CHECK(figaro.source == "Le Figaro");
  CHECK(figaro.text == "Texte.");
  CHECK(norm("Avec le temps, tout s'en va.").source.empty());
}

TEST_CASE("source: an agency's own reporting, when no credit line says", "[normaliser]") {
  CHECK(norm("Texte.\n\n« Non », a déclaré le ministre à l'AFP.").source == "AFP");
  CHECK(norm("Texte.\n\nJoint par l\u2019AFP, il confirme.").source == "AFP");
  CHECK(norm("Texte.\n\nIl l'a dit à Reuters mardi.").source == "Reuters");
  // A credit line wins; a word that only starts like the agency's name is not it.
  CHECK(norm("Il l'a dit à l'AFP.\n\nAvec Reuters").source == "Reuters");
  CHECK(norm("Une formation à l'AFPA de Lyon.").source.empty());
  CHECK(norm("Selon une dépêche, le ministre s'est tu.").source.empty());
}

TEST_CASE("seeds: titles dates and boilerplate", "[normaliser][seeds]") {
  const auto s000 = seed("000");
  CHECK(s000.title.empty());
  CHECK_FALSE(s000.date);

  const auto s001 = seed("001");
  REQUIRE(s001.date);
  CHECK(s001.date->to_string() == "2023-09");
  CHECK(s001.date->precision == ArticleDate::Precision::month);
  CHECK(s001.text.starts_with("Le président russe Vladimir Poutine"));
  CHECK(s001.title.empty());

  const auto s003 = seed("003");
  CHECK(s003.title == "La Russie renforce ses liens avec le Mali, le Niger et le Burkina");
  CHECK(s003.source == "AFP");
  CHECK(s003.text.find("Autres articles") == std::string::npos);
  CHECK(s003.text.find("Auteur/Autrice") == std::string::npos);
  CHECK(s003.text.find("©") == std::string::npos);
  CHECK(s003.text.ends_with("Avec AFP"));
  CHECK_FALSE(s003.date);  // "en août 2024" is in the story, not a byline date

  const auto s004 = seed("004");
  CHECK(s004.title == "Mali : la Russie, véritable soutien à la junte au pouvoir ?");
  REQUIRE(s004.date);
  CHECK(s004.date->to_string() == "2020-09-01");
  CHECK(s004.date->precision == ArticleDate::Precision::day);
  for (const char* gone :
       {"commentaire", "Comments", "adresse e-mail", "champs obligatoires", "Étiquettes"}) {
    INFO(gone);
    CHECK(s004.text.find(gone) == std::string::npos);
  }
  CHECK(s004.text.ends_with("diversifier ses partenaires."));
}

TEST_CASE("spacing and line-end variants normalise to the same text", "[normaliser][seeds]") {
  const std::string original = read_file(seed_path("000"));
  std::string crlf, trailing;
  for (char c : original) {
    if (c == '\n') {
      crlf += "\r\n";
      trailing += "  \t\n";
    } else {
      crlf += c;
      trailing += c;
    }
  }
  const std::string expected = norm(original).text;
  CHECK(norm(crlf).text == expected);
  CHECK(norm(trailing).text == expected);
  CHECK(norm("\n\n" + original + "\n\n\n").text == expected);
}
