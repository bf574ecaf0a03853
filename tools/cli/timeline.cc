#include "cli/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

namespace kiosque::tools {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

int number(std::string_view text, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n && i < text.size(); ++i) v = v * 10 + (text[i] - '0');
  return v;
}

// A period's label back to its first day: "2023" -> 2023-01-01, "2023-09" -> 2023-09-01.
sys_days first_day(std::string_view label) {
  const int m = label.size() >= 7 ? number(label, 5, 2) : 1;
  const int d = label.size() >= 10 ? number(label, 8, 2) : 1;
  return sys_days{year{number(label, 0, 4)} / month{static_cast<unsigned>(m)} /
                  day{static_cast<unsigned>(d)}};
}

std::string label_of(sys_days first, Period per) {
  const year_month_day ymd{first};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  switch (per) {
    case Period::year:
      return fmt::format("{:04}", y);
    case Period::month:
      return fmt::format("{:04}-{:02}", y, m);
    case Period::day:
    case Period::week:
      return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }
  return {};
}

sys_days next_period(sys_days first, Period per) {
  const year_month_day ymd{first};
  switch (per) {
    case Period::day:
      return first + std::chrono::days(1);
    case Period::week:
      return first + std::chrono::days(7);
    case Period::month:
      return sys_days{(ymd.year() / ymd.month() + std::chrono::months(1)) / 1};
    case Period::year:
      return sys_days{(ymd.year() + std::chrono::years(1)) / 1 / 1};
  }
  return first;
}

sys_days monday_of(sys_days d) {
  const std::chrono::weekday wd{d};
  return d - std::chrono::days(wd.iso_encoding() - 1);
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

Period period_named(std::string_view name) {
  if (name == "day") return Period::day;
  if (name == "week") return Period::week;
  if (name == "year") return Period::year;
  return Period::month;
}

std::string_view period_name(Period per) {
  switch (per) {
    case Period::day:
      return "day";
    case Period::week:
      return "week";
    case Period::month:
      return "month";
    case Period::year:
      return "year";
  }
  return "month";
}

indexer::BreakdownBy breakdown_for(Period per) {
  switch (per) {
    case Period::day:
    case Period::week:
      return indexer::BreakdownBy::day;
    case Period::month:
      return indexer::BreakdownBy::month;
    case Period::year:
      return indexer::BreakdownBy::year;
  }
  return indexer::BreakdownBy::month;
}

Timeline make_timeline(const indexer::Breakdown& breakdown, Period per) {
  Timeline t;
  t.per = per;
  t.total = breakdown.total;
  t.imprecise = breakdown.without;
  t.intake_dated = breakdown.intake_dated;
  std::map<sys_days, std::uint64_t> counts;
  for (const auto& [key, count] : breakdown.counts) {
    sys_days first = first_day(key);
    if (per == Period::week) first = monday_of(first);
    counts[first] += count;
  }
  if (counts.empty()) return t;
  const sys_days last = counts.rbegin()->first;
  for (sys_days p = counts.begin()->first; p <= last; p = next_period(p, per)) {
    const auto found = counts.find(p);
    t.rows.push_back({label_of(p, per), found == counts.end() ? 0 : found->second});
  }
  return t;
}

std::string timeline_bars(const Timeline& t, std::size_t width) {
  std::string out;
  std::uint64_t most = 1;
  std::size_t label = 4;
  for (const TimelineRow& r : t.rows) {
    most = std::max(most, r.count);
    label = std::max(label, r.period.size());
  }
  const std::size_t digits = std::to_string(most).size();
  const std::size_t room = width > label + digits + 4 ? width - label - digits - 4 : 10;
  for (const TimelineRow& r : t.rows) {
    const auto cells = static_cast<std::size_t>(
        (static_cast<double>(r.count) * static_cast<double>(room)) / static_cast<double>(most) +
        0.5);
    std::string bar;
    for (std::size_t i = 0; i < cells; ++i) bar += "█";
    if (cells == 0 && r.count > 0) bar = "▏";
    out += fmt::format("{:<{}}  {:>{}} {}\n", r.period, label, r.count, digits, bar);
  }
  out += fmt::format("{} match{}", t.total, t.total == 1 ? "" : "es");
  if (t.per == Period::week) out += "; each week is labelled by its Monday";
  out += "\n";
  if (t.imprecise > 0) {
    out += fmt::format("{} dated less precisely than a {} are not drawn\n", t.imprecise,
                       period_name(t.per));
  }
  if (t.intake_dated > 0) {
    out += fmt::format("{} state no date and are drawn at their intake day\n", t.intake_dated);
  }
  return out;
}

std::string timeline_csv(const Timeline& t) {
  std::string out = fmt::format("{},count\r\n", period_name(t.per));
  for (const TimelineRow& r : t.rows) out += fmt::format("{},{}\r\n", r.period, r.count);
  return out;
}

nlohmann::json timeline_json(const Timeline& t, std::string_view query) {
  nlohmann::json periods = nlohmann::json::array();
  for (const TimelineRow& r : t.rows) periods.push_back({{"period", r.period}, {"count", r.count}});
  return {{"schema", 1},
          {"query", query},
          {"per", period_name(t.per)},
          {"total", t.total},
          {"imprecise", t.imprecise},
          {"intake_dated", t.intake_dated},
          {"periods", std::move(periods)}};
}

std::string timeline_svg(const Timeline& t, std::string_view title) {
  constexpr double kWidth = 960, kHeight = 360, kLeft = 60, kRight = 20, kTop = 40, kBottom = 60;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::uint64_t most = 1;
  for (const TimelineRow& r : t.rows) most = std::max(most, r.count);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"24\" font-size=\"16\">{3}</text>\n",
      kWidth, kHeight, kLeft, xml_escaped(title));
  out += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n"
      "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"black\"/>\n"
      "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\">{6}</text>\n"
      "<text x=\"{4}\" y=\"{2}\" text-anchor=\"end\">0</text>\n",
      kLeft, kTop, kTop + plot_h, kLeft + plot_w, kLeft - 6, kTop + 4, most);
  const std::size_t n = t.rows.size();
  const double slot = n == 0 ? plot_w : plot_w / static_cast<double>(n);
  // About ten labels along the axis, whatever the number of periods.
  const std::size_t label_every = std::max<std::size_t>(1, (n + 9) / 10);
  for (std::size_t i = 0; i < n; ++i) {
    const TimelineRow& r = t.rows[i];
    const double h = plot_h * static_cast<double>(r.count) / static_cast<double>(most);
    const double x = kLeft + slot * static_cast<double>(i);
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"#3b6ea5\"><title>{}: {}</title></rect>\n",
        x + slot * 0.1, kTop + plot_h - h, slot * 0.8, h, r.period, r.count);
    if (i % label_every == 0) {
      out += fmt::format(
          "<text x=\"{0:.1f}\" y=\"{1:.1f}\" text-anchor=\"end\" "
          "transform=\"rotate(-45 {0:.1f} {1:.1f})\">{2}</text>\n",
          x + slot / 2, kTop + plot_h + 14, r.period);
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace kiosque::tools
