#include "html/html_metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "french_date.h"

namespace kiosque::archive::html {

namespace {

// The JSON-LD @types that describe an article.
constexpr std::array<std::string_view, 7> kArticleTypes{
    "NewsArticle",        "Article",     "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BlogPosting", "LiveBlogPosting"};

std::optional<int> digits(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// A string, or the `name` of an object, or those of an array's items.
std::vector<std::string> names_in(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_string()) {
    if (auto t = trimmed(j.get<std::string>()); !t.empty()) out.push_back(t);
  } else if (j.is_object() && j.contains("name")) {
    return names_in(j["name"]);
  } else if (j.is_array()) {
    for (const auto& item : j) {
      for (auto& n : names_in(item)) out.push_back(std::move(n));
    }
  }
  return out;
}

std::string first_name(const nlohmann::json& j) {
  auto names = names_in(j);
  return names.empty() ? std::string() : names.front();
}

// How much a JSON-LD object is the article: a NewsArticle and its kin, then a WebPage, then any
// other object that gives a headline or a publication date (a MedicalWebPage, a Recipe);
// nullopt for the rest (an Organization, a BreadcrumbList).
std::optional<int> article_rank(const nlohmann::json& j) {
  if (j.contains("@type")) {
    const auto& type = j["@type"];
    const auto is = [&](std::string_view name) {
      const auto one = [&](const nlohmann::json& t) { return t.is_string() && t == name; };
      return type.is_array() ? std::any_of(type.begin(), type.end(), one) : one(type);
    };
    if (std::any_of(kArticleTypes.begin(), kArticleTypes.end(), is)) return 0;
    if (is("WebPage")) return 1;
  }
  if (j.contains("headline") || j.contains("datePublished")) return 2;
  return std::nullopt;
}

// The article objects of one JSON-LD block: the top object, @graph items, array items.
using Ranked = std::pair<int, const nlohmann::json*>;

void collect_articles(const nlohmann::json& j, std::vector<Ranked>& out) {
  if (j.is_array()) {
    for (const auto& item : j) collect_articles(item, out);
  } else if (j.is_object()) {
    if (j.contains("@graph")) collect_articles(j["@graph"], out);
    if (const auto rank = article_rank(j)) out.emplace_back(*rank, &j);
  }
}

// The trimmed, non-empty pieces of `s` between `separator`s: keywords between commas, the
// properties of one itemprop between spaces.
std::vector<std::string> split_on(std::string_view s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = std::min(s.find(separator, start), s.size());
    if (auto t = trimmed(s.substr(start, end - start)); !t.empty()) out.push_back(t);
    start = end + 1;
  }
  return out;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& more) {
  for (const auto& m : more) {
    if (std::find(to.begin(), to.end(), m) == to.end()) to.push_back(m);
  }
}

// What one page says, source by source, before choosing.
struct Sources {
  std::vector<nlohmann::json> json_ld;      // owns the parsed blocks
  std::map<std::string, std::string> meta;  // og:title, article:published_time, author, … (first)
  std::vector<std::string> article_tags;    // article:tag, repeated
  std::string title_element, h1, canonical, lang, time_datetime;
};

Sources gather(Node root) {
  Sources s;
  for_each_element(root, [&](Node n) {
    switch (n.tag()) {
      case Tag::script:
        if (lower(n.attribute("type")) == "application/ld+json") {
          auto parsed = nlohmann::json::parse(script_text(n), nullptr, false);
          if (!parsed.is_discarded()) s.json_ld.push_back(std::move(parsed));
        }
        return false;
      case Tag::meta: {
        std::string key = lower(n.attribute("property"));
        if (key.empty()) key = lower(n.attribute("name"));
        const std::string value = trimmed(n.attribute("content"));
        if (value.empty()) return true;
        if (!key.empty()) {
          if (key == "article:tag") s.article_tags.push_back(value);
          s.meta.emplace(key, value);
          return true;
        }
        // itemprop may name several properties: itemprop="datePublished dateCreated".
        for (std::string& prop : split_on(lower(n.attribute("itemprop")), ' ')) {
          s.meta.emplace(std::move(prop), value);
        }
        return true;
      }
      case Tag::title:
        if (s.title_element.empty()) s.title_element = text_of(n);
        return false;
      case Tag::h1:
        if (s.h1.empty()) s.h1 = text_of(n);
        return false;
      case Tag::link:
        if (lower(n.attribute("rel")) == "canonical" && s.canonical.empty()) {
          s.canonical = trimmed(n.attribute("href"));
        }
        return true;
      case Tag::html:
        s.lang = trimmed(n.attribute("lang"));
        return true;
      case Tag::time:
        if (s.time_datetime.empty()) s.time_datetime = trimmed(n.attribute("datetime"));
        return true;
      default:
        return true;
    }
  });
  return s;
}

std::string meta_value(const Sources& s, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto it = s.meta.find(key); it != s.meta.end()) return it->second;
  }
  return {};
}

// "Headline - Outlet" -> "Headline". A tail that names the site always goes; for a page's
// <title>, so does a short tail after a dash or a bar. A colon is never cut on its own: French
// headlines are full of them ("Séisme en Italie : l'incroyable sauvetage d'un bébé").
std::string without_site_suffix(const std::string& title, const std::string& site,
                                bool title_element) {
  for (std::string_view sep : {" | ", " - ", " – ", " — ", " : ", " :: "}) {
    const auto at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    const std::string head = trimmed(std::string_view(title).substr(0, at));
    const std::string tail = trimmed(std::string_view(title).substr(at + sep.size()));
    const auto words = [](const std::string& t) { return std::count(t.begin(), t.end(), ' ') + 1; };
    const bool names_site = !site.empty() && lower(tail).find(lower(site)) != std::string::npos;
    const bool colon = sep.find(':') != std::string_view::npos;
    if (names_site || (title_element && !colon && words(tail) <= 4 && words(head) >= 3)) {
      return head;
    }
  }
  return title;
}

// "By STEVE PEOPLES, AP Writer" -> "STEVE PEOPLES, AP Writer"; "Par Claire Dubois" likewise.
std::string without_by(const std::string& author) {
  for (std::string_view by : {"by ", "par "}) {
    if (author.size() > by.size() && lower(author.substr(0, by.size())) == by) {
      return trimmed(std::string_view(author).substr(by.size()));
    }
  }
  return author;
}

std::optional<ArticleDate> iso_date(std::string_view t) {
  t = std::string_view(t).substr(0, t.find_first_of("T "));
  ArticleDate d;
  if (t.size() == 8 && digits(t)) {
    // 20160417, as some sites write their meta dates.
    const std::string dashed = std::string(t.substr(0, 4)) + '-' + std::string(t.substr(4, 2)) +
                               '-' + std::string(t.substr(6, 2));
    return iso_date(dashed);
  }
  const auto year = t.size() >= 4 ? digits(t.substr(0, 4)) : std::nullopt;
  if (!year) return std::nullopt;
  d.year = *year;
  if (t.size() == 4) return d;
  if (t.size() < 7 || (t[4] != '-' && t[4] != '/')) return std::nullopt;
  const auto month = digits(t.substr(5, 2));
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  d.month = *month;
  d.precision = ArticleDate::Precision::month;
  if (t.size() == 7) return d;
  if (t.size() != 10 || t[7] != t[4]) return std::nullopt;
  const auto day = digits(t.substr(8, 2));
  if (!day || *day < 1 || *day > 31) return std::nullopt;
  d.day = *day;
  d.precision = ArticleDate::Precision::day;
  return d;
}

// "Apr", "Apr.", "April", "Sept" -> 4 …; 0 when the word names no month.
int english_month(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string w = lower(word);
  if (w.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i].starts_with(w)) return static_cast<int>(i) + 1;
  }
  return 0;
}

// English dates: one month name, a day of one or two digits and a year of four, in any of the
// orders pages use, before any time of day.
std::optional<ArticleDate> english_date(std::string_view t) {
  int month = 0, day = 0, year = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    const auto start = i;
    const bool alpha = std::isalpha(static_cast<unsigned char>(t[i])) != 0;
    const bool digit = std::isdigit(static_cast<unsigned char>(t[i])) != 0;
    if (!alpha && !digit) {
      ++i;
      continue;
    }
    while (i < t.size() && (alpha ? std::isalpha(static_cast<unsigned char>(t[i]))
                                  : std::isdigit(static_cast<unsigned char>(t[i]))) != 0) {
      ++i;
    }
    const std::string_view word = t.substr(start, i - start);
    if (i < t.size() && t[i] == ':') break;  // the time of day: the date is over
    if (alpha) {
      if (const int m = english_month(word); m != 0 && month == 0) month = m;
    } else if (word.size() <= 2 && day == 0) {
      day = *digits(word);
    } else if (word.size() == 4 && year == 0) {
      year = *digits(word);
    }
  }
  if (month == 0 || year == 0) return std::nullopt;
  ArticleDate d{year, month, 0, ArticleDate::Precision::month};
  if (day >= 1 && day <= 31) {
    d.day = day;
    d.precision = ArticleDate::Precision::day;
  }
  return d;
}

}  // namespace

std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  url = url.substr(0, url.find(':'));
  return lower(url);
}

std::optional<ArticleDate> parse_page_date(std::string_view text, std::uint32_t latest) {
  const std::string t = trimmed(text);
  if (t.empty()) return std::nullopt;
  std::optional<ArticleDate> d = iso_date(t);
  if (!d) d = english_date(t);
  if (!d) d = detail::find_french_date(t, latest);
  if (!d || d->year < 1900 || d->sort_key() > latest) return std::nullopt;
  return d;
}

PageMetadata read_metadata(Node root) {
  const Sources s = gather(root);
  std::vector<Ranked> articles;
  for (const auto& block : s.json_ld) collect_articles(block, articles);
  std::stable_sort(articles.begin(), articles.end(),
                   [](const Ranked& a, const Ranked& b) { return a.first < b.first; });
  const auto ld = [&](const char* key) -> const nlohmann::json* {
    for (const auto& [rank, a] : articles) {
      if (a->contains(key) && !(*a)[key].is_null()) return &(*a)[key];
    }
    return nullptr;
  };
  const auto ld_text = [&](const char* key) {
    const auto* v = ld(key);
    return v != nullptr ? first_name(*v) : std::string();
  };

  PageMetadata m;
  const std::string site_name = meta_value(s, {"og:site_name", "application-name"});
  m.source = ld("publisher") != nullptr ? first_name(*ld("publisher")) : std::string();
  if (m.source.empty()) m.source = site_name;

  m.title = ld_text("headline");
  if (m.title.empty()) m.title = meta_value(s, {"og:title", "twitter:title", "dc.title"});
  if (m.title.empty()) m.title = s.h1;
  // Sites that escape twice leave references in their metadata; JSON-LD often holds them too.
  m.title = decode_references(m.title);
  m.source = decode_references(m.source);
  const std::string site = m.source.empty() ? site_name : m.source;
  if (m.title.empty()) {
    m.title = without_site_suffix(collapse_spaces(s.title_element), site, true);
  } else {
    m.title = without_site_suffix(collapse_spaces(m.title), site, false);
  }

  const std::uint32_t latest = detail::today_yyyymmdd();
  // Each source in turn: a placeholder ("0001-01-01") or a form no parser reads gives way to the
  // next.
  for (const std::string& when :
       {ld_text("datePublished"), meta_value(s, {"article:published_time"}),
        meta_value(s, {"datepublished", "dc.date", "dc.date.issued", "date", "pubdate",
                       "publish-date", "parsely-pub-date", "sailthru.date"}),
        s.time_datetime, ld_text("dateCreated")}) {
    if (auto d = parse_page_date(when, latest)) {
      m.published = d;
      break;
    }
  }
  for (const std::string& when :
       {ld_text("dateModified"), meta_value(s, {"article:modified_time", "datemodified"})}) {
    if (auto d = parse_page_date(when, latest)) {
      m.meta.modified = d;
      break;
    }
  }

  if (const auto* author = ld("author")) m.meta.authors = names_in(*author);
  if (m.meta.authors.empty()) {
    if (auto a = meta_value(s, {"author", "article:author", "dc.creator"});
        !a.empty() && a.find("://") == std::string::npos) {
      m.meta.authors.push_back(a);
    }
  }
  m.meta.section = ld_text("articleSection");
  if (m.meta.section.empty()) m.meta.section = meta_value(s, {"article:section"});
  if (const auto* keywords = ld("keywords")) {
    for (const auto& k : names_in(*keywords)) add_unique(m.meta.tags, split_on(k, ','));
  }
  add_unique(m.meta.tags, s.article_tags);
  if (m.meta.tags.empty()) {
    m.meta.tags = split_on(meta_value(s, {"news_keywords", "keywords"}), ',');
  }
  m.meta.url = s.canonical;
  if (m.meta.url.empty()) m.meta.url = meta_value(s, {"og:url"});
  m.meta.site = host_of(m.meta.url);
  // A publisher named by its address ("https://www.outlet.example") is named by its host.
  if (const std::string host = host_of(m.source); !host.empty()) m.source = host;
  if (m.source.empty()) m.source = m.meta.site;
  if (m.source.starts_with("www.")) m.source.erase(0, 4);
  m.meta.language = ld_text("inLanguage");
  if (m.meta.language.empty()) m.meta.language = s.lang;
  m.meta.standfirst = ld_text("description");
  if (m.meta.standfirst.empty()) {
    m.meta.standfirst = meta_value(s, {"og:description", "description", "dc.description"});
  }
  m.meta.standfirst = collapse_spaces(decode_references(m.meta.standfirst));
  m.meta.section = decode_references(m.meta.section);
  for (auto* list : {&m.meta.authors, &m.meta.tags}) {
    for (std::string& item : *list) item = decode_references(item);
  }
  for (std::string& author : m.meta.authors) author = without_by(author);
  return m;
}

}  // namespace kiosque::archive::html
