#include "html/html_dom.h"

#include <myhtml/api.h>

#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kiosque::archive::html {

namespace {

// A tree that held a page larger than this is let go rather than kept for the next page.
constexpr std::size_t kKeepTreeBelow = 1u << 20;

// One parser per thread, made on first use, and trees kept for the thread's next documents:
// myhtml's parser is reusable but not shareable between threads, and a tree that has already
// grown its pools parses a page four times faster than a new one (300 fr-html pages: 76 ms
// against 317 ms). Two are kept: a page's, and one for the small documents read while the page
// is open (decode_references).
class ThreadParser {
 public:
  ThreadParser() : myhtml_(myhtml_create()) {
    if (myhtml_ == nullptr ||
        myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      throw std::runtime_error("the HTML parser could not be set up");
    }
  }
  ~ThreadParser() {
    for (myhtml_tree_t* tree : kept_) myhtml_tree_destroy(tree);
    myhtml_destroy(myhtml_);
  }
  ThreadParser(const ThreadParser&) = delete;
  ThreadParser& operator=(const ThreadParser&) = delete;

  // A kept tree, cleaned, or a new one when all are lent out.
  myhtml_tree_t* lend() {
    myhtml_tree_t* tree = nullptr;
    if (kept_.empty()) {
      tree = new_tree();
    } else {
      tree = kept_.back();
      kept_.pop_back();
    }
    myhtml_tree_clean(tree);
    return tree;
  }
  void give_back(myhtml_tree_t* tree, std::size_t page_bytes) {
    if (kept_.size() < kKeptTrees && page_bytes < kKeepTreeBelow) {
      kept_.push_back(tree);
    } else {
      myhtml_tree_destroy(tree);
    }
  }

 private:
  myhtml_tree_t* new_tree() {
    myhtml_tree_t* tree = myhtml_tree_create();
    if (tree == nullptr || myhtml_tree_init(tree, myhtml_) != MyHTML_STATUS_OK) {
      if (tree != nullptr) myhtml_tree_destroy(tree);
      throw std::runtime_error("the HTML parser ran out of memory");
    }
    return tree;
  }

  myhtml_t* myhtml_;
  static constexpr std::size_t kKeptTrees = 2;
  std::vector<myhtml_tree_t*> kept_;
};

ThreadParser& thread_parser() {
  thread_local ThreadParser parser;
  return parser;
}

constexpr std::array kTags{
    std::pair{MyHTML_TAG_A, Tag::a},
    std::pair{MyHTML_TAG_ADDRESS, Tag::address},
    std::pair{MyHTML_TAG_ARTICLE, Tag::article},
    std::pair{MyHTML_TAG_ASIDE, Tag::aside},
    std::pair{MyHTML_TAG_AUDIO, Tag::audio},
    std::pair{MyHTML_TAG_BLOCKQUOTE, Tag::blockquote},
    std::pair{MyHTML_TAG_BODY, Tag::body},
    std::pair{MyHTML_TAG_BR, Tag::br},
    std::pair{MyHTML_TAG_BUTTON, Tag::button},
    std::pair{MyHTML_TAG_CANVAS, Tag::canvas},
    std::pair{MyHTML_TAG_DD, Tag::dd},
    std::pair{MyHTML_TAG_DIV, Tag::div},
    std::pair{MyHTML_TAG_DL, Tag::dl},
    std::pair{MyHTML_TAG_DT, Tag::dt},
    std::pair{MyHTML_TAG_EMBED, Tag::embed},
    std::pair{MyHTML_TAG_FIGCAPTION, Tag::figcaption},
    std::pair{MyHTML_TAG_FIGURE, Tag::figure},
    std::pair{MyHTML_TAG_FOOTER, Tag::footer},
    std::pair{MyHTML_TAG_FORM, Tag::form},
    std::pair{MyHTML_TAG_H1, Tag::h1},
    std::pair{MyHTML_TAG_H2, Tag::h2},
    std::pair{MyHTML_TAG_H3, Tag::h3},
    std::pair{MyHTML_TAG_H4, Tag::h4},
    std::pair{MyHTML_TAG_H5, Tag::h5},
    std::pair{MyHTML_TAG_H6, Tag::h6},
    std::pair{MyHTML_TAG_HEAD, Tag::head},
    std::pair{MyHTML_TAG_HEADER, Tag::header},
    std::pair{MyHTML_TAG_HR, Tag::hr},
    std::pair{MyHTML_TAG_HTML, Tag::html},
    std::pair{MyHTML_TAG_IFRAME, Tag::iframe},
    std::pair{MyHTML_TAG_INPUT, Tag::input},
    std::pair{MyHTML_TAG_LI, Tag::li},
    std::pair{MyHTML_TAG_LINK, Tag::link},
    std::pair{MyHTML_TAG_MAIN, Tag::main},
    std::pair{MyHTML_TAG_MATH, Tag::math},
    std::pair{MyHTML_TAG_META, Tag::meta},
    std::pair{MyHTML_TAG_NAV, Tag::nav},
    std::pair{MyHTML_TAG_NOSCRIPT, Tag::noscript},
    std::pair{MyHTML_TAG_OBJECT, Tag::object},
    std::pair{MyHTML_TAG_OL, Tag::ol},
    std::pair{MyHTML_TAG_P, Tag::p},
    std::pair{MyHTML_TAG_PRE, Tag::pre},
    std::pair{MyHTML_TAG_SCRIPT, Tag::script},
    std::pair{MyHTML_TAG_SECTION, Tag::section},
    std::pair{MyHTML_TAG_SELECT, Tag::select},
    std::pair{MyHTML_TAG_STYLE, Tag::style},
    std::pair{MyHTML_TAG_SVG, Tag::svg},
    std::pair{MyHTML_TAG_TABLE, Tag::table},
    std::pair{MyHTML_TAG_TD, Tag::td},
    std::pair{MyHTML_TAG_TEMPLATE, Tag::template_},
    std::pair{MyHTML_TAG_TEXTAREA, Tag::textarea},
    std::pair{MyHTML_TAG_TH, Tag::th},
    std::pair{MyHTML_TAG_TIME, Tag::time},
    std::pair{MyHTML_TAG_TITLE, Tag::title},
    std::pair{MyHTML_TAG_TR, Tag::tr},
    std::pair{MyHTML_TAG_UL, Tag::ul},
    std::pair{MyHTML_TAG_VIDEO, Tag::video},
};

// myhtml's tag ids (below MyHTML_TAG_LAST_ENTRY; custom elements get ids above it) to ours.
constexpr std::array<Tag, MyHTML_TAG_LAST_ENTRY> kTagOfId = [] {
  std::array<Tag, MyHTML_TAG_LAST_ENTRY> table{};
  for (const auto& [id, tag] : kTags) table[id] = tag;
  return table;
}();

bool is_node_kind(myhtml_tag_id_t id) {
  return id == MyHTML_TAG__UNDEF || id == MyHTML_TAG__TEXT || id == MyHTML_TAG__COMMENT ||
         id == MyHTML_TAG__DOCTYPE || id == MyHTML_TAG__END_OF_FILE;
}

void append_text(Node n, std::string& out) {
  if (n.is_text()) {
    out += n.text();
    out += ' ';
    return;
  }
  const Tag tag = n.tag();
  if (tag == Tag::script || tag == Tag::style || tag == Tag::noscript) return;
  for (Node c : children(n)) append_text(c, out);
}

}  // namespace

bool Node::is_element() const {
  return node_ != nullptr && !is_node_kind(myhtml_node_tag_id(node_));
}

bool Node::is_text() const {
  return node_ != nullptr && myhtml_node_tag_id(node_) == MyHTML_TAG__TEXT;
}

std::string_view Node::text() const {
  if (!is_text()) return {};
  std::size_t length = 0;
  const char* text = myhtml_node_text(node_, &length);
  return text != nullptr ? std::string_view(text, length) : std::string_view();
}

Tag Node::tag() const {
  if (!is_element()) return Tag::other;
  const myhtml_tag_id_t id = myhtml_node_tag_id(node_);
  if (id >= MyHTML_TAG_LAST_ENTRY) return Tag::other;
  const Tag tag = kTagOfId[id];
  // SVG's and MathML's own <title>, <a>, <style>… are not the page's.
  if (myhtml_node_namespace(node_) != MyHTML_NAMESPACE_HTML && tag != Tag::svg && tag != Tag::math)
    return Tag::other;
  return tag;
}

std::string_view Node::attribute(std::string_view name) const {
  if (!is_element()) return {};
  myhtml_tree_attr_t* a = myhtml_attribute_by_key(node_, name.data(), name.size());
  if (a == nullptr) return {};
  std::size_t length = 0;
  const char* value = myhtml_attribute_value(a, &length);
  return value != nullptr ? std::string_view(value, length) : std::string_view();
}

bool Node::has_attribute(std::string_view name) const {
  return is_element() && myhtml_attribute_by_key(node_, name.data(), name.size()) != nullptr;
}

Node Node::parent() const { return Node(node_ != nullptr ? myhtml_node_parent(node_) : nullptr); }

Node Node::first_child() const {
  return Node(node_ != nullptr ? myhtml_node_child(node_) : nullptr);
}

Node Node::next_sibling() const {
  return Node(node_ != nullptr ? myhtml_node_next(node_) : nullptr);
}

Document::Document(std::string_view utf8) : tree_(thread_parser().lend()), bytes_(utf8.size()) {
  if (myhtml_parse(tree_, MyENCODING_UTF_8, utf8.data(), utf8.size()) != MyHTML_STATUS_OK) {
    myhtml_tree_destroy(tree_);
    throw std::runtime_error("the HTML parser ran out of memory");
  }
}

Document::~Document() { thread_parser().give_back(tree_, bytes_); }

Node Document::root() const { return Node(myhtml_tree_get_node_html(tree_)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void for_each_element(Node n, const std::function<bool(Node)>& visit) {
  if (!n.is_element()) return;
  if (!visit(n)) return;
  for (Node c : children(n)) for_each_element(c, visit);
}

std::string script_text(Node n) {
  std::string out;
  for (Node c : children(n)) out += c.text();
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t skip = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') skip = 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) skip = 2;
    if (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\xAF") skip = 3;
    if (skip > 0) {
      space = !out.empty();
      i += skip - 1;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string decode_references(std::string_view s) {
  const auto amp = s.find('&');
  if (amp == std::string_view::npos || s.find(';', amp) == std::string_view::npos) {
    return std::string(s);
  }
  // <title> holds text, not markup (RCDATA): only references are read, and a "<" stays a "<"
  // unless it would close the element.
  std::string page = "<title>";
  for (const char c : s) page += c == '<' ? std::string("&lt;") : std::string(1, c);
  page += "</title>";
  const Document document(page);
  std::string out;
  for_each_element(document.root(), [&](Node n) {
    if (n.tag() == Tag::title) out = script_text(n);
    return out.empty();
  });
  return out;
}

std::string text_of(Node n) {
  std::string raw;
  append_text(n, raw);
  return collapse_spaces(raw);
}

}  // namespace kiosque::archive::html
