#include "cli/search_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/article_json.h"

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

}  // namespace

void print_results_text(const indexer::SearchResults& r, bool bold) {
  const std::string_view open = bold ? "\x1b[1m" : "**";
  const std::string_view close = bold ? "\x1b[0m" : "**";
  std::size_t n = 0;
  for (const auto& hit : r.hits) {
    const auto& c = hit.article.content;
    fmt::print("{}. {}\n", ++n, headline(hit.article, 90));
    fmt::print("   {}  {}{}{}%\n", hit.article.id.hex().substr(0, 12),
               c.date ? c.date->to_string() + "  " : "", c.source.empty() ? "" : c.source + "  ",
               hit.percent);
    fmt::print("   {}\n\n", marked(hit.snippet, open, close));
  }
  fmt::print("{} of about {} results in {:.1f} ms\n", r.hits.size(), r.estimated_total,
             r.seconds * 1000);
  if (r.hits.empty() && !r.suggestion.empty()) fmt::print("Did you mean: {}\n", r.suggestion);
}

void print_results_json(const indexer::SearchResults& r, const std::string& query) {
  nlohmann::json j;
  j["schema"] = kSearchJsonSchema;
  j["query"] = query;
  j["estimated_total"] = r.estimated_total;
  j["seconds"] = r.seconds;
  j["suggestion"] = r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion);
  j["results"] = nlohmann::json::array();
  for (const auto& hit : r.hits) {
    nlohmann::json h = article_json(hit.article);
    h["score"] = hit.percent;
    h["weight"] = hit.weight;
    h["snippet"] = hit.snippet.text;
    h["highlights"] = hit.snippet.highlights;
    j["results"].push_back(std::move(h));
  }
  fmt::print("{}\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace kiosque::tools
