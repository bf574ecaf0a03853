#include "cli/hit_export.h"

#include <nlohmann/json.hpp>

namespace kiosque::tools {

namespace {

std::string field_value(const indexer::SearchHit& hit, const std::string& field,
                        const std::string& path) {
  const archive::Article& a = hit.article;
  if (field == "id") return a.id.hex();
  if (field == "date") return archive::filed_date(a).date.to_string();
  if (field == "date_kind") return std::string(archive::filed_date(a).kind_name());
  if (field == "source") return a.content.source;
  if (field == "credit") return a.content.credit;
  if (field == "title") return a.content.title;
  if (field == "url") return a.content.meta.url;
  if (field == "path") return path;
  if (field == "score") return std::to_string(hit.percent);
  if (field == "snippet") return hit.snippet.text;
  return {};
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string tsv_field(std::string value) {
  for (char& c : value) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

}  // namespace

Result<std::vector<std::string>> first_paths(const indexer::SearchResults& results,
                                             const archive::Store& store) {
  std::vector<std::string> paths;
  for (const indexer::SearchHit& hit : results.hits) {
    if (hit.article.raw_versions.empty()) {
      paths.emplace_back();
      continue;
    }
    auto info = store.raw_info(hit.article.raw_versions.front());
    if (!info) return propagate(info);
    paths.push_back(info->provenance.path);
  }
  return paths;
}

std::string hits_delimited(const indexer::SearchResults& results,
                           const std::vector<std::string>& fields,
                           const std::vector<std::string>& paths, char separator) {
  const bool csv = separator == ',';
  const std::string_view line_end = csv ? "\r\n" : "\n";
  std::string out;
  const auto row = [&](const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += separator;
      out += csv ? csv_field(values[i]) : tsv_field(values[i]);
    }
    out += line_end;
  };
  row(fields);
  for (std::size_t h = 0; h < results.hits.size(); ++h) {
    std::vector<std::string> values;
    for (const std::string& field : fields)
      values.push_back(field_value(results.hits[h], field, h < paths.size() ? paths[h] : ""));
    row(values);
  }
  return out;
}

std::string hits_jsonl(const indexer::SearchResults& results,
                       const std::vector<std::string>& fields,
                       const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t h = 0; h < results.hits.size(); ++h) {
    nlohmann::json j = nlohmann::json::object();
    for (const std::string& field : fields) {
      if (field == "score") {
        j[field] = results.hits[h].percent;
      } else {
        j[field] = field_value(results.hits[h], field, h < paths.size() ? paths[h] : "");
      }
    }
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

}  // namespace kiosque::tools
