#include "cli/search_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/article_json.h"
#include "cli/breakdown_output.h"
#include "cli/json_output.h"

namespace kiosque::tools {

namespace {

std::string marked(const indexer::Snippet& s, std::string_view open, std::string_view close) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : s.highlights) {
    out.append(s.text, at, b - at);
    out += open;
    out.append(s.text, b, e - b);
    out += close;
    at = e;
  }
  out.append(s.text, at);
  return out;
}

// "3", or "11-20" past an offset; "0".
std::string shown_range(const indexer::SearchResults& r) {
  if (r.hits.empty() || r.offset == 0) return std::to_string(r.hits.size());
  return fmt::format("{}-{}", r.offset + 1, r.offset + r.hits.size());
}

// "347 results", "1 result", "1 result (3 articles)" when a story folds several, or, past the
// exact count, "about 25,000 results (24,100 to
// 26,800)".
std::string total_text(const indexer::SearchResults& r) {
  if (r.exact_total() && r.articles && *r.articles != r.total_lower) {
    return fmt::format("{} result{} ({} articles)", r.total_lower, r.total_lower == 1 ? "" : "s",
                       *r.articles);
  }
  if (r.exact_total())
    return fmt::format("{} result{}", r.total_lower, r.total_lower == 1 ? "" : "s");
  return fmt::format("about {} results ({} to {})", r.estimated_total, r.total_lower,
                     r.total_upper);
}

// "and 2 other versions (Le Monde, AFP)": the outlets known, each once, most versions first.
std::string other_versions_text(const std::vector<indexer::OtherVersion>& others) {
  std::vector<std::pair<std::string, std::size_t>> outlets;
  for (const auto& o : others) {
    if (o.source.empty()) continue;
    auto found = std::find_if(outlets.begin(), outlets.end(),
                              [&](const auto& p) { return p.first == o.source; });
    if (found == outlets.end()) {
      outlets.emplace_back(o.source, 1);
    } else {
      ++found->second;
    }
  }
  std::stable_sort(outlets.begin(), outlets.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text =
      fmt::format("and {} other version{}", others.size(), others.size() == 1 ? "" : "s");
  if (outlets.empty()) return text;
  std::vector<std::string> names;
  for (const auto& [name, n] : outlets) names.push_back(name);
  return text + fmt::format(" ({})", fmt::join(names, ", "));
}

}  // namespace

void print_results_text(const indexer::SearchResults& r, bool bold) {
  const std::string_view open = bold ? "\x1b[1m" : "**";
  const std::string_view close = bold ? "\x1b[0m" : "**";
  std::size_t n = r.offset;
  for (const auto& hit : r.hits) {
    const auto& c = hit.article.content;
    fmt::print("{}. {}\n", ++n, headline(hit.article, 90));
    fmt::print("   {}  {}  {}{}%\n", hit.article.id.hex().substr(0, 12), filed_text(hit.article),
               c.source.empty() ? "" : c.source + "  ", hit.percent);
    fmt::print("   {}\n", marked(hit.snippet, open, close));
    if (!hit.other_versions.empty()) fmt::print("   {}\n", other_versions_text(hit.other_versions));
    fmt::print("\n");
  }
  fmt::print("{} of {} in {:.1f} ms\n", shown_range(r), total_text(r), r.seconds * 1000);
  if (!r.suggestion.empty()) fmt::print("Did you mean: {}\n", r.suggestion);
  if (r.breakdown) {
    fmt::print("\nby {}:\n", breakdown_name(r.breakdown->by));
    print_breakdown_text(*r.breakdown);
  }
  for (const std::string& note : r.notes) fmt::print(stderr, "note: {}\n", note);
}

void print_results_json(const indexer::SearchResults& r, const std::string& query) {
  nlohmann::json j;
  j["schema"] = kSearchJsonSchema;
  j["query"] = query;
  j["estimated_total"] = r.estimated_total;
  j["total"] = r.exact_total() ? nlohmann::json(r.total_lower) : nlohmann::json(nullptr);
  j["total_lower"] = r.total_lower;
  j["total_upper"] = r.total_upper;
  j["articles"] = r.articles ? nlohmann::json(*r.articles) : nlohmann::json(nullptr);
  j["offset"] = r.offset;
  j["seconds"] = r.seconds;
  j["suggestion"] = r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion);
  j["notes"] = r.notes;
  if (r.breakdown) j["breakdown"] = breakdown_json(*r.breakdown);
  j["results"] = nlohmann::json::array();
  for (const auto& hit : r.hits) {
    nlohmann::json h = article_json(hit.article);
    h["score"] = hit.percent;
    h["weight"] = hit.weight;
    h["snippet"] = hit.snippet.text;
    h["highlights"] = hit.snippet.highlights;
    h["other_versions"] = nlohmann::json::array();
    for (const auto& o : hit.other_versions) {
      h["other_versions"].push_back({{"id", o.id.hex()}, {"source", o.source}});
    }
    j["results"].push_back(std::move(h));
  }
  print_json(j);
}

}  // namespace kiosque::tools
