// Publication dates as French articles state them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kiosque/archive/article.h"

namespace kiosque::archive::detail {

// A `date 2023-09` header at the start of a line ("date 2023", "date 2023-09-10", "Date : …").
// On success, `rest` receives what follows the header on that line.
std::optional<ArticleDate> parse_date_header(std::string_view line, std::string_view* rest);

// The first full French date in a line: "le 1 septembre 2020", "1er sept. 2024",
// "10 septembre 2023", "01/09/2020". Dates after `latest` (YYYYMMDD) are skipped: an article is
// never published in the future, and a byline never names one.
std::optional<ArticleDate> find_french_date(std::string_view line, std::uint32_t latest);

// The date of a byline: a short line that names a full date and reads as a byline, not as a
// sentence of the story ("Par la rédaction, publié le 1 septembre 2020", "Mis à jour le 3 mars
// 2019 à 10h", "10 septembre 2023"), rather than "Le 2 janvier 2016, Geneviève a perdu…".
std::optional<ArticleDate> find_byline_date(std::string_view line, std::uint32_t latest);

// 28 to 31; `month` 1-12.
int days_in_month(int year, int month);

// Today as YYYYMMDD (UTC).
std::uint32_t today_yyyymmdd();

}  // namespace kiosque::archive::detail
