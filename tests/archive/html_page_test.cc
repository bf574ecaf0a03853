// Web pages through the real intake path (prepare_bytes): pages of our own making for what the
// fr-html set lacks (other layouts, JSON-LD, Windows-1252, only a <title>, broken markup, AMP, an
// index page), and hostile ones (deep nesting, a huge page).
#include <fmt/format.h>

#include "html/html_dom.h"
#include "html/html_metadata.h"
#include "html/html_sniff.h"
#include "kiosque/archive/ingest.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::read_file;

namespace {

std::filesystem::path page(const std::string& name) {
  return std::filesystem::path(KIOSQUE_SOURCE_DIR) / "tests" / "data" / "html" / name;
}

archive::PreparedArticle prepared(const std::string& name) {
  auto p = archive::prepare_bytes(read_file(page(name)), {});
  INFO(name);
  REQUIRE(p);
  return std::move(*p);
}

}  // namespace

TEST_CASE("HTML is recognised by its first markup, not by its words", "[archive][html]") {
  using archive::html::looks_like_html;
  CHECK(looks_like_html("<!DOCTYPE html><html>"));
  CHECK(looks_like_html("\xEF\xBB\xBF  \n<!doctype HTML>"));
  CHECK(looks_like_html("<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"x\">"));
  CHECK(looks_like_html("<html>"));
  CHECK(looks_like_html("<head><meta charset=utf-8>"));
  CHECK_FALSE(looks_like_html("Le <html> est un langage de balisage."));
  CHECK_FALSE(looks_like_html("<htmlx>"));
  CHECK_FALSE(looks_like_html("Titre\n\n<p>texte</p>"));
}

TEST_CASE("a page's declared charset is found before decoding", "[archive][html]") {
  using archive::html::declared_charset;
  CHECK(declared_charset("<meta charset=\"UTF-8\">") == "utf-8");
  CHECK(declared_charset("<META CHARSET=iso-8859-1>") == "iso-8859-1");
  CHECK(declared_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                         "charset=windows-1252\">") == "windows-1252");
  CHECK(declared_charset("<meta name=\"description\" content=\"charset=koi8\">").empty());
  CHECK(declared_charset("<p>no meta</p>").empty());
}

TEST_CASE("JSON-LD, OpenGraph and the page's own markup give the metadata, in that order",
          "[archive][html]") {
  const auto p = prepared("other-outlet.html");
  const auto& c = p.content;
  CHECK(c.title == "Sahel : Moscou reçoit les ministres de l'AES");
  REQUIRE(c.date);
  CHECK(c.date->to_string() == "2025-04-03");
  CHECK(c.source == "Le Quotidien du Soir");
  CHECK(c.meta.authors == std::vector<std::string>{"Claire Dubois", "Karim Diallo"});
  CHECK(c.meta.section == "International");
  CHECK(c.meta.tags ==
        std::vector<std::string>{"Russie", "Mali", "Burkina Faso", "Niger", "Sahel"});
  CHECK(c.meta.url ==
        "https://www.quotidien-du-soir.example/international/2025/04/03/sahel-moscou.html");
  CHECK(c.meta.site == "www.quotidien-du-soir.example");
  CHECK(c.meta.language == "fr-FR");
  REQUIRE(c.meta.modified);
  CHECK(c.meta.modified->to_string() == "2025-04-04");
  CHECK_THAT(c.meta.standfirst, Catch::StartsWith("Sergueï Lavrov a reçu"));
}

TEST_CASE("only the article's text is kept: no menu, banner, byline, box, caption or comment",
          "[archive][html]") {
  const auto p = prepared("other-outlet.html");
  const std::string& text = p.content.text;
  CHECK_THAT(text, Catch::StartsWith("Sahel : Moscou reçoit les ministres de l'AES\n\nSergueï"));
  CHECK_THAT(text, Catch::Contains("ont quitté la Communauté"));
  CHECK_THAT(text, Catch::Contains("Une coopération militaire en question"));
  CHECK_THAT(text, Catch::EndsWith("quelques centaines de paramilitaires."));
  for (const char* noise :
       {"cookies", "Accueil", "Partager", "Lire aussi", "la junte prolonge", "Photo AFP",
        "Recevez chaque matin", "Commentaires", "Vraiment intéressant", "Les plus lus",
        "Tous droits", "Par Claire", "dataLayer", "color:red"}) {
    INFO(noise);
    CHECK(text.find(noise) == std::string::npos);
  }
  CHECK(p.encoding == "UTF-8 (HTML)");
}

TEST_CASE("a Windows-1252 page is decoded by its declared charset", "[archive][html]") {
  const auto p = prepared("windows-1252.html");
  CHECK(p.encoding == "windows-1252 (HTML)");
  CHECK(p.content.title == "Le maire de Bordeaux présente son budget");
  CHECK_THAT(p.content.text, Catch::Contains("l’effort sur les écoles"));
  CHECK_THAT(p.content.text, Catch::Contains("“ C’est un budget de responsabilité ”"));
}

TEST_CASE("a page with only a <title> loses the outlet's suffix but keeps its colon",
          "[archive][html]") {
  const auto p = prepared("title-only.html");
  CHECK(p.content.title == "Inondations dans le Gard : les habitants évacués");
  CHECK_THAT(p.content.text, Catch::Contains("hélitreuillages"));
}

TEST_CASE("broken markup still gives every paragraph", "[archive][html]") {
  const auto p = prepared("broken.html");
  CHECK(p.content.title == "Grève à la SNCF : trafic perturbé mardi");
  CHECK_THAT(p.content.text, Catch::Contains("a annoncé la direction\nSeul un TGV"));
  CHECK_THAT(p.content.text, Catch::EndsWith("« rester ouverte au dialogue »."));
  CHECK_THAT(p.content.text, Catch::Contains("l'inflation & de meilleures"));
}

TEST_CASE("an article framed by boilerplate-sounding names, in a form, is read again and found",
          "[archive][html]") {
  // "page-ad-margins" holds "-ad-", "pagebuilder-pagerow" holds "pager", and the whole page sits
  // in an ASP.NET <form>: the first reading finds nothing, the relaxed one the article.
  const auto p = prepared("layout-names.html");
  CHECK(p.content.title == "Nantes : le tramway prolongé jusqu'à l'aéroport");
  CHECK_THAT(p.content.text, Catch::Contains("\n\nLa métropole de Nantes a voté"));
  CHECK_THAT(p.content.text, Catch::EndsWith("premiers appels d'offres."));
  for (const char* noise : {"Rechercher", "Accueil", "tous droits"}) {
    INFO(noise);
    CHECK(p.content.text.find(noise) == std::string::npos);
  }
}

TEST_CASE("a blog's lines split by <br> around a picture are the article", "[archive][html]") {
  const auto p = prepared("blog-br.html");
  CHECK_THAT(p.content.text, Catch::Contains("\n\nLes trois cents chalets"));
  CHECK_THAT(p.content.text, Catch::Contains("l'an dernier.\nLes artisans alsaciens"));
  CHECK_THAT(p.content.text, Catch::EndsWith("à la tombée de la nuit."));
  for (const char* noise : {"Étiquettes", "Facebook"}) {
    INFO(noise);
    CHECK(p.content.text.find(noise) == std::string::npos);
  }
}

TEST_CASE("an article cut into cards is read whole, without its hidden metadata copy",
          "[archive][html]") {
  const auto p = prepared("cards.html");
  const std::string& text = p.content.text;
  CHECK_THAT(text, Catch::Contains("\n\nBonjour ! Voici ce qu'il faut savoir ce mardi, entre une"));
  // A list item opening with a link in bold keeps its first sentence.
  CHECK_THAT(text, Catch::Contains("La grève du RER B se poursuit. La direction de la RATP"));
  CHECK_THAT(text, Catch::Contains("Le budget adopté au Sénat."));
  // A paragraph mostly link is kept when the link is part of its sentence.
  CHECK_THAT(text,
             Catch::Contains("À Lille, le principal suspect de l'attaque a été condamné à "
                             "vingt ans de réclusion criminelle par la cour d'assises du Nord."));
  CHECK_THAT(text, Catch::Contains("grâce à un doublé"));
  CHECK_THAT(text, Catch::EndsWith("dans la vallée."));
  for (const char* noise : {"2024-11-19T08", "entre une grève et un budget", "Sport", "Mentions"}) {
    INFO(noise);
    CHECK(text.find(noise) == std::string::npos);
  }
}

TEST_CASE("an article its template cuts into chunks between ad rails is read whole",
          "[archive][html]") {
  const auto p = prepared("chunks.html");
  const std::string& text = p.content.text;
  CHECK_THAT(text, Catch::Contains("\n\nInstagram a commencé à masquer"));
  CHECK_THAT(text,
             Catch::Contains("croisiériste ou agence de voyages.\nUne consultante parisienne"));
  CHECK_THAT(text, Catch::EndsWith("d'ici à la fin de l'année."));
  CHECK(text.find("Publicité") == std::string::npos);
}

TEST_CASE("pages' dates are read in the forms sites write them, placeholders refused",
          "[archive][html]") {
  using archive::html::parse_page_date;
  constexpr std::uint32_t kToday = 20261122;
  const auto date = [&](std::string_view text) {
    const auto d = parse_page_date(text, kToday);
    return d ? d->to_string() : std::string("none");
  };
  CHECK(date("2019-11-19T11:00:09.000Z") == "2019-11-19");
  CHECK(date(" 2016-04 ") == "2016-04");
  CHECK(date("2019/11/19") == "2019-11-19");
  CHECK(date("20191119") == "2019-11-19");
  CHECK(date("20 Nov 2019 08:02 GMT") == "2019-11-20");
  CHECK(date("Wed Nov 20 2019 08:00:58 GMT+0000") == "2019-11-20");
  CHECK(date("Tue, 19 Nov 2019 09:02:00 +0000") == "2019-11-19");
  CHECK(date("November 19, 2019, 9:02 AM") == "2019-11-19");
  CHECK(date("Sept. 2019") == "2019-09");
  CHECK(date("19 novembre 2019") == "2019-11-19");
  CHECK(date("19/11/2019") == "2019-11-19");
  for (const char* no : {"0001-01-01T00:00:00Z", "2099-01-01", "", "hier", "2019-13-01", "May"}) {
    INFO(no);
    CHECK(date(no) == "none");
  }
}

TEST_CASE("references left in metadata by a double escape are decoded, bylines' By dropped",
          "[archive][html]") {
  using archive::html::decode_references;
  CHECK(decode_references("&#8220;Oui&#8221; &amp; non&nbsp;!") == "“Oui” & non\u00A0!");
  CHECK(decode_references("Q&A; a < b") == "Q&A; a < b");
  CHECK(decode_references("no reference") == "no reference");
  CHECK(decode_references("a </title> b &amp;") == "a </title> b &");

  const auto p = prepared("escaped-metadata.html");
  CHECK(p.content.title == "Anthony Lynn: “We needed to win this game”");
  // JSON-LD's placeholder date gives way to the next source: itemprop="datePublished
  // dateCreated".
  REQUIRE(p.content.date);
  CHECK(p.content.date->to_string() == "2019-11-19");
  // "By …" is not part of the name; a publisher named by its address is named by its host.
  CHECK(p.content.meta.authors == std::vector<std::string>{"Michael David Smith"});
  CHECK(p.content.source == "profootball.example");
}

TEST_CASE("a JSON-LD object of another type still gives the headline, date and author",
          "[archive][html]") {
  const auto p = prepared("medical-page.html");
  CHECK(p.content.title == "15 Helpful Tips to Overcome Binge Eating");
  REQUIRE(p.content.date);
  CHECK(p.content.date->to_string() == "2019-11-14");
  CHECK(p.content.meta.authors == std::vector<std::string>{"Rachael Link"});
}

TEST_CASE("an AMP page is read like any other", "[archive][html]") {
  const auto p = prepared("amp.html");
  CHECK(p.content.title == "Tour de France : Pogacar s'impose dans les Alpes");
  REQUIRE(p.content.date);
  CHECK(p.content.date->to_string() == "2024-07-19");
  CHECK(p.content.meta.authors == std::vector<std::string>{"Luc Bernard"});
  CHECK(p.content.source == "sport-direct.example");
  CHECK_THAT(p.content.text, Catch::Contains("Isola 2000"));
  CHECK(p.content.text.find("Cyclisme") == std::string::npos);
}

TEST_CASE("a page without an article is refused with that reason", "[archive][html]") {
  auto p = archive::prepare_bytes(read_file(page("index-page.html")), {});
  REQUIRE_FALSE(p);
  CHECK(p.error().code == Errc::refused);
  CHECK_THAT(p.error().message, Catch::Contains("without an article"));
}

TEST_CASE("an index page of teasers is refused, a digest of linked points is read",
          "[archive][html]") {
  auto index = archive::prepare_bytes(read_file(page("teasers.html")), {});
  REQUIRE_FALSE(index);
  CHECK(index.error().code == Errc::refused);
  CHECK_THAT(index.error().message, Catch::Contains("listing other articles (an index page)"));
  // Five list items each opening with a bold link are the points of one article.
  const auto digest = prepared("digest.html");
  CHECK_THAT(digest.content.text, Catch::Contains("La grève du RER B se poursuit. La direction"));
  CHECK_THAT(digest.content.text, Catch::EndsWith("une première depuis le printemps."));
}

TEST_CASE("a page nested too deep is refused at once, a huge one is read", "[archive][html]") {
  std::string deep = "<html><head><title>Profond</title></head><body>";
  for (int i = 0; i < 50000; ++i) deep += "<div>";
  deep += "<p>" + std::string(300, 'x') + "</p></body></html>";
  auto refused = archive::prepare_bytes(deep, {});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::refused);
  CHECK_THAT(refused.error().message, Catch::Contains("elements deep"));

  std::string huge =
      "<html><head><title>Une très longue page de test</title></head><body><article>";
  for (int i = 0; i < 20000; ++i) {
    huge +=
        fmt::format("<p>Paragraphe {}, avec du texte, des virgules, et encore du texte.</p>", i);
  }
  huge += "</article></body></html>";
  auto read = archive::prepare_bytes(huge, {});
  REQUIRE(read);
  CHECK_THAT(read->content.text, Catch::Contains("Paragraphe 19999,"));
}

TEST_CASE("a single-file page (MHTML) is read from its HTML part, whatever its transfer encoding",
          "[archive][html]") {
  const auto single = prepared("chrome-single-file.mhtml");
  const auto page = prepared("other-outlet.html");
  CHECK(single.encoding == "UTF-8 (MHTML)");
  // The same page saved two ways is one article with two raw versions.
  CHECK(single.id == page.id);
  CHECK(single.raw_id != page.raw_id);
  CHECK(single.content.meta == page.content.meta);
  CHECK(single.content.date == page.content.date);

  const auto legacy = prepared("base64-windows-1252.mht");
  CHECK(legacy.encoding == "windows-1252 (MHTML)");
  CHECK(legacy.id == prepared("windows-1252.html").id);
  CHECK_THAT(legacy.content.text, Catch::Contains("l’effort sur les écoles"));
}

TEST_CASE("an MHTML message without an HTML part is refused with that reason", "[archive][html]") {
  const std::string message =
      "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: image/png\r\nContent-Transfer-Encoding: "
      "base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
  auto p = archive::prepare_bytes(message, {});
  REQUIRE_FALSE(p);
  CHECK(p.error().code == Errc::refused);
  CHECK_THAT(p.error().message, Catch::Contains("without an HTML part"));
}

TEST_CASE("nesting depth counts elements, not what scripts and styles hold", "[archive][html]") {
  using archive::html::nesting_depth;
  CHECK(nesting_depth("<html><body><div><span>x</span></div></body></html>") == 4);
  CHECK(nesting_depth("<html><SCRIPT>if (a<b) document.write('<div><div><div>');</Script>"
                      "<style>p>a{}</style><div></div></html>") == 2);
  // <p>, <li> and void elements close themselves.
  CHECK(nesting_depth("<ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src=z>") == 1);
  CHECK(nesting_depth("<!-- <div><div> --><div/>") == 0);
}
