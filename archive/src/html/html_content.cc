#include "html/html_content.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
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
  std::size_t order = 0;  // place in the document: ties go to the first, whatever the memory
};

// Readability's flags: a page whose article the first reading misses (a site that names its
// layout "pagebuilder-pagerow" or its article's frame "page-ad-margins") is read again with the
// name-based rules relaxed, one at a time.
struct Reading {
  bool strip_unlikely = true;  // leave out elements whose class or id name boilerplate
  bool weigh_classes = true;   // class and id names add to or take from a container's score
};
constexpr std::array<Reading, 3> kReadings{{{true, true}, {false, true}, {false, false}}};
// An article shorter than this is taken as missed, and the page read again (Readability's
// charThreshold).
constexpr std::size_t kEnoughText = 500;

// Hidden from readers: schema.org copies of the metadata, collapsed menus, icon labels.
bool visible(Node n) {
  if (n.has_attribute("hidden") || n.attribute("aria-hidden") == "true") return false;
  const std::string_view style = n.attribute("style");
  if (style.empty()) return true;
  std::string packed;
  for (const char ch : lower(style)) {
    if (ch != ' ' && ch != '\t' && ch != '\n') packed += ch;
  }
  return packed.find("display:none") == std::string::npos &&
         packed.find("visibility:hidden") == std::string::npos;
}

struct TextSize {
  std::size_t text = 0, commas = 0;
};

TextSize measure(std::string_view text) {
  TextSize t;
  for (const char ch : text) {
    if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') ++t.text;
    if (ch == ',') ++t.commas;
  }
  return t;
}

class Page {
 public:
  Page(Node root, Reading reading) : reading_(reading) { count(root, false); }

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
      const TextSize t = measure(n.text());
      c.text = t.text;
      c.commas = t.commas;
      if (in_link) c.links = c.text;
      return c;
    }
    if (!n.is_element()) return c;
    c.order = next_order_++;
    const Tag tag = n.tag();
    const std::uint8_t marks = marks_of(n);
    const std::string_view role = n.attribute("role");
    const std::string_view itemprop = n.attribute("itemprop");
    c.article_body = itemprop == "articleBody";
    c.byline = (marks & kBylineMark) != 0 || n.attribute("rel") == "author" || itemprop == "author";
    c.class_weight = reading_.weigh_classes ? class_weight(marks, c.article_body) : 0;
    c.skipped = never_content(tag) || !visible(n) || role == "navigation" || role == "menu" ||
                role == "complementary" || role == "dialog" || role == "alert" ||
                (tag != Tag::body && tag != Tag::html && tag != Tag::article && tag != Tag::main &&
                 !c.article_body && reading_.strip_unlikely && (marks & kUnlikelyMark) != 0 &&
                 (marks & kMaybeMark) == 0);
    // Nothing below a left-out element is read: scripts and styles are much of a page's bytes.
    if (c.skipped) {
      counts_[n] = c;
      return c;
    }
    for (Node child : children(n)) {
      const Counts k = count(child, in_link || tag == Tag::a);
      if (k.skipped) continue;
      c.text += k.text;
      c.links += k.links;
      c.commas += k.commas;
      c.has_block = c.has_block || is_block(child.tag());
    }
    // A form is a search box or a sign-up, unless it holds a page's prose: some sites wrap the
    // whole page in one.
    if (tag == Tag::form && c.text < kEnoughText) c.skipped = true;
    counts_[n] = c;
    return c;
  }

  Reading reading_;
  std::size_t next_order_ = 0;
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

// The lines of a container as the renderer writes them: the runs of its text and inline
// children between its blocks and <br>s (left-out elements neither count nor end a line).
// `line(size, first, end)` for each, `end` excluded (null at the container's end).
void for_each_line(Node container, const Page& page,
                   const std::function<void(TextSize, Node, Node)>& line) {
  TextSize run;
  Node first = container.first_child();
  for (Node child = first; child; child = child.next_sibling()) {
    if (child.is_text()) {
      const TextSize t = measure(child.text());
      run.text += t.text;
      run.commas += t.commas;
    } else if (!child.is_element() || !page.known(child) || page.at(child).skipped) {
      continue;
    } else if (child.tag() == Tag::br || is_block(child.tag())) {
      line(run, first, child);
      run = {};
      first = child.next_sibling();
    } else {
      run.text += page.at(child).text;
      run.commas += page.at(child).commas;
    }
  }
  line(run, first, Node());
}

// Readability's scoring: every paragraph-like element gives its ancestors points.
std::unordered_map<Node, double, Node::Hash> score(Node root, const Page& page) {
  std::unordered_map<Node, double, Node::Hash> scores;
  const auto add = [&](Node n, double points) {
    auto [it, fresh] = scores.try_emplace(n, 0.0);
    if (fresh) it->second = tag_weight(n.tag()) + page.at(n).class_weight;
    it->second += points;
  };
  // A paragraph of `size` whose parent is `up` gives points to it and two levels above it.
  const auto paragraph_found = [&](Node up, TextSize size) {
    if (size.text < 25) return;
    const double points = 1.0 + static_cast<double>(size.commas) +
                          std::min(3.0, static_cast<double>(size.text / 100));
    for (int level = 0; up.is_element() && level < 3; ++level, up = up.parent()) {
      add(up, level == 0 ? points : level == 1 ? points / 2 : points / (level * 3));
    }
  };
  for_each_element(root, [&](Node n) {
    if (!page.known(n) || page.at(n).skipped) return false;
    const Tag tag = n.tag();
    const bool paragraph = tag == Tag::p || tag == Tag::pre || tag == Tag::td ||
                           tag == Tag::blockquote ||
                           ((tag == Tag::div || tag == Tag::section) && !page.at(n).has_block);
    if (paragraph) {
      paragraph_found(n.parent(), {page.at(n).text, page.at(n).commas});
    } else if (page.at(n).has_block && tag != Tag::body && tag != Tag::html) {
      // Text written straight into a container beside its blocks (a blog's lines split by
      // <br>, around a picture's <div>) is paragraphs too, as Readability wraps such runs into
      // <p>.
      for_each_line(n, page, [&](TextSize size, Node, Node) { paragraph_found(n, size); });
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
    if (c.text > 0 && page_.link_density(n) > 0.5 && tag != Tag::a &&
        (is_block(tag) || most_of_its_line(n)) && !sentence_around_link(n)) {
      return;
    }
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
  // A paragraph whose link is part of a sentence ("He was convicted and <a>sentenced to
  // life</a>.") rather than a "Read also: <a>…</a>" line.
  bool sentence_around_link(Node n) const {
    const Counts& c = page_.at(n);
    return n.tag() == Tag::p && c.text - c.links >= 25;
  }

  // An inline box of links that is most of its line stands alone ("Lire la suite sur …" in
  // bold), while a bold link opening a list item's sentence is part of that sentence.
  bool most_of_its_line(Node n) const {
    std::size_t line = 0;
    for_each_line(n.parent(), page_, [&](TextSize size, Node first, Node end) {
      for (Node m = first; m != end; m = m.next_sibling()) {
        if (m == n) line = size.text;
      }
    });
    return page_.at(n).text * 2 > line;
  }

  void end_line() {
    if (std::string out = collapse_spaces(line_); !out.empty()) lines_.push_back(std::move(out));
    line_.clear();
  }

  const Page& page_;
  std::string line_;
  std::vector<std::string> lines_;
};

using Scores = std::unordered_map<Node, double, Node::Hash>;

// The best-scoring candidates, best first (ties in document order).
std::vector<std::pair<Node, double>> best_candidates(const Scores& scores, const Page& page) {
  std::vector<std::pair<Node, double>> all(scores.begin(), scores.end());
  const auto better = [&](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second
                                : page.at(a.first).order < page.at(b.first).order;
  };
  const std::size_t keep = std::min<std::size_t>(5, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(),
                    better);
  all.resize(keep);
  return all;
}

bool is_ancestor(Node ancestor, Node n) {
  for (Node up = n.parent(); up.is_element(); up = up.parent()) {
    if (up == ancestor) return true;
  }
  return false;
}

std::size_t element_children(Node n) {
  std::size_t count = 0;
  for (Node child : children(n)) count += child.is_element() ? 1 : 0;
  return count;
}

// Readability's moves from the best candidate to the container of the whole article: an article
// cut into several boxes (cards, one <div> per paragraph group) has several good candidates
// under one ancestor, or ancestors whose score grows as they gather the boxes.
Node article_container(const std::vector<std::pair<Node, double>>& candidates,
                       const Scores& scores) {
  Node top = candidates.front().first;
  const double best = candidates.front().second;
  constexpr std::size_t kAgreeing = 3;
  std::vector<Node> alternatives;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (candidates[i].second >= best * 0.75) alternatives.push_back(candidates[i].first);
  }
  if (alternatives.size() >= kAgreeing) {
    for (Node up = top.parent(); up.is_element() && up.tag() != Tag::body; up = up.parent()) {
      const auto agreeing = std::count_if(alternatives.begin(), alternatives.end(),
                                          [&](Node a) { return is_ancestor(up, a); });
      if (static_cast<std::size_t>(agreeing) >= kAgreeing) {
        top = up;
        break;
      }
    }
  }
  double last = best;
  for (Node up = top.parent(); up.is_element() && up.tag() != Tag::body; up = up.parent()) {
    const auto it = scores.find(up);
    if (it == scores.end()) continue;
    if (it->second < best / 3) break;
    if (it->second > last) {
      top = up;
      break;
    }
    last = it->second;
  }
  while (top.parent().is_element() && top.parent().tag() != Tag::body &&
         element_children(top.parent()) == 1) {
    top = top.parent();
  }
  return top;
}

// A short paragraph that ends a sentence, with no link in it, is prose too.
bool short_sentence(const Page& page, Node n, std::string_view text) {
  return page.at(n).text > 0 && page.at(n).links == 0 &&
         (text.ends_with('.') || text.find(". ") != std::string_view::npos);
}

// An article its template cuts into chunks, each in a grid of its own between ad rails: boxes
// of the top's very class, scoring well, within two levels above it, are the article's too.
void add_chunks(Node top, double threshold, const Scores& scores, const Page& page,
                std::vector<Node>& parts) {
  const std::string_view top_class = top.attribute("class");
  Node above = top.parent().parent();
  if (top_class.empty() || !above.is_element() || above.tag() == Tag::body) return;
  const auto inside_parts = [&](Node n) {
    return std::any_of(parts.begin(), parts.end(),
                       [&](Node p) { return p == n || is_ancestor(p, n) || is_ancestor(n, p); });
  };
  const std::size_t before = parts.size();
  for (const auto& [n, s] : scores) {
    if (s >= threshold && n.attribute("class") == top_class && is_ancestor(above, n) &&
        !inside_parts(n)) {
      parts.push_back(n);
    }
  }
  if (parts.size() == before) return;
  std::sort(parts.begin(), parts.end(),
            [&](Node a, Node b) { return page.at(a).order < page.at(b).order; });
}

// Finds the teasers of an index page under a container: boxes of one kind (tag and class), side
// by side, each holding a headline that is a link (a link of 15 characters or more that is all
// of its block's text), together most of the container's text. A "read also" list inside an
// article is a few such boxes, and a small part of the text.
class ListingFinder {
 public:
  explicit ListingFinder(const Page& page) : page_(page) {}

  bool is_listing(Node container) {
    whole_ = page_.at(container).text;
    visit(container);
    return found_;
  }

 private:
  static constexpr int kTeasers = 4;

  // Whether `n` holds a headline link.
  bool visit(Node n) {
    if (found_ || !n.is_element() || !page_.known(n) || page_.at(n).skipped) return false;
    if (n.tag() == Tag::a) return headline_link(n);
    struct Boxes {
      int count = 0;
      std::size_t text = 0;
    };
    std::map<std::pair<Tag, std::string_view>, Boxes> kinds;
    bool any = false;
    for (Node child : children(n)) {
      if (!visit(child)) continue;
      any = true;
      Boxes& b = kinds[{child.tag(), child.attribute("class")}];
      ++b.count;
      b.text += page_.at(child).text;
      if (b.count >= kTeasers && b.text * 2 >= whole_) found_ = true;
    }
    return any;
  }

  // A link that is all of its block's text: <h2><a>…</a></h2>, not a bold link opening the
  // sentence of a list item.
  bool headline_link(Node a) const {
    if (page_.at(a).text < 15) return false;
    Node block = a.parent();
    while (block.is_element() && !is_block(block.tag())) block = block.parent();
    if (!block.is_element() || !page_.known(block)) return false;
    const Counts& c = page_.at(block);
    return c.links * 10 >= c.text * 9;
  }

  const Page& page_;
  std::size_t whole_ = 0;
  bool found_ = false;
};

ArticleText read_article(Node root, Reading reading) {
  const Page page(root, reading);
  const auto scores = score(root, page);
  if (scores.empty()) return {};
  const Node top = article_container(best_candidates(scores, page), scores);
  if (ListingFinder(page).is_listing(top)) return {.paragraphs = {}, .listing = true};
  const auto top_score = scores.find(top);
  const double best = top_score == scores.end() ? 0 : top_score->second;
  // Siblings that score near the top, or read as prose, belong to the article too.
  Node parent = top.parent();
  std::vector<Node> parts;
  const double threshold = std::max(10.0, best * 0.2);
  if (parent.is_element()) {
    const std::string_view top_class = top.attribute("class");
    for (Node sibling : children(parent)) {
      if (sibling == top) {
        parts.push_back(sibling);
        continue;
      }
      if (!sibling.is_element() || !page.known(sibling) || page.at(sibling).skipped) continue;
      const auto it = scores.find(sibling);
      const double bonus =
          !top_class.empty() && sibling.attribute("class") == top_class ? best * 0.2 : 0;
      const bool near = it != scores.end() && it->second + bonus >= threshold;
      // A paragraph, or one that broken markup left inside a reopened <b> or <span>.
      const Tag tag = sibling.tag();
      const bool paragraph = tag == Tag::p || (!is_block(tag) && page.at(sibling).has_block);
      const std::size_t size = page.at(sibling).text;
      const bool prose =
          paragraph && ((size > 80 && page.link_density(sibling) < 0.25) ||
                        (size <= 80 && short_sentence(page, sibling, text_of(sibling))));
      if (near || prose) parts.push_back(sibling);
    }
  } else {
    parts.push_back(top);
  }
  add_chunks(top, threshold, scores, page, parts);
  Renderer renderer(page);
  for (Node part : parts) renderer.render(part);
  return {.paragraphs = renderer.take(), .listing = false};
}

std::size_t text_size(const std::vector<std::string>& paragraphs) {
  std::size_t bytes = 0;
  for (const auto& p : paragraphs) bytes += p.size();
  return bytes;
}

}  // namespace

ArticleText article_text(Node root) {
  ArticleText longest;
  for (const Reading& reading : kReadings) {
    ArticleText read = read_article(root, reading);
    // A list of teasers is an index page, however the names are read.
    if (read.listing) return read;
    const std::size_t bytes = text_size(read.paragraphs);
    if (bytes >= kEnoughText) return read;
    if (bytes > text_size(longest.paragraphs)) longest = std::move(read);
  }
  return longest;
}

}  // namespace kiosque::archive::html
