#include "record_codec.h"

#include "kiosque/archive/content_hash.h"
#include "raw_compression.h"
#include "test_support.h"

using namespace kiosque::archive;
using namespace kiosque::archive::detail;

TEST_CASE("article records round-trip", "[record_codec]") {
  Article a;
  a.id = sha256("text");
  a.seq = 300;
  a.added_at_ms = 1700000000123;
  a.content.text = "Le texte.\n\nSuite.";
  a.content.title = "Titre";
  a.content.source = "AFP";
  a.content.date = ArticleDate{2020, 9, 1, ArticleDate::Precision::day};
  a.raw_versions = {sha256("a"), sha256("b")};
  const std::string bytes = encode_article(a);
  auto back = decode_article(a.id, bytes);
  REQUIRE(back);
  CHECK(back->content.text == a.content.text);
  CHECK(back->content.title == "Titre");
  CHECK(back->content.source == "AFP");
  CHECK(back->content.date == a.content.date);
  CHECK(back->raw_versions == a.raw_versions);
  CHECK(back->seq == 300);
  CHECK(back->added_at_ms == a.added_at_ms);
}

TEST_CASE("damaged records are rejected never read out of bounds", "[record_codec]") {
  Article a;
  a.content.text = "x";
  a.raw_versions = {sha256("a")};
  const std::string good = encode_article(a);
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(decode_article(a.id, good.substr(0, cut)));
  }
  std::string wrong_version = good;
  wrong_version[0] = 9;
  CHECK_FALSE(decode_article(a.id, wrong_version));
  CHECK_FALSE(decode_article(a.id, good + "trailing"));
  CHECK_FALSE(decode_raw(""));
  CHECK_FALSE(decode_log_value(std::string(32, 'x')));
  CHECK_FALSE(decode_counters("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"));
}

TEST_CASE("log keys sort in sequence order", "[record_codec]") {
  CHECK(encode_seq(255) < encode_seq(256));
  CHECK(encode_seq(1) < encode_seq(1ull << 40));
  CHECK(decode_seq(encode_seq(123456789)) == 123456789u);
}

TEST_CASE("an article's metadata round-trips in format 2, and format 1 stays for text articles",
          "[record_codec]") {
  Article a;
  a.id = sha256("text");
  a.content.text = "Le texte.";
  CHECK(static_cast<std::uint8_t>(encode_article(a)[0]) == kRecordFormat);

  a.content.meta.authors = {"Orange avec AFP", "Jeanne Martin"};
  a.content.meta.section = "monde";
  a.content.meta.tags = {"séisme", "Équateur"};
  a.content.meta.url = "https://actu.orange.fr/monde/x.html";
  a.content.meta.site = "actu.orange.fr";
  a.content.meta.language = "fr";
  a.content.meta.standfirst = "Selon un dernier bilan…";
  a.content.meta.modified = ArticleDate{2016, 4, 18, ArticleDate::Precision::day};
  const std::string bytes = encode_article(a);
  CHECK(static_cast<std::uint8_t>(bytes[0]) == kArticleWithMeta);
  auto back = decode_article(a.id, bytes);
  REQUIRE(back);
  CHECK(back->content.meta == a.content.meta);
  CHECK(back->content.text == a.content.text);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(decode_article(a.id, bytes.substr(0, cut)));
  }
}

TEST_CASE("a metadata field of a later kiosque is skipped, the others read", "[record_codec]") {
  Article a;
  a.id = sha256("text");
  a.content.text = "Le texte.";
  a.content.meta.section = "monde";
  std::string bytes = encode_article(a);
  // The section field's tag (2) becomes one this kiosque does not know.
  const auto at = bytes.rfind(std::string("\x02\x05monde", 7));
  REQUIRE(at != std::string::npos);
  bytes[at] = '\x7F';
  auto back = decode_article(a.id, bytes);
  REQUIRE(back);
  CHECK(back->content.meta.section.empty());
  CHECK(back->content.text == "Le texte.");
}

TEST_CASE("raw records keep the file compressed, and the first format's plain records still read",
          "[record_codec]") {
  const ArticleId article = sha256("article");
  std::string page = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 200; ++i) page += "<p class=\"texte\">Le paragraphe de l’article.</p>";
  const std::string record = encode_raw(article, "UTF-8", page.size(), compress_raw(page));
  CHECK(static_cast<std::uint8_t>(record[0]) == kCompressedRaw);
  CHECK(record.size() < page.size() / 4);
  auto decoded = decode_raw(record);
  REQUIRE(decoded);
  CHECK(decoded->article == article);
  CHECK(decoded->encoding == "UTF-8");
  CHECK(decoded->size == page.size());
  CHECK(raw_file_bytes(*decoded) == page);

  // Format 1: the id, the encoding, then the bytes as they are.
  std::string plain(1, static_cast<char>(kRecordFormat));
  plain += article.view();
  plain += '\x05';
  plain += "UTF-8";
  plain += "Le texte brut.";
  auto legacy = decode_raw(plain);
  REQUIRE(legacy);
  CHECK_FALSE(legacy->compressed);
  CHECK(legacy->size == 14);
  CHECK(raw_file_bytes(*legacy) == "Le texte brut.");
}

TEST_CASE("a damaged compressed raw record is refused, not decompressed into wrong bytes",
          "[record_codec]") {
  const std::string text = "Un article assez long pour être compressé, compressé, compressé.";
  const std::string good = encode_raw(sha256("a"), "UTF-8", text.size(), compress_raw(text));
  for (std::size_t at = 40; at < good.size(); ++at) {
    INFO(at);
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    auto decoded = decode_raw(damaged);
    if (decoded) CHECK(raw_file_bytes(*decoded) != text);
  }
  // A size that disagrees with the frame's.
  CHECK_FALSE(raw_file_bytes(
      *decode_raw(encode_raw(sha256("a"), "UTF-8", text.size() + 1, compress_raw(text)))));
  CHECK_FALSE(decompress_raw("not a frame", 11));
}

TEST_CASE("metadata given beside an article round-trips apart from what its text said",
          "[record_codec]") {
  Article a;
  a.id = sha256("text");
  a.seq = 7;
  a.content.text = "Le texte.";
  a.content.title = "Titre du texte";
  GivenMetadata first;
  first.title = "Titre du manifeste";
  first.date = ArticleDate{2019, 12, 0, ArticleDate::Precision::month};
  first.source = "AFP";
  first.meta.url = "https://example.fr/a";
  first.meta.site = "example.fr";
  first.meta.authors = {"Une Autrice", "Un Auteur"};
  first.provenance = Provenance{"/in/MANIFEST.tsv", 1700000000000};
  GivenMetadata second;
  second.meta.tags = {"retraites"};
  second.provenance = Provenance{"/in/a.meta.json", 1700000000500};
  a.given = {first, second};
  auto back = decode_article(a.id, encode_article(a));
  REQUIRE(back);
  CHECK(back->content.title == "Titre du texte");  // the record keeps what the text said
  CHECK(back->given == a.given);
  const NormalisedText shown = with_given(back->content, back->given);
  CHECK(shown.title == "Titre du manifeste");
  CHECK(shown.date == first.date);
  CHECK(shown.source == "AFP");
  CHECK(shown.meta.authors == first.meta.authors);
  CHECK(shown.meta.tags == second.meta.tags);
  CHECK(shown.text == "Le texte.");
}

TEST_CASE("a given outlet keeps the credit the text stated beside it", "[archive][codec]") {
  NormalisedText text;
  text.source = "AFP";
  GivenMetadata outlet;
  outlet.source = "Libération";
  GivenMetadata later;
  later.source = "Le Figaro";
  CHECK(with_given(text, {outlet}).source == "Libération");
  CHECK(with_given(text, {outlet}).credit == "AFP");
  CHECK(with_given(text, {outlet, later}).credit == "AFP");  // the text's, not the first outlet
  GivenMetadata same;
  same.source = "AFP";
  CHECK(with_given(text, {same}).credit.empty());
  CHECK(with_given(NormalisedText{}, {outlet}).credit.empty());
}

TEST_CASE("an article is filed under its stated date, else its intake day in UTC",
          "[archive][codec]") {
  Article a;
  a.added_at_ms = 1700000000000;  // 2023-11-14T22:13:20Z
  FiledDate filed = filed_date(a);
  CHECK(filed.kind == FiledDate::Kind::intake);
  CHECK(filed.date.to_string() == "2023-11-14");
  CHECK(filed.kind_name() == "intake");
  CHECK(utc_day(1700000000000 + 2 * 3600 * 1000).to_string() == "2023-11-15");
  a.content.date = ArticleDate{2020, 9, 0, ArticleDate::Precision::month};
  filed = filed_date(a);
  CHECK(filed.kind == FiledDate::Kind::published);
  CHECK(filed.date.to_string() == "2020-09");
}
