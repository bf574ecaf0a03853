// A timeline of matches: counts per day, week, month or year with the empty periods between them,
// drawn as terminal bars, CSV, JSON or an SVG chart. Pure functions of a breakdown.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

enum class Period { day, week, month, year };

struct TimelineRow {
  std::string period;  // "2023-09-10", the Monday "2023-09-11" of a week, "2023-09", "2023"
  std::uint64_t count = 0;
};

struct Timeline {
  Period per = Period::month;
  std::vector<TimelineRow> rows;   // oldest first, with no period missing between first and last
  std::uint64_t total = 0;         // every match
  std::uint64_t imprecise = 0;     // matches whose date is coarser than `per` (in no row)
  std::uint64_t intake_dated = 0;  // matches counted at their intake day (no stated date)
};

// "day", "week", "month", "year".
Period period_named(std::string_view name);
std::string_view period_name(Period per);
// The breakdown a timeline of `per` is made from: weeks come from days.
indexer::BreakdownBy breakdown_for(Period per);

// `breakdown` is by breakdown_for(per).
Timeline make_timeline(const indexer::Breakdown& breakdown, Period per);

// One line per period: its label, a bar scaled so the largest fills the line, the count; then
// what fell outside. `width` is the terminal's columns.
std::string timeline_bars(const Timeline& timeline, std::size_t width);
// "month,count" then one row per period (RFC 4180; labels need no quoting).
std::string timeline_csv(const Timeline& timeline);
nlohmann::json timeline_json(const Timeline& timeline, std::string_view query);
// A self-contained bar chart for a report, titled with `title` (escaped).
std::string timeline_svg(const Timeline& timeline, std::string_view title);

}  // namespace kiosque::tools
