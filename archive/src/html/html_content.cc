#include "html/html_content.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>

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

// What an element's class and id say of it: which of the lists above they contain a word of.
enum Mark : std::uint8_t {
  kUnlikelyMark = 1,
  kMaybeMark = 2,
  kPositiveMark = 4,
  kNegativeMark = 8,
  kBylineMark = 16,
};

// Finds the words of every list in one pass over the names: at each position only the words
// starting with those two letters are tried. Every element is marked: this is on the hot path.
class NameMarks {
 public:
  NameMarks() {
    add(kUnlikely, kUnlikelyMark);
    add(kMaybe, kMaybeMark);
    add(kPositive, kPositiveMark);
    add(kNegative, kNegativeMark);
    add(kByline, kBylineMark);
  }
  std::uint8_t of(std::string_view names) const {
    std::uint8_t marks = 0;
    for (std::size_t i = 0; i + 1 < names.size(); ++i) {
      for (const auto& [word, mark] : by_start_[bucket(names[i], names[i + 1])]) {
        if (names.substr(i, word.size()) == word) marks |= mark;
      }
    }
    return marks;
  }

 private:
  static constexpr std::size_t kBuckets = 512;
  static std::size_t bucket(char a, char b) {
    return (static_cast<unsigned char>(a) * 31u + static_cast<unsigned char>(b)) % kBuckets;
  }
  void add(std::span<const std::string_view> words, Mark mark) {
    for (std::string_view w : words) by_start_[bucket(w[0], w[1])].emplace_back(w, mark);
  }
  std::array<std::vector<std::pair<std::string_view, Mark>>, kBuckets> by_start_;
};

// The marks of the element's class and id (lower-cased).
std::uint8_t marks_of(Node n) {
  const std::string_view classes = n.attribute("class"), id = n.attribute("id");
  if (classes.empty() && id.empty()) return 0;
  static const NameMarks marks;
  return marks.of(lower(classes) + ' ' + lower(id));
}

int class_weight(std::uint8_t marks, bool article_body) {
  int w = 0;
  if ((marks & kPositiveMark) != 0) w += 25;
  if ((marks & kNegativeMark) != 0) w -= 25;
  // schema.org's marking of the article's body: a standard, not one site's template.
  if (article_body) w += 50;
  return w;
}

bool never_content(Tag tag) {
  switch (tag) {
    case Tag::script:
    case Tag::style:
    case Tag::noscript:
    case Tag::template_:
    case Tag::iframe:
    case Tag::svg:
    case Tag::math:
    case Tag::form:
    case Tag::button:
    case Tag::input:
    case Tag::select:
    case Tag::textarea:
    case Tag::nav:
    case Tag::aside:
    case Tag::footer:
    case Tag::figure:
    case Tag::figcaption:
    case Tag::head:
    case Tag::object:
    case Tag::embed:
    case Tag::video:
    case Tag::audio:
    case Tag::canvas:
      return true;
    default:
      return false;
  }
}

bool is_heading(Tag tag) { return tag >= Tag::h1 && tag <= Tag::h6; }

bool is_block(Tag tag) {
  if (is_heading(tag)) return true;
  switch (tag) {
    case Tag::p:
    case Tag::div:
    case Tag::section:
    case Tag::article:
    case Tag::main:
    case Tag::header:
    case Tag::ul:
    case Tag::ol:
    case Tag::li:
    case Tag::blockquote:
    case Tag::pre:
    case Tag::table:
    case Tag::tr:
    case Tag::td:
    case Tag::th:
    case Tag::dl:
    case Tag::dt:
    case Tag::dd:
    case Tag::hr:
    case Tag::address:
      return true;
    default:
      return false;
  }
}

// Each element's text size, link text size and commas, counted once, bottom up, with what its
// names and attributes say of it, read once.
struct Counts {
  std::size_t text = 0, links = 0, commas = 0;
  bool skipped = false;  // never content, or unlikely by its names
  bool has_block = false;
  bool article_body = false;  // schema.org's itemprop=articleBody
  bool byline = false;        // a byline, date, credit or caption
  int class_weight = 0;
};

class Page {
 public:
  explicit Page(Node root) { count(root, false); }

  const Counts& at(Node n) const { return counts_.at(n); }
  bool known(Node n) const { return counts_.contains(n); }
  double link_density(Node n) const {
    const Counts& c = at(n);
    return c.text == 0 ? 0.0 : static_cast<double>(c.links) / static_cast<double>(c.text);
  }

 private:
  Counts count(Node n, bool in_link) {
    Counts c;
    if (n.is_text()) {
      for (const char ch : n.text()) {
        if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') ++c.text;
        if (ch == ',') ++c.commas;
      }
      if (in_link) c.links = c.text;
      return c;
    }
    if (!n.is_element()) return c;
    const Tag tag = n.tag();
    const std::uint8_t marks = marks_of(n);
    const std::string_view role = n.attribute("role");
    const std::string_view itemprop = n.attribute("itemprop");
    c.article_body = itemprop == "articleBody";
    c.byline = (marks & kBylineMark) != 0 || n.attribute("rel") == "author" || itemprop == "author";
    c.class_weight = class_weight(marks, c.article_body);
    c.skipped = never_content(tag) || n.has_attribute("hidden") || role == "navigation" ||
                role == "menu" || role == "complementary" || role == "dialog" || role == "alert" ||
                (tag != Tag::body && tag != Tag::html && tag != Tag::article && tag != Tag::main &&
                 !c.article_body && (marks & kUnlikelyMark) != 0 && (marks & kMaybeMark) == 0);
    for (Node child : children(n)) {
      const Counts k = count(child, in_link || tag == Tag::a);
      if (k.skipped) continue;
      c.text += k.text;
      c.links += k.links;
      c.commas += k.commas;
      c.has_block = c.has_block || is_block(child.tag());
    }
    counts_[n] = c;
    return c;
  }

  std::unordered_map<Node, Counts, Node::Hash> counts_;
};

int tag_weight(Tag tag) {
  if (is_heading(tag)) return -5;
  switch (tag) {
    case Tag::div:
    case Tag::article:
    case Tag::main:
      return 5;
    case Tag::pre:
    case Tag::td:
    case Tag::blockquote:
      return 3;
    case Tag::ol:
    case Tag::ul:
    case Tag::dl:
    case Tag::dd:
    case Tag::dt:
    case Tag::li:
    case Tag::form:
      return -3;
    case Tag::th:
      return -5;
    default:
      return 0;
  }
}

// Readability's scoring: every paragraph-like element gives its ancestors points.
std::unordered_map<Node, double, Node::Hash> score(Node root, const Page& page) {
  std::unordered_map<Node, double, Node::Hash> scores;
  const auto add = [&](Node n, double points) {
    auto [it, fresh] = scores.try_emplace(n, 0.0);
    if (fresh) it->second = tag_weight(n.tag()) + page.at(n).class_weight;
    it->second += points;
  };
  for_each_element(root, [&](Node n) {
    if (!page.known(n) || page.at(n).skipped) return false;
    const Tag tag = n.tag();
    const bool paragraph = tag == Tag::p || tag == Tag::pre || tag == Tag::td ||
                           tag == Tag::blockquote ||
                           ((tag == Tag::div || tag == Tag::section) && !page.at(n).has_block);
    if (!paragraph || page.at(n).text < 25) return true;
    const Counts& c = page.at(n);
    const double points =
        1.0 + static_cast<double>(c.commas) + std::min(3.0, static_cast<double>(c.text / 100));
    Node up = n.parent();
    for (int level = 0; up.is_element() && level < 3; ++level, up = up.parent()) {
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

  void render(Node n) {
    if (n.is_text()) {
      line_ += n.text();
      return;
    }
    if (!n.is_element() || !page_.known(n) || page_.at(n).skipped) return;
    const Tag tag = n.tag();
    // A box of links (a "read also" list, tags, a menu) or a byline is not the article.
    const Counts& c = page_.at(n);
    if (tag != Tag::a && c.text > 0 && page_.link_density(n) > 0.5) return;
    if (tag != Tag::article && !c.article_body && c.byline) return;
    if (tag == Tag::br) {
      end_line();
      return;
    }
    const bool block = is_block(tag);
    if (block) end_line();
    for (Node child : children(n)) render(child);
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

std::vector<std::string> article_paragraphs(Node root) {
  const Page page(root);
  const auto scores = score(root, page);
  Node top;
  double best = 0;
  for (const auto& [n, s] : scores) {
    if (s > best || (s == best && top && n < top)) {
      best = s;
      top = n;
    }
  }
  if (!top) return {};
  // Siblings that score near the top, or read as prose, belong to the article too.
  Node parent = top.parent();
  std::vector<Node> parts;
  if (parent.is_element()) {
    const double threshold = std::max(10.0, best * 0.2);
    for (Node sibling : children(parent)) {
      if (sibling == top) {
        parts.push_back(sibling);
        continue;
      }
      if (!sibling.is_element() || !page.known(sibling) || page.at(sibling).skipped) continue;
      const auto it = scores.find(sibling);
      const bool near = it != scores.end() && it->second >= threshold;
      // A paragraph, or one that broken markup left inside a reopened <b> or <span>.
      const Tag tag = sibling.tag();
      const bool paragraph = tag == Tag::p || (!is_block(tag) && page.at(sibling).has_block);
      const bool prose =
          paragraph && page.at(sibling).text > 80 && page.link_density(sibling) < 0.25;
      if (near || prose) parts.push_back(sibling);
    }
  } else {
    parts.push_back(top);
  }
  Renderer renderer(page);
  for (Node part : parts) renderer.render(part);
  return renderer.take();
}

}  // namespace kiosque::archive::html
