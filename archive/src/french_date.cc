#include "french_date.h"

#include <array>
#include <charconv>
#include <chrono>
#include <string>
#include <vector>

#include "kiosque/base/text_fold.h"

namespace kiosque::archive::detail {

namespace {

struct MonthName {
  const char* name;  // folded: lower case, no accents, no final dot
  int month;
};

constexpr std::array kMonths{
    MonthName{"janvier", 1},   MonthName{"janv", 1},      MonthName{"jan", 1},
    MonthName{"fevrier", 2},   MonthName{"fevr", 2},      MonthName{"fev", 2},
    MonthName{"mars", 3},      MonthName{"avril", 4},     MonthName{"avr", 4},
    MonthName{"mai", 5},       MonthName{"juin", 6},      MonthName{"juillet", 7},
    MonthName{"juil", 7},      MonthName{"aout", 8},      MonthName{"septembre", 9},
    MonthName{"sept", 9},      MonthName{"sep", 9},       MonthName{"octobre", 10},
    MonthName{"oct", 10},      MonthName{"novembre", 11}, MonthName{"nov", 11},
    MonthName{"decembre", 12}, MonthName{"dec", 12},
};

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<ArticleDate> make_date(int y, int m, int d, std::uint32_t latest) {
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  ArticleDate date{y, m, d, ArticleDate::Precision::day};
  if (latest != 0 && date.sort_key() > latest) return std::nullopt;
  return date;
}

std::optional<int> parse_day(std::string_view t) {
  if (t == "1er") return 1;
  if (t.size() > 2 || !all_digits(t)) return std::nullopt;
  return to_int(t);
}

std::optional<int> parse_month(std::string_view t) {
  if (t.ends_with('.')) t.remove_suffix(1);
  for (const MonthName& m : kMonths) {
    if (t == m.name) return m.month;
  }
  return std::nullopt;
}

std::optional<int> parse_year(std::string_view t) {
  while (!t.empty() && (t.back() == ',' || t.back() == '.' || t.back() == ')' || t.back() == ';')) {
    t.remove_suffix(1);
  }
  if (t.size() != 4 || !all_digits(t)) return std::nullopt;
  return to_int(t);
}

// "01/09/2020" or "1/9/2020", possibly followed by punctuation.
std::optional<ArticleDate> parse_numeric(std::string_view t, std::uint32_t latest) {
  const std::size_t a = t.find('/');
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = t.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const auto d = parse_day(t.substr(0, a));
  const auto m =
      t.substr(a + 1, b - a - 1).size() <= 2 ? to_int(t.substr(a + 1, b - a - 1)) : std::nullopt;
  const auto y = parse_year(t.substr(b + 1));
  if (!d || !m || !y) return std::nullopt;
  return make_date(*y, *m, *d, latest);
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = s.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = s.find(' ', start);
    words.push_back(
        s.substr(start, end == std::string_view::npos ? s.size() - start : end - start));
    pos = end == std::string_view::npos ? s.size() : end;
  }
  return words;
}

}  // namespace

std::optional<ArticleDate> parse_date_header(std::string_view line, std::string_view* rest) {
  if (line.size() < 9) return std::nullopt;
  const std::string head = base::fold_text(line.substr(0, 4));
  if (head != "date") return std::nullopt;
  std::size_t i = 4;
  while (i < line.size() && (line[i] == ' ' || line[i] == ':')) ++i;
  if (i == 4) return std::nullopt;
  std::size_t end = i;
  while (end < line.size() && line[end] != ' ') ++end;
  const std::string_view value = line.substr(i, end - i);

  ArticleDate date;
  if (value.size() < 4 || !all_digits(value.substr(0, 4))) return std::nullopt;
  date.year = *to_int(value.substr(0, 4));
  date.precision = ArticleDate::Precision::year;
  if (value.size() >= 7 && value[4] == '-' && all_digits(value.substr(5, 2))) {
    date.month = *to_int(value.substr(5, 2));
    date.precision = ArticleDate::Precision::month;
    if (value.size() == 10 && value[7] == '-' && all_digits(value.substr(8, 2))) {
      date.day = *to_int(value.substr(8, 2));
      date.precision = ArticleDate::Precision::day;
    } else if (value.size() != 7) {
      return std::nullopt;
    }
  } else if (value.size() != 4) {
    return std::nullopt;
  }
  if (date.month > 12 || (date.precision == ArticleDate::Precision::month && date.month < 1)) {
    return std::nullopt;
  }
  if (date.precision == ArticleDate::Precision::day &&
      !make_date(date.year, date.month, date.day, 0)) {
    return std::nullopt;
  }
  if (rest != nullptr) {
    *rest = end < line.size() ? line.substr(end + 1) : std::string_view{};
  }
  return date;
}

namespace {

struct FoundDate {
  ArticleDate date;
  std::size_t date_words;
};

std::optional<FoundDate> find_date_words(const std::vector<std::string_view>& words,
                                         std::uint32_t latest) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].find('/') != std::string_view::npos) {
      if (auto d = parse_numeric(words[i], latest)) return FoundDate{*d, 1};
      continue;
    }
    if (i + 2 >= words.size()) continue;
    const auto day = parse_day(words[i]);
    if (!day) continue;
    const auto month = parse_month(words[i + 1]);
    if (!month) continue;
    const auto year = parse_year(words[i + 2]);
    if (!year) continue;
    if (auto d = make_date(*year, *month, *day, latest)) return FoundDate{*d, 3};
  }
  return std::nullopt;
}

constexpr std::size_t kMaxBylineBytes = 150;
// Words besides the date that a bare date line may carry: "Publié le", "mardi", "à 10h30".
constexpr std::size_t kMaxOtherWords = 4;
constexpr std::string_view kBylineMarkers[] = {"publie",    "mis a jour", "modifie",
                                               "redaction", "categorie",  "auteur"};

}  // namespace

std::optional<ArticleDate> find_french_date(std::string_view line, std::uint32_t latest) {
  const std::string folded = base::fold_text(line);
  auto found = find_date_words(split_words(folded), latest);
  if (!found) return std::nullopt;
  return found->date;
}

std::optional<ArticleDate> find_byline_date(std::string_view line, std::uint32_t latest) {
  if (line.size() > kMaxBylineBytes || line.ends_with('.') ||
      line.find('@') != std::string_view::npos ||
      line.find_first_of("0123456789") == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string folded = base::fold_text(line);
  const auto words = split_words(folded);
  auto found = find_date_words(words, latest);
  if (!found) return std::nullopt;
  if (words.size() - found->date_words <= kMaxOtherWords) return found->date;
  if (folded.starts_with("par")) return found->date;  // "Par Jean Dupont, le …", "Parredaction …"
  for (const std::string_view marker : kBylineMarkers) {
    if (folded.find(marker) != std::string::npos) return found->date;
  }
  return std::nullopt;
}

std::uint32_t today_yyyymmdd() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  return static_cast<std::uint32_t>(static_cast<int>(ymd.year()) * 10000 +
                                    static_cast<int>(static_cast<unsigned>(ymd.month())) * 100 +
                                    static_cast<int>(static_cast<unsigned>(ymd.day())));
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace kiosque::archive::detail
