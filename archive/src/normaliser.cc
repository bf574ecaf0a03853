#include "kiosque/archive/normaliser.h"

#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "boilerplate.h"
#include "french_date.h"
#include "kiosque/base/text_fold.h"
#include "text_cleaner.h"

namespace kiosque::archive {

namespace {

using detail::BoilerplateAction;

// Bylines sit at the top; a date further down is about the story, not the article.
constexpr std::size_t kBylineLines = 8;
constexpr std::size_t kMaxSourceLine = 80;
constexpr std::int32_t kMaxTitleChars = 200;

std::int32_t count_code_points(std::string_view s) {
  std::int32_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool looks_like_title(std::string_view line) {
  if (line.empty() || count_code_points(line) > kMaxTitleChars) return false;
  if (line.ends_with("...")) return true;
  const char last = line.back();
  return last != '.' && last != ',' && last != ';' && last != ':';
}

bool starts_upper_or_digit(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s.front());
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// The credit a short line states: "Avec AFP", "(avec Reuters)", "Source : Le Monde",
// "Lire la suite sur Le Figaro". Empty when the line states none.
// `folded` is fold_text(line).
std::string stated_source(std::string_view line, std::string_view folded) {
  if (line.size() > kMaxSourceLine) return {};
  std::string_view body = line;
  if (body.starts_with('(') && body.ends_with(')') && folded.size() >= 2) {
    body = body.substr(1, body.size() - 2);
    folded = folded.substr(1, folded.size() - 2);
  }
  static constexpr std::string_view kLeads[] = {
      "avec ", "source : ", "source: ", "sources : ", "sources: ", "lire la suite sur "};
  for (const std::string_view lead : kLeads) {
    // The leads are ASCII, so they span the same bytes in the line as in its folded form.
    if (!folded.starts_with(lead)) continue;
    std::string_view name = body.substr(lead.size());
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.remove_suffix(1);
    if (!starts_upper_or_digit(name)) return {};
    return std::string(name);
  }
  return {};
}

// The news agency whose reporting the text is, when it states no credit line: only an agency's
// own journalists write that someone "a déclaré à l'AFP" or was "joint par l'AFP". Empty when
// the text says no such thing.
std::string agency_reporting(std::string_view text) {
  struct Agency {
    std::string_view name;
    std::array<std::string_view, 6> told;
  };
  static constexpr std::array<Agency, 2> kAgencies{{
      {"AFP",
       {"à l'AFP", "à l\u2019AFP", "par l'AFP", "par l\u2019AFP", "auprès de l'AFP",
        "auprès de l\u2019AFP"}},
      {"Reuters",
       {"à Reuters", "par Reuters", "auprès de Reuters", "à l'agence Reuters",
        "à l\u2019agence Reuters", "par l'agence Reuters"}},
  }};
  for (const Agency& agency : kAgencies) {
    for (const std::string_view phrase : agency.told) {
      for (auto at = text.find(phrase); at != std::string_view::npos;
           at = text.find(phrase, at + 1)) {
        const std::size_t end = at + phrase.size();
        // "à l'AFP" but not "à l'AFPA".
        if (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])))
          return std::string(agency.name);
      }
    }
  }
  return {};
}

void trim_trailing_blanks(std::vector<std::string>& lines) {
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
}

}  // namespace

Result<NormalisedText> normalise(std::string_view utf8, const NormaliseConfig& config) {
  auto cleaned = detail::clean_lines(utf8);
  if (!cleaned) return propagate(cleaned);
  std::vector<std::string>& lines = *cleaned;
  NormalisedText out;

  if (!lines.empty()) {
    std::string_view rest;
    if (auto date = detail::parse_date_header(lines.front(), &rest)) {
      out.date = date;
      lines.front() = std::string(rest);
    }
  }

  std::vector<std::string> kept;
  kept.reserve(lines.size());
  for (std::string& line : lines) {
    if (line.empty()) {
      if (!kept.empty() && !kept.back().empty()) kept.emplace_back();
      continue;
    }
    detail::BoilerplateVerdict verdict;
    if (line.size() <= detail::kMaxBoilerplateLine) {
      // Folding is the costly part: do it once per short line, for every check that needs it.
      const std::string folded = base::fold_text(line);
      if (std::string source = stated_source(line, folded); !source.empty())
        out.source = std::move(source);
      verdict = detail::classify_line(line, folded);
    }
    if (verdict.action == BoilerplateAction::drop_line) continue;
    if (verdict.action == BoilerplateAction::drop_rest) break;
    if (verdict.action == BoilerplateAction::strip_labels) {
      line.resize(verdict.keep_bytes);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (line.empty()) continue;
    }
    kept.push_back(std::move(line));
  }
  trim_trailing_blanks(kept);

  if (kept.size() >= 3 && kept[1].empty() && looks_like_title(kept[0])) out.title = kept[0];

  if (!out.date) {
    const std::uint32_t latest =
        config.latest_date != 0 ? config.latest_date : detail::today_yyyymmdd();
    std::size_t seen = 0;
    for (std::size_t i = out.title.empty() ? 0 : 1; i < kept.size(); ++i) {
      const std::string& line = kept[i];
      if (line.empty()) continue;
      if (++seen > kBylineLines) break;
      if (auto date = detail::find_byline_date(line, latest)) {
        out.date = date;
        break;
      }
    }
  }

  std::size_t total = 0;
  for (const std::string& line : kept) total += line.size() + 1;
  out.text.reserve(total);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i != 0) out.text += '\n';
    out.text += kept[i];
  }
  if (out.source.empty()) out.source = agency_reporting(out.text);
  return out;
}

}  // namespace kiosque::archive
