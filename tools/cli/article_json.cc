#include "cli/article_json.h"

#include <fmt/chrono.h>

#include <chrono>

namespace kiosque::tools {

namespace {

const char* precision_name(archive::ArticleDate::Precision p) {
  switch (p) {
    case archive::ArticleDate::Precision::year:
      return "year";
    case archive::ArticleDate::Precision::month:
      return "month";
    case archive::ArticleDate::Precision::day:
      return "day";
  }
  return "unknown";
}

}  // namespace

nlohmann::json article_json(const archive::Article& a) {
  nlohmann::json j;
  j["id"] = a.id.hex();
  j["title"] = a.content.title;
  j["date"] =
      a.content.date ? nlohmann::json(a.content.date->to_string()) : nlohmann::json(nullptr);
  j["date_precision"] = a.content.date ? nlohmann::json(precision_name(a.content.date->precision))
                                       : nlohmann::json(nullptr);
  const archive::FiledDate filed = archive::filed_date(a);
  j["filed_date"] = filed.date.to_string();
  j["date_kind"] = filed.kind_name();
  j["source"] = a.content.source;
  j["credit"] = a.content.credit;
  const archive::ArticleMeta& m = a.content.meta;
  j["authors"] = m.authors;
  j["section"] = m.section;
  j["tags"] = m.tags;
  j["url"] = m.url;
  j["site"] = m.site;
  j["language"] = m.language;
  j["standfirst"] = m.standfirst;
  j["modified"] = m.modified ? nlohmann::json(m.modified->to_string()) : nlohmann::json(nullptr);
  j["story"] = a.story ? nlohmann::json(a.story->group.hex()) : nlohmann::json(nullptr);
  j["seq"] = a.seq;
  j["added_at"] = iso_time(a.added_at_ms);
  return j;
}

std::string headline(const archive::Article& a, std::size_t max_bytes) {
  if (!a.content.title.empty()) return a.content.title;
  std::string_view text = a.content.text;
  text = text.substr(0, text.find('\n'));
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::string filed_text(const archive::Article& a) {
  const archive::FiledDate filed = archive::filed_date(a);
  if (filed.kind == archive::FiledDate::Kind::published) return filed.date.to_string();
  return filed.date.to_string() + " (intake)";
}

std::string iso_time(std::int64_t unix_ms) {
  const std::chrono::sys_seconds t{std::chrono::seconds(unix_ms / 1000)};
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", t);
}

}  // namespace kiosque::tools
