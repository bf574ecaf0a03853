// The timeline's periods, gaps and renderings, from breakdowns made by hand.
#include "cli/timeline.h"

#include "test_support.h"

using kiosque::indexer::Breakdown;
using kiosque::indexer::BreakdownBy;
using namespace kiosque::tools;

namespace {

Breakdown by_day(std::vector<std::pair<std::string, std::uint64_t>> counts) {
  Breakdown b;
  b.by = BreakdownBy::day;
  for (const auto& [key, count] : counts) b.total += count;
  b.counts = std::move(counts);
  return b;
}

}  // namespace

TEST_CASE("a monthly timeline runs over the new year with empty months as zeros",
          "[tools][timeline]") {
  Breakdown b;
  b.by = BreakdownBy::month;
  b.counts = {{"2019-11", 4}, {"2020-02", 1}};
  b.total = 7;
  b.without = 2;
  const Timeline t = make_timeline(b, Period::month);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].period == "2019-11");
  CHECK(t.rows[1].period == "2019-12");
  CHECK(t.rows[1].count == 0);
  CHECK(t.rows[2].period == "2020-01");
  CHECK(t.rows[3].period == "2020-02");
  CHECK(t.rows[3].count == 1);
  CHECK(t.imprecise == 2);
  CHECK(timeline_csv(t) == "month,count\r\n2019-11,4\r\n2019-12,0\r\n2020-01,0\r\n2020-02,1\r\n");
}

TEST_CASE("weeks gather their days under the Monday, across a month's end", "[tools][timeline]") {
  // 2023-09-10 is a Sunday, 2023-09-11 a Monday; 2023-10-01 a Sunday.
  const Timeline t = make_timeline(
      by_day({{"2023-09-10", 1}, {"2023-09-11", 2}, {"2023-09-17", 3}, {"2023-10-01", 5}}),
      Period::week);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].period == "2023-09-04");
  CHECK(t.rows[0].count == 1);
  CHECK(t.rows[1].period == "2023-09-11");
  CHECK(t.rows[1].count == 5);
  CHECK(t.rows[2].period == "2023-09-18");
  CHECK(t.rows[2].count == 0);
  CHECK(t.rows[3].period == "2023-09-25");
  CHECK(t.rows[3].count == 5);
}

TEST_CASE("days run through a leap day; years from their first to their last",
          "[tools][timeline]") {
  const Timeline days = make_timeline(by_day({{"2020-02-28", 1}, {"2020-03-01", 1}}), Period::day);
  REQUIRE(days.rows.size() == 3);
  CHECK(days.rows[1].period == "2020-02-29");
  Breakdown years;
  years.by = BreakdownBy::year;
  years.counts = {{"2011", 3}, {"2014", 1}};
  const Timeline t = make_timeline(years, Period::year);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[2].period == "2013");
  CHECK(make_timeline(Breakdown{}, Period::month).rows.empty());
}

TEST_CASE("bars fit the width, the largest filling it, and a count never draws as nothing",
          "[tools][timeline]") {
  const Timeline t = make_timeline(by_day({{"2023-09-10", 1000}, {"2023-09-11", 1}}), Period::day);
  const std::string bars = timeline_bars(t, 40);
  const auto first = bars.substr(0, bars.find('\n'));
  const auto second =
      bars.substr(first.size() + 1, bars.find('\n', first.size() + 1) - first.size() - 1);
  // The label, two spaces, the count right-aligned, a space, then the bar up to the last column
  // but one (writing the last one wraps the line on some terminals).
  CHECK(first.starts_with("2023-09-10  1000 █"));
  std::size_t columns = 0;
  for (const unsigned char c : first) columns += (c & 0xC0) != 0x80;
  CHECK(columns == 40 - 1);
  CHECK_THAT(second, Catch::EndsWith("   1 ▏"));
  CHECK_THAT(bars, Catch::Contains("1001 matches"));
}

TEST_CASE("the SVG chart has a bar per period and escapes its title", "[tools][timeline]") {
  const Timeline t = make_timeline(by_day({{"2023-09-10", 2}, {"2023-09-12", 1}}), Period::day);
  const std::string svg = timeline_svg(t, "\"Goïta\" & <Poutine>");
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(svg.ends_with("</svg>\n"));
  CHECK_THAT(svg, Catch::Contains("&quot;Goïta&quot; &amp; &lt;Poutine&gt;"));
  std::size_t bars = 0;
  for (auto at = svg.find("<title>"); at != std::string::npos; at = svg.find("<title>", at + 1))
    ++bars;
  CHECK(bars == 3);
  CHECK_THAT(svg, Catch::Contains("<title>2023-09-11: 0</title>"));
  const auto j = timeline_json(t, "Goïta");
  CHECK(j["per"] == "day");
  CHECK(j["periods"].size() == 3);
  CHECK(j["total"] == 3);
}
