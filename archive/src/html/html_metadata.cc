#include "html/html_metadata.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace kiosque::archive::html {

namespace {

// The JSON-LD @types that describe an article.
constexpr std::array<std::string_view, 8> kArticleTypes{
    "NewsArticle",        "Article",     "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BlogPosting", "LiveBlogPosting",      "WebPage"};

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

bool is_article_type(const nlohmann::json& type) {
  const auto one = [](const nlohmann::json& t) {
    return t.is_string() && std::find(kArticleTypes.begin(), kArticleTypes.end(),
                                      t.get<std::string>()) != kArticleTypes.end();
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
  return one(type);
}

// The article objects of one JSON-LD block: the top object, @graph items, array items.
void collect_articles(const nlohmann::json& j, std::vector<const nlohmann::json*>& out) {
  if (j.is_array()) {
    for (const auto& item : j) collect_articles(item, out);
  } else if (j.is_object()) {
    if (j.contains("@graph")) collect_articles(j["@graph"], out);
    if (j.contains("@type") && is_article_type(j["@type"])) out.push_back(&j);
  }
}

std::vector<std::string> split_keywords(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = std::min(s.find(',', start), s.size());
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
        if (key.empty()) key = lower(n.attribute("itemprop"));
        const std::string value = trimmed(n.attribute("content"));
        if (key.empty() || value.empty()) return true;
        if (key == "article:tag") s.article_tags.push_back(value);
        s.meta.emplace(key, value);
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

std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  url = url.substr(0, url.find(':'));
  return lower(url);
}

}  // namespace

std::optional<ArticleDate> parse_iso_date(std::string_view t) {
  t = std::string_view(t).substr(0, t.find_first_of("T "));
  ArticleDate d;
  const auto year = t.size() >= 4 ? digits(t.substr(0, 4)) : std::nullopt;
  if (!year || *year < 1000) return std::nullopt;
  d.year = *year;
  if (t.size() == 4) return d;
  if (t.size() < 7 || t[4] != '-') return std::nullopt;
  const auto month = digits(t.substr(5, 2));
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  d.month = *month;
  d.precision = ArticleDate::Precision::month;
  if (t.size() == 7) return d;
  if (t.size() != 10 || t[7] != '-') return std::nullopt;
  const auto day = digits(t.substr(8, 2));
  if (!day || *day < 1 || *day > 31) return std::nullopt;
  d.day = *day;
  d.precision = ArticleDate::Precision::day;
  return d;
}

PageMetadata read_metadata(Node root) {
  const Sources s = gather(root);
  std::vector<const nlohmann::json*> articles;
  for (const auto& block : s.json_ld) collect_articles(block, articles);
  // A NewsArticle beats a WebPage.
  std::stable_sort(articles.begin(), articles.end(), [](const auto* a, const auto* b) {
    return (*a)["@type"] != "WebPage" && (*b)["@type"] == "WebPage";
  });
  const auto ld = [&](const char* key) -> const nlohmann::json* {
    for (const auto* a : articles) {
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
  const std::string site = m.source.empty() ? site_name : m.source;
  if (m.title.empty()) {
    m.title = without_site_suffix(collapse_spaces(s.title_element), site, true);
  } else {
    m.title = without_site_suffix(collapse_spaces(m.title), site, false);
  }

  for (const std::string& when :
       {ld_text("datePublished"),
        meta_value(s, {"article:published_time", "datepublished", "dc.date", "dc.date.issued",
                       "date", "pubdate", "publish-date", "parsely-pub-date", "sailthru.date"}),
        s.time_datetime}) {
    if (auto d = parse_iso_date(trimmed(when))) {
      m.published = d;
      break;
    }
  }
  for (const std::string& when :
       {ld_text("dateModified"), meta_value(s, {"article:modified_time", "datemodified"})}) {
    if (auto d = parse_iso_date(trimmed(when))) {
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
    for (const auto& k : names_in(*keywords)) add_unique(m.meta.tags, split_keywords(k));
  }
  add_unique(m.meta.tags, s.article_tags);
  if (m.meta.tags.empty()) {
    m.meta.tags = split_keywords(meta_value(s, {"news_keywords", "keywords"}));
  }
  m.meta.url = s.canonical;
  if (m.meta.url.empty()) m.meta.url = meta_value(s, {"og:url"});
  m.meta.site = host_of(m.meta.url);
  if (m.source.empty()) {
    m.source = m.meta.site.starts_with("www.") ? m.meta.site.substr(4) : m.meta.site;
  }
  m.meta.language = ld_text("inLanguage");
  if (m.meta.language.empty()) m.meta.language = s.lang;
  m.meta.standfirst = ld_text("description");
  if (m.meta.standfirst.empty()) {
    m.meta.standfirst = meta_value(s, {"og:description", "description", "dc.description"});
  }
  return m;
}

}  // namespace kiosque::archive::html
