#include "kiosque/archive/manifest.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "french_date.h"
#include "html/html_metadata.h"

namespace kiosque::archive {

namespace {

enum class Column { file, title, date, source, url, authors, section, tags, language, other };

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Column names as people write them, in lower case.
Column column_of(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Column>, 31> kNames{{
      {"file", Column::file},
      {"path", Column::file},
      {"filename", Column::file},
      {"fichier", Column::file},
      {"title", Column::title},
      {"titre", Column::title},
      {"headline", Column::title},
      {"date", Column::date},
      {"published", Column::date},
      {"datepublished", Column::date},
      {"source", Column::source},
      {"outlet", Column::source},
      {"publisher", Column::source},
      {"media", Column::source},
      {"m\u00e9dia", Column::source},
      {"url", Column::url},
      {"link", Column::url},
      {"lien", Column::url},
      {"author", Column::authors},
      {"authors", Column::authors},
      {"auteur", Column::authors},
      {"auteurs", Column::authors},
      {"section", Column::section},
      {"rubrique", Column::section},
      {"tags", Column::tags},
      {"keywords", Column::tags},
      {"mots-cl\u00e9s", Column::tags},
      {"mots-cles", Column::tags},
      {"language", Column::language},
      {"langue", Column::language},
      {"lang", Column::language},
  }};
  // Bytes past ASCII are compared as they are: a header need not be valid UTF-8 to be looked at.
  std::string lower(trim(name));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [known, column] : kNames) {
    if (lower == known) return column;
  }
  return Column::other;
}

char delimiter_of(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) return '\t';
  if (header.find(',') != std::string_view::npos) return ',';
  return ';';
}

// Splits `text` into rows of fields: TSV plainly (its fields hold no tab or line break), CSV as
// RFC 4180 says (quoted fields, "" for a quote, line breaks inside quotes). `lines` receives the
// line each row starts on.
std::vector<std::vector<std::string>> split_rows(std::string_view text, char delimiter,
                                                 std::vector<std::size_t>& lines) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  std::size_t line = 1, row_line = 1;
  auto end_field = [&] {
    row.push_back(was_quoted ? field : std::string(trim(field)));
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    if (!(row.size() == 1 && row.front().empty())) {
      rows.push_back(std::move(row));
      lines.push_back(row_line);
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && delimiter != '\t' && trim(field).empty()) {
      field.clear();
      quoted = was_quoted = true;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\n') {
      end_row();
      row_line = line;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    const auto cut = value.find_first_of(";|");
    const std::string_view item = trim(value.substr(0, cut));
    if (!item.empty()) out.emplace_back(item);
    if (cut == std::string_view::npos) break;
    value.remove_prefix(cut + 1);
  }
  return out;
}

std::optional<int> number(std::string_view digits) {
  int v = 0;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Sets the field `column` of `given` from `value` (not empty); the problem, if the value is bad.
std::optional<std::string> give(GivenMetadata& given, Column column, const std::string& value) {
  switch (column) {
    case Column::title:
      given.title = value;
      break;
    case Column::date:
      if (auto date = parse_given_date(value); date) {
        given.date = *date;
      } else {
        return date.error().message;
      }
      break;
    case Column::source:
      given.source = value;
      break;
    case Column::url:
      given.meta.url = value;
      given.meta.site = html::host_of(value);
      break;
    case Column::authors:
      given.meta.authors = split_list(value);
      break;
    case Column::section:
      given.meta.section = value;
      break;
    case Column::tags:
      given.meta.tags = split_list(value);
      break;
    case Column::language:
      given.meta.language = value;
      break;
    case Column::file:
    case Column::other:
      break;
  }
  return std::nullopt;
}

}  // namespace

Result<ArticleDate> parse_given_date(std::string_view text) {
  const std::string_view t = trim(text);
  const std::string_view day_part = t.substr(0, t.find_first_of("T "));
  auto bad = [&](std::string_view why) -> Result<ArticleDate> {
    return fail(Errc::invalid_argument, fmt::format("'{}' is not a date: {}", t, why),
                "dates are YYYY, YYYY-MM or YYYY-MM-DD");
  };
  if (day_part.size() != 4 && day_part.size() != 7 && day_part.size() != 10)
    return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
  if (day_part.size() >= 7 && (day_part[4] != '-' || (day_part.size() == 10 && day_part[7] != '-')))
    return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
  const auto year = number(day_part.substr(0, 4));
  if (!year) return bad("the year is not four digits");
  if (*year < 1000) return bad(fmt::format("no year {}", *year));
  ArticleDate d;
  d.year = *year;
  if (day_part.size() == 4) return d;
  const auto month = number(day_part.substr(5, 2));
  if (!month) return bad("the month is not two digits");
  if (*month < 1 || *month > 12) return bad(fmt::format("no month {}", *month));
  d.month = *month;
  d.precision = ArticleDate::Precision::month;
  if (day_part.size() == 7) return d;
  const auto day = number(day_part.substr(8, 2));
  if (!day) return bad("the day is not two digits");
  const int last = detail::days_in_month(d.year, d.month);
  if (*day < 1 || *day > last) {
    return bad(fmt::format("{} {} has {} days", kMonthNames[static_cast<std::size_t>(d.month - 1)],
                           d.year, last));
  }
  d.day = *day;
  d.precision = ArticleDate::Precision::day;
  return d;
}

bool is_manifest_header(std::string_view first_line) {
  if (first_line.starts_with("\xEF\xBB\xBF")) first_line.remove_prefix(3);
  std::vector<std::size_t> lines;
  const auto rows =
      split_rows(first_line.substr(0, first_line.find('\n')), delimiter_of(first_line), lines);
  if (rows.size() != 1) return false;
  bool file = false, known = false;
  for (const std::string& name : rows.front()) {
    const Column c = column_of(name);
    file = file || c == Column::file;
    known = known || (c != Column::file && c != Column::other);
  }
  return file && known;
}

std::filesystem::path manifest_key(const std::filesystem::path& file) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(file, ec);
  return (ec ? file : absolute).lexically_normal();
}

Result<Manifest> read_manifest(const std::filesystem::path& path, std::int64_t time_ms) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(Errc::not_found, fmt::format("cannot read the manifest {}", path.string()));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (!is_manifest_header(text.substr(0, text.find('\n')))) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is not a manifest: its first line must name a `file` column and "
                            "at least one of title, date, source, url, author, section, tags, "
                            "language",
                            path.string()),
                "a TSV or CSV file with a header line");
  }
  std::vector<std::size_t> lines;
  const auto rows = split_rows(text, delimiter_of(text.substr(0, text.find('\n'))), lines);
  std::vector<Column> columns;
  for (const std::string& name : rows.front()) columns.push_back(column_of(name));

  Manifest manifest;
  manifest.path = path;
  const auto folder = manifest_key(path).parent_path();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    GivenMetadata given;
    given.provenance = Provenance{path.string(), time_ms};
    std::string file;
    std::optional<std::string> problem;
    for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
      const std::string& value = rows[r][c];
      if (value.empty()) continue;
      if (columns[c] == Column::file) {
        file = value;
      } else if (auto wrong = give(given, columns[c], value)) {
        problem = std::move(wrong);
      }
    }
    if (file.empty()) problem = "no file named";
    if (problem) {
      manifest.problems.push_back(fmt::format("line {}: {}", lines[r], *problem));
      continue;
    }
    manifest.rows[(folder / file).lexically_normal()] = std::move(given);
  }
  return manifest;
}

Result<GivenMetadata> parse_sidecar(std::string_view json, const Provenance& provenance) {
  const auto bad = [&](std::string_view why) -> Result<GivenMetadata> {
    return fail(Errc::invalid_argument, fmt::format("{}: {}", provenance.path, why),
                "a sidecar is a JSON object such as {\"date\": \"2023-09-10\", \"source\": "
                "\"AFP\"}");
  };
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded()) return bad("not JSON");
  if (!j.is_object()) return bad("not a JSON object");
  GivenMetadata given;
  given.provenance = provenance;
  for (const auto& [key, value] : j.items()) {
    const Column column = column_of(key);
    if (column == Column::other || column == Column::file || value.is_null()) continue;
    std::string text;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_array() && (column == Column::authors || column == Column::tags)) {
      for (const auto& item : value) {
        if (!item.is_string()) return bad(fmt::format("'{}' lists something not a string", key));
        if (!text.empty()) text += ';';
        text += item.get<std::string>();
      }
    } else {
      return bad(fmt::format("'{}' is not a string", key));
    }
    if (text.empty()) continue;
    if (auto wrong = give(given, column, text)) return bad(fmt::format("'{}': {}", key, *wrong));
  }
  if (given.empty())
    return bad("it gives none of title, date, source, url, author, section, tags, language");
  return given;
}

std::optional<std::string> sidecar_target(std::string_view name) {
  constexpr std::string_view kSuffix = ".meta.json";
  if (!name.ends_with(kSuffix) || name.size() == kSuffix.size()) return std::nullopt;
  return std::string(name.substr(0, name.size() - kSuffix.size()));
}

}  // namespace kiosque::archive
