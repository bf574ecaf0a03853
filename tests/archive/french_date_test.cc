#include "french_date.h"

#include "test_support.h"

using kiosque::archive::ArticleDate;
using namespace kiosque::archive::detail;

namespace {
constexpr std::uint32_t kToday = 20261121;

std::string found(std::string_view line) {
  auto d = find_french_date(line, kToday);
  return d ? d->to_string() : "none";
}
}  // namespace

TEST_CASE("French byline dates", "[french_date]") {
  CHECK(found("Parredaction Catégorie Politique le 1 septembre 2020 Étiquettes") == "2020-09-01");
  CHECK(found("Publié le 1er sept. 2024 à 10h") == "2024-09-01");
  CHECK(found("10 septembre 2023") == "2023-09-10");
  CHECK(found("Mis à jour le 3 FÉVRIER 2019, 12:00") == "2019-02-03");
  CHECK(found("le 15 août 2018.") == "2018-08-15");
  CHECK(found("le 25 dec 2017") == "2017-12-25");
  CHECK(found("Publié le 01/09/2020 à 08h12") == "2020-09-01");
}

TEST_CASE("what is not a full past date is not taken", "[french_date]") {
  CHECK(found("le 26 juillet") == "none");
  CHECK(found("en août 2024") == "none");
  CHECK(found("le 31 février 2020") == "none");
  CHECK(found("le 1 septembre 2099") == "none");  // the future
  CHECK(found("le 12 septembre 2030, puis le 2 mars 2019") == "2019-03-02");
  CHECK(found("32 janvier 2020") == "none");
}

TEST_CASE("byline dates are told from dates in the story", "[french_date]") {
  auto byline = [](std::string_view line) {
    auto d = find_byline_date(line, kToday);
    return d ? d->to_string() : "none";
  };
  CHECK(byline("Parredaction Catégorie Politique le 1 septembre 2020") == "2020-09-01");
  CHECK(byline("10 septembre 2023") == "2023-09-10");
  CHECK(byline("Publié le mardi 1er sept. 2024 à 10h12") == "2024-09-01");
  CHECK(byline("Par Jean Dupont, mis à jour le 3 mars 2019 à 18h00") == "2019-03-03");
  CHECK(byline("Le 2 janvier 2016, Geneviève a eu la douleur de perdre son époux") == "none");
  CHECK(byline("Le 21 avril 2002 reste l'une des dates clés de l'histoire.") == "none");
  CHECK(byline("— Nawak (@NawakNawak) 22 mars 2016") == "none");
}

TEST_CASE("date header lines", "[french_date]") {
  std::string_view rest;
  auto d = parse_date_header("date 2023-09 Le président russe", &rest);
  REQUIRE(d);
  CHECK(d->to_string() == "2023-09");
  CHECK(d->precision == ArticleDate::Precision::month);
  CHECK(rest == "Le président russe");

  d = parse_date_header("Date : 2020-09-01", &rest);
  REQUIRE(d);
  CHECK(d->precision == ArticleDate::Precision::day);
  CHECK(rest.empty());

  d = parse_date_header("date 2019", &rest);
  REQUIRE(d);
  CHECK(d->precision == ArticleDate::Precision::year);

  CHECK_FALSE(parse_date_header("date 2023-13 x", &rest));
  CHECK_FALSE(parse_date_header("dates 2023-09", &rest));
  CHECK_FALSE(parse_date_header("date limite 2023", &rest));
}
