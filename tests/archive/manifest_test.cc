// Manifests: metadata given beside articles in a TSV or CSV table.
#include "kiosque/archive/manifest.h"

#include "test_support.h"

using namespace kiosque::archive;
using kiosque::Errc;
using kiosque::test::TempDir;
using kiosque::test::write_file;

TEST_CASE("dates given beside articles are read strictly", "[manifest]") {
  auto day = parse_given_date("2023-09-10");
  REQUIRE_OK(day);
  CHECK(day->to_string() == "2023-09-10");
  CHECK(parse_given_date("2023-09")->precision == ArticleDate::Precision::month);
  CHECK(parse_given_date("2023")->precision == ArticleDate::Precision::year);
  CHECK(parse_given_date("2023-09-10T14:05:00+02:00")->to_string() == "2023-09-10");
  CHECK(parse_given_date("2024-02-29")->day == 29);
  for (const auto& [bad, why] : std::vector<std::pair<std::string, std::string>>{
           {"2019-13", "no month 13"},
           {"2023-02-29", "February 2023 has 28 days"},
           {"2023-09-31", "September 2023 has 30 days"},
           {"10/09/2023", "expected YYYY"},
           {"deux mille", "the year is not four digits"},
           {"", "expected YYYY"}}) {
    INFO(bad);
    auto d = parse_given_date(bad);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == Errc::invalid_argument);
    CHECK_THAT(d.error().message, Catch::Contains(why));
  }
}

TEST_CASE("a TSV manifest gives each file its metadata and names the rows it leaves out",
          "[manifest]") {
  TempDir dir;
  write_file(dir / "MANIFEST.tsv",
             "file\ttitle\tdate\tsource\turl\torigin\n"
             "a.txt\tUn \"titre\" cité\t2020-09-18\tOrange Actu\thttps://Actu.Orange.fr/x\tz\n"
             "sub/b.txt\t\t2019\tAFP\t\t\n"
             "c.txt\tMauvaise date\t2019-13\tAFP\t\t\n"
             "\tSans fichier\t2019\t\t\t\n");
  auto m = read_manifest(dir / "MANIFEST.tsv", 42);
  REQUIRE_OK(m);
  REQUIRE(m->rows.size() == 2);
  const GivenMetadata& a = m->rows.at(manifest_key(dir / "a.txt"));
  CHECK(a.title == "Un \"titre\" cité");  // TSV fields are taken as they are
  CHECK(a.date->to_string() == "2020-09-18");
  CHECK(a.source == "Orange Actu");
  CHECK(a.meta.url == "https://Actu.Orange.fr/x");
  CHECK(a.meta.site == "actu.orange.fr");
  CHECK(a.provenance.path == (dir / "MANIFEST.tsv").string());
  CHECK(a.provenance.time_ms == 42);
  const GivenMetadata& b = m->rows.at(manifest_key(dir / "sub" / "b.txt"));
  CHECK(b.title.empty());
  CHECK(b.date->precision == ArticleDate::Precision::year);
  REQUIRE(m->problems.size() == 2);
  CHECK_THAT(m->problems[0], Catch::Contains("line 4") && Catch::Contains("no month 13"));
  CHECK_THAT(m->problems[1], Catch::Contains("line 5") && Catch::Contains("no file"));
}

TEST_CASE("a CSV manifest is read as RFC 4180 says, with French column names", "[manifest]") {
  TempDir dir;
  write_file(dir / "liste.csv",
             "\xEF\xBB\xBF"
             "Fichier;Titre;Date;Média;Auteurs;Mots-clés\r\n"
             "x.txt;\"Retraites; la \"\"réforme\"\"\r\nen deux lignes\";2020-01-05;Le Figaro;"
             "A. Un | B. Deux;retraites;grève\r\n");
  auto m = read_manifest(dir / "liste.csv", 0);
  REQUIRE_OK(m);
  CHECK(m->problems.empty());
  REQUIRE(m->rows.size() == 1);
  const GivenMetadata& x = m->rows.begin()->second;
  CHECK(x.title == "Retraites; la \"réforme\"\r\nen deux lignes");
  CHECK(x.source == "Le Figaro");
  CHECK(x.meta.authors == std::vector<std::string>{"A. Un", "B. Deux"});
  CHECK(x.meta.tags == std::vector<std::string>{"retraites"});  // the rest: an unnamed column
}

TEST_CASE("a table that is not a manifest is refused naming what one needs", "[manifest]") {
  TempDir dir;
  write_file(dir / "data.csv", "name,count\nx,1\n");
  auto m = read_manifest(dir / "data.csv", 0);
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().code == Errc::invalid_argument);
  CHECK_THAT(m.error().message, Catch::Contains("`file` column"));
  CHECK_FALSE(is_manifest_header("name,count"));
  CHECK_FALSE(is_manifest_header("file,count"));  // a file column alone says nothing
  CHECK(is_manifest_header("file\ttitle\tdate\tsource\turl"));
  CHECK(
      is_manifest_header("\xEF\xBB\xBF"
                         "path,date"));
  CHECK_FALSE(is_manifest_header("Le titre d'un article, avec une virgule"));
  auto missing = read_manifest(dir / "nothing.tsv", 0);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == Errc::not_found);
}

TEST_CASE("a sidecar is a JSON object of a manifest's fields", "[archive][manifest][sidecar]") {
  const Provenance from{"/in/a.txt.meta.json", 5};
  auto given = parse_sidecar(
      R"({"titre": "Le titre", "date": "2023-09-10T14:05:00+02:00", "média": "Le Monde",
          "url": "https://www.lemonde.fr/a", "authors": ["Une Autrice", "Un Auteur"],
          "tags": "Sahel; Cédéao", "other": {"kept": false}, "section": null})",
      from);
  REQUIRE(given);
  CHECK(given->title == "Le titre");
  CHECK(given->date->to_string() == "2023-09-10");
  CHECK(given->source == "Le Monde");
  CHECK(given->meta.site == "www.lemonde.fr");
  CHECK(given->meta.authors == std::vector<std::string>{"Une Autrice", "Un Auteur"});
  CHECK(given->meta.tags == std::vector<std::string>{"Sahel", "Cédéao"});
  CHECK(given->provenance == from);

  for (const std::string bad : {"", "[1]", "{\"date\": \"2019-13\"}", "{\"date\": 2019}",
                                "{\"tags\": [1]}", "{\"other\": 1}", "{\"date\": "}) {
    INFO(bad);
    auto refused = parse_sidecar(bad, from);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::invalid_argument);
    CHECK_THAT(refused.error().message, Catch::StartsWith("/in/a.txt.meta.json: "));
  }
  CHECK(sidecar_target("a.txt.meta.json") == "a.txt");
  CHECK(sidecar_target("a.meta.json") == "a");
  CHECK_FALSE(sidecar_target(".meta.json"));
  CHECK_FALSE(sidecar_target("a.json"));
}
