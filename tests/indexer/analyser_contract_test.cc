// The analyser's contract: every term it emits is non-empty, valid UTF-8 and short enough for
// Xapian with the longest prefix, for any input; and what it decides for the text of 2020s news
// (emoji, hashtags, links, long words, French numbers, other scripts). Checked through a real
// Xapian database: a term is only valid once Xapian has accepted it.
#include <fmt/format.h>
#include <unicode/utf8.h>

#include <random>

#include "analysed.h"
#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/indexer/analyser.h"
#include "kiosque/indexer/index_writer.h"
#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::Token;
using kiosque::test::analyse;
using kiosque::test::TempDir;
using kiosque::test::terms;
using namespace kiosque;

namespace {

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

void check_contract(const std::vector<Token>& tokens) {
  for (const Token& t : tokens) {
    for (const std::string* form : {&t.word, &t.term, &t.stem}) {
      INFO(*form);
      CHECK_FALSE(form->empty());
      CHECK(form->size() <= FrenchAnalyser::kMaxTermBytes);
      CHECK(valid_utf8(*form));
    }
    for (const std::string& alt : t.alt_stems) {
      INFO(alt);
      CHECK_FALSE(alt.empty());
      CHECK(alt.size() <= FrenchAnalyser::kMaxTermBytes);
      CHECK(valid_utf8(alt));
    }
  }
}

// Indexes `text` as an article's body and title through the real writer, and commits.
void index_through_xapian(const std::filesystem::path& dir, const std::string& text, int n) {
  auto writer = indexer::IndexWriter::open(dir, {.sync = false});
  REQUIRE_OK(writer);
  FrenchAnalyser analyser;
  archive::Article article;
  article.id = archive::sha256(fmt::format("{}:{}", n, text));
  article.seq = (*writer)->last_seq() + 1;
  article.content.text = text;
  article.content.title = text.substr(0, 200);
  article.content.source = text;
  auto indexed = (*writer)->replace(indexer::analyse_article(analyser, std::move(article)));
  INFO(text);
  REQUIRE_OK(indexed);
  REQUIRE_OK((*writer)->commit((*writer)->last_seq() + 1));
}

// The traps of 2020s news text, inside French sentences.
const std::vector<std::string> kTraps{
    "Tweet : ⚡️ Alerte info ⚡️ le président parle à 20 h.",
    "\xEF\xB8\x8F seul, \xCC\x81 seul, \xE0\xA5\x8D seul : des marques sans lettre.",
    "Bravo 👍🏽 à la famille 👨‍👩‍👧 sous le drapeau 🇫🇷 et 🏳️‍🌈.",
    "Les manifestants de #GiletsJaunes et @EmmanuelMacron sur #Paris2024.",
    "Lire https://www.lemonde.fr/politique/article/2023/09/12/la-reforme-des-retraites-adoptee-" +
        std::string(400, 'x') + ".html ou écrire à redaction@lemonde.fr.",
    "Un mot de trois cents lettres : " + std::string(300, 'a') + " puis " + std::string(150, 'e') +
        "\xCC\x81.",
    "Des mots composés très longs : " +
        [] {
          std::string s;
          for (int i = 0; i < 60; ++i) s += "anti-";
          return s + "fin";
        }(),
    "Le budget atteint 1 000 000 euros, soit 2,5 % et 839.000 euros, 1 000 000 (espaces fines).",
    "Le Kremlin (Москва), Le Caire (القاهرة), Athènes (Αθήνα) et Pékin (北京市) réagissent.",
    "Hindi : नमस्ते, हिन्दी ; coréen : 서울 ; thaï : กรุงเทพ.",
};

}  // namespace

TEST_CASE("every term of the traps is non-empty, valid UTF-8, short, and accepted by Xapian",
          "[analyser][contract]") {
  TempDir dir;
  int n = 0;
  for (const std::string& text : kTraps) {
    INFO(text);
    check_contract(analyse(text));
    index_through_xapian(dir.folder().index(), text, n++);
  }
}

TEST_CASE("random Unicode, from every general category, never makes a bad term",
          "[analyser][contract]") {
  TempDir dir;
  std::mt19937 random(Catch::rngSeed());
  std::uniform_int_distribution<UChar32> any(1, 0x10FFFF);
  std::uniform_int_distribution<int> length(1, 600);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int n = length(random);
    for (int i = 0; i < n; ++i) {
      UChar32 c = any(random);
      if (round % 3 == 0) c = static_cast<UChar32>(c % 0x3000);  // dense in scripts, marks, symbols
      if (round % 5 == 0 && i % 7 != 0) c = 'a' + c % 26;        // long runs of letters
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
      if (!error) text.append(buf, static_cast<std::size_t>(len));
    }
    check_contract(analyse(text));
    index_through_xapian(dir.folder().index(), text, round);
  }
}

TEST_CASE("emoji, symbols and marks with no letter make no terms", "[analyser][contract]") {
  CHECK(terms("⚡️") == std::vector<std::string>{});
  CHECK(terms("\xEF\xB8\x8F \xCC\x81 \xE0\xA5\x8D") == std::vector<std::string>{});
  CHECK(terms("👍🏽 👨‍👩‍👧 🇫🇷 © ™ ∑") == std::vector<std::string>{});
  CHECK(terms("⚡️Alerte") == std::vector<std::string>{"alerte"});
  CHECK(terms("e\xCC\x81te\xCC\x81") ==
        std::vector<std::string>{"ete"});  // é written with a combining accent
}

TEST_CASE("hashtags and mentions are found joined and as their words", "[analyser][contract]") {
  const auto t = analyse("#GiletsJaunes");
  REQUIRE(t.size() == 3);
  CHECK(t[0].term == "gilets");
  CHECK(t[1].term == "jaunes");
  CHECK(t[1].position == t[0].position + 1);
  CHECK(t[2].term == "giletsjaunes");
  CHECK(t[2].position == 0);
  CHECK(terms("@EmmanuelMacron") ==
        std::vector<std::string>{"emmanuel", "macron", "emmanuelmacron"});
  CHECK(terms("#retraites") == std::vector<std::string>{"retraites"});
  CHECK(terms("McDonald") ==
        std::vector<std::string>{"mcdonald"});  // camel case splits only in tags
}

TEST_CASE("links and e-mail addresses are found by their domain", "[analyser][contract]") {
  const auto url = terms("https://www.lemonde.fr/politique/article.html");
  CHECK(std::find(url.begin(), url.end(), "lemonde") != url.end());
  const auto mail = terms("redaction@lemonde.fr");
  CHECK(std::find(mail.begin(), mail.end(), "lemonde") != mail.end());
}

TEST_CASE("a word longer than the limit is kept by its start, the same for text and query",
          "[analyser][contract]") {
  const std::string word(300, 'a');
  const auto t = analyse("le mot " + word + " fin");
  REQUIRE(t.size() == 4);
  CHECK(t[2].term == std::string(FrenchAnalyser::kMaxTermBytes, 'a'));
  CHECK(terms(word) == std::vector<std::string>{t[2].term});
  const auto accented =
      analyse(std::string(200, 'e') + "\xC3\xA9");  // cut never splits a character
  CHECK(valid_utf8(accented[0].word));
}

TEST_CASE("numbers with French separators are one term each", "[analyser][contract]") {
  CHECK(terms("1 000 000") == std::vector<std::string>{"1000000"});
  CHECK(terms("1\xC2\xA0"
              "000\xE2\x80\xAF"
              "000 euros") == std::vector<std::string>{"1000000", "euros"});
  CHECK(terms("839.000 euros") == std::vector<std::string>{"839000", "euros"});
  CHECK(terms("2,5 %") == std::vector<std::string>{"2,5"});
  CHECK(terms("2.5") == std::vector<std::string>{"2,5"});
  CHECK(terms("En 2017, 64 personnes") ==
        std::vector<std::string>{"en", "2017", "64", "personnes"});
  CHECK(terms("en 2019 2020") == std::vector<std::string>{"en", "2019", "2020"});
  CHECK(terms("12 000 manifestants") == std::vector<std::string>{"12000", "manifestants"});
  CHECK(terms("les 3 1234") == std::vector<std::string>{"les", "3", "1234"});
}

TEST_CASE("words in other scripts are terms, Chinese and Japanese characters one by one",
          "[analyser][contract]") {
  CHECK(terms("Москва") == std::vector<std::string>{"москва"});
  CHECK(terms("Αθήνα") == std::vector<std::string>{"αθηνα"});
  CHECK(terms("القاهرة").size() == 1);
  const auto cjk = analyse("à 北京 hier");
  REQUIRE(cjk.size() == 4);
  CHECK(cjk[1].term == "北");
  CHECK(cjk[2].term == "京");
  CHECK(cjk[2].position == cjk[1].position + 1);
}
