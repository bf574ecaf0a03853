#include "html/html_content.h"

#include <algorithm>
#include <array>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace kiosque::archive::html {

namespace {

// Words in class and id names, in English and French, that mark what is not the article.
constexpr std::array<std::string_view, 44> kUnlikely{
    "-ad-",        "ad-break",   "agegate", "banner",    "breadcrumb",   "combx",      "comment",
    "commentaire", "community",  "cookie",  "consent",   "disqus",       "footer",     "gdpr",
    "legends",     "menu",       "related", "remark",    "replies",      "rss",        "shoutbox",
    "sidebar",     "skyscraper", "social",  "sponsor",   "supplemental", "pagination", "pager",
    "popup",       "newsletter", "partage", "share",     "lire-aussi",   "voir-aussi", "a-lire",
    "outbrain",    "taboola",    "abonne",  "subscribe", "paywall",      "promo",      "publicite",
    "pub_",        "nav"};
// Words that keep an element despite an unlikely one.
constexpr std::array<std::string_view, 7> kMaybe{"and",     "article", "body", "column",
                                                 "content", "main",    "story"};
constexpr std::array<std::string_view, 14> kPositive{
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page",    "post", "text",    "blog",  "story",  "corps",   "texte"};
constexpr std::array<std::string_view, 26> kNegative{
    "-ad-",       "hidden",  "banner",   "combx",  "comment",   "com-",     "contact",
    "foot",       "footer",  "footnote", "gdpr",   "masthead",  "media",    "meta",
    "outbrain",   "promo",   "related",  "scroll", "share",     "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "widget", "lire-aussi"};
// Lines about the article rather than of it: bylines, dates, credits, captions.
constexpr std::array<std::string_view, 8> kByline{"byline",    "author",  "date",    "credit",
                                                  "copyright", "caption", "legende", "dateline"};

bool has_any(std::string_view names, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return names.find(w) != std::string_view::npos; });
}

std::string names_of(const GumboNode* n) {
  std::string names = lower(attribute(n, "class"));
  names += ' ';
  names += lower(attribute(n, "id"));
  return names;
}

bool never_content(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

// Each element's text size, link text size and commas, counted once, bottom up.
struct Counts {
  std::size_t text = 0, links = 0, commas = 0;
  bool skipped = false;  // never content, or unlikely by its names
  bool has_block = false;
};

class Page {
 public:
  explicit Page(const GumboNode* root) { count(root, false); }

  const Counts& at(const GumboNode* n) const { return counts_.at(n); }
  bool known(const GumboNode* n) const { return counts_.contains(n); }
  double link_density(const GumboNode* n) const {
    const Counts& c = at(n);
    return c.text == 0 ? 0.0 : static_cast<double>(c.links) / static_cast<double>(c.text);
  }

 private:
  Counts count(const GumboNode* n, bool in_link) {
    Counts c;
    if (const char* text = node_text(n)) {
      const std::string_view t = text;
      for (const char ch : t) {
        if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') ++c.text;
        if (ch == ',') ++c.commas;
      }
      if (in_link) c.links = c.text;
      return c;
    }
    if (!is_element(n)) return c;
    const GumboTag tag = tag_of(n);
    const std::string names = names_of(n);
    const std::string_view role = attribute(n, "role");
    c.skipped = never_content(tag) || attribute(n, "hidden").data() != nullptr ||
                role == "navigation" || role == "menu" || role == "complementary" ||
                role == "dialog" || role == "alert" ||
                (tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && tag != GUMBO_TAG_ARTICLE &&
                 tag != GUMBO_TAG_MAIN && attribute(n, "itemprop") != "articleBody" &&
                 has_any(names, kUnlikely) && !has_any(names, kMaybe));
    for (unsigned i = 0; i < child_count(n); ++i) {
      const Counts k = count(child(n, i), in_link || tag == GUMBO_TAG_A);
      if (k.skipped) continue;
      c.text += k.text;
      c.links += k.links;
      c.commas += k.commas;
      c.has_block = c.has_block || is_block(tag_of(child(n, i)));
    }
    counts_[n] = c;
    return c;
  }

  std::unordered_map<const GumboNode*, Counts> counts_;
};

int class_weight(const GumboNode* n) {
  const std::string names = names_of(n);
  int w = 0;
  if (has_any(names, kPositive)) w += 25;
  if (has_any(names, kNegative)) w -= 25;
  // schema.org's marking of the article's body: a standard, not one site's template.
  if (attribute(n, "itemprop") == "articleBody") w += 50;
  return w;
}

int tag_weight(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// Readability's scoring: every paragraph-like element gives its ancestors points.
std::unordered_map<const GumboNode*, double> score(const GumboNode* root, const Page& page) {
  std::unordered_map<const GumboNode*, double> scores;
  const auto add = [&](const GumboNode* n, double points) {
    auto [it, fresh] = scores.try_emplace(n, 0.0);
    if (fresh) it->second = tag_weight(tag_of(n)) + class_weight(n);
    it->second += points;
  };
  for_each_element(root, [&](const GumboNode* n) {
    if (!page.known(n) || page.at(n).skipped) return false;
    const GumboTag tag = tag_of(n);
    const bool paragraph =
        tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD ||
        tag == GUMBO_TAG_BLOCKQUOTE ||
        ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION) && !page.at(n).has_block);
    if (!paragraph || page.at(n).text < 25) return true;
    const Counts& c = page.at(n);
    const double points =
        1.0 + static_cast<double>(c.commas) + std::min(3.0, static_cast<double>(c.text / 100));
    const GumboNode* up = n->parent;
    for (int level = 0; up != nullptr && is_element(up) && level < 3; ++level, up = up->parent) {
      add(up, level == 0 ? points : level == 1 ? points / 2 : points / (level * 3));
    }
    return true;
  });
  for (auto& [n, s] : scores) s *= 1.0 - page.link_density(n);
  return scores;
}

class Renderer {
 public:
  explicit Renderer(const Page& page) : page_(page) {}

  void render(const GumboNode* n) {
    if (const char* text = node_text(n)) {
      line_ += text;
      return;
    }
    if (!is_element(n) || !page_.known(n) || page_.at(n).skipped) return;
    const GumboTag tag = tag_of(n);
    const std::string names = names_of(n);
    // A box of links (a "read also" list, tags, a menu) or a byline is not the article.
    const Counts& c = page_.at(n);
    if (tag != GUMBO_TAG_A && c.text > 0 && page_.link_density(n) > 0.5) return;
    if (tag != GUMBO_TAG_ARTICLE && attribute(n, "itemprop") != "articleBody" &&
        (has_any(names, kByline) || attribute(n, "rel") == "author" ||
         attribute(n, "itemprop") == "author")) {
      return;
    }
    if (tag == GUMBO_TAG_BR) {
      end_line();
      return;
    }
    const bool block = is_block(tag);
    if (block) end_line();
    for (unsigned i = 0; i < child_count(n); ++i) render(child(n, i));
    if (block) end_line();
  }

  std::vector<std::string> take() {
    end_line();
    return std::move(lines_);
  }

 private:
  void end_line() {
    if (std::string out = collapse_spaces(line_); !out.empty()) lines_.push_back(std::move(out));
    line_.clear();
  }

  const Page& page_;
  std::string line_;
  std::vector<std::string> lines_;
};

}  // namespace

std::vector<std::string> article_paragraphs(const GumboNode* root) {
  const Page page(root);
  const auto scores = score(root, page);
  const GumboNode* top = nullptr;
  double best = 0;
  for (const auto& [n, s] : scores) {
    if (s > best || (s == best && top != nullptr && n < top)) {
      best = s;
      top = n;
    }
  }
  if (top == nullptr) return {};
  // Siblings that score near the top, or read as prose, belong to the article too.
  const GumboNode* parent = top->parent;
  std::vector<const GumboNode*> parts;
  if (parent != nullptr && is_element(parent)) {
    const double threshold = std::max(10.0, best * 0.2);
    for (unsigned i = 0; i < child_count(parent); ++i) {
      const GumboNode* sibling = child(parent, i);
      if (sibling == top) {
        parts.push_back(sibling);
        continue;
      }
      if (!is_element(sibling) || !page.known(sibling) || page.at(sibling).skipped) continue;
      const auto it = scores.find(sibling);
      const bool near = it != scores.end() && it->second >= threshold;
      // A paragraph, or one that broken markup left inside a reopened <b> or <span>.
      const GumboTag tag = tag_of(sibling);
      const bool paragraph = tag == GUMBO_TAG_P || (!is_block(tag) && page.at(sibling).has_block);
      const bool prose =
          paragraph && page.at(sibling).text > 80 && page.link_density(sibling) < 0.25;
      if (near || prose) parts.push_back(sibling);
    }
  } else {
    parts.push_back(top);
  }
  Renderer renderer(page);
  for (const GumboNode* part : parts) renderer.render(part);
  return renderer.take();
}

}  // namespace kiosque::archive::html
