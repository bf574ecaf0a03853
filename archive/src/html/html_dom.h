// A parsed web page as the rest of the archive reads it: elements, text, attributes, and the
// tags that matter to it. The only place that knows the HTML parser, myhtml (Debian's
// libmodest-dev): a full HTML5 tree builder, ten times faster than gumbo on the same pages (see
// archive/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

struct myhtml_tree;
struct myhtml_tree_node;

namespace kiosque::archive::html {

// The HTML elements the archive tells apart; any other element (an SVG or MathML child, a
// custom element) is `other`. h1 to h6 are consecutive.
enum class Tag : std::uint8_t {
  other,
  a,
  address,
  article,
  aside,
  audio,
  blockquote,
  body,
  br,
  button,
  canvas,
  dd,
  div,
  dl,
  dt,
  embed,
  figcaption,
  figure,
  footer,
  form,
  h1,
  h2,
  h3,
  h4,
  h5,
  h6,
  head,
  header,
  hr,
  html,
  iframe,
  input,
  li,
  link,
  main,
  math,
  meta,
  nav,
  noscript,
  object,
  ol,
  p,
  pre,
  script,
  section,
  select,
  style,
  svg,
  table,
  td,
  template_,
  textarea,
  th,
  time,
  title,
  tr,
  ul,
  video,
};

// A node of a Document: an element, a text, or another kind (a comment, the document itself).
// A small handle, valid while its Document lives; a null Node is false.
class Node {
 public:
  Node() = default;
  explicit operator bool() const { return node_ != nullptr; }
  bool is_element() const;
  bool is_text() const;
  // A text node's text, character references decoded; empty for any other node.
  std::string_view text() const;
  // An element's tag; Tag::other for other nodes.
  Tag tag() const;
  // The attribute's value (decoded), or empty when absent or valueless.
  std::string_view attribute(std::string_view name) const;
  bool has_attribute(std::string_view name) const;
  Node parent() const;
  Node first_child() const;
  Node next_sibling() const;

  friend bool operator==(Node a, Node b) { return a.node_ == b.node_; }
  struct Hash {
    std::size_t operator()(Node n) const { return std::hash<const void*>()(n.node_); }
  };

 private:
  friend class Document;
  explicit Node(myhtml_tree_node* node) : node_(node) {}
  myhtml_tree_node* node_ = nullptr;
};

// An element's children, in order: `for (Node c : children(n))`.
class Children {
 public:
  class iterator {
   public:
    explicit iterator(Node n) : n_(n) {}
    Node operator*() const { return n_; }
    iterator& operator++() {
      n_ = n_.next_sibling();
      return *this;
    }
    bool operator!=(const iterator& o) const { return !(n_ == o.n_); }

   private:
    Node n_;
  };
  explicit Children(Node parent) : first_(parent.first_child()) {}
  iterator begin() const { return iterator(first_); }
  iterator end() const { return iterator(Node()); }

 private:
  Node first_;
};
inline Children children(Node n) { return Children(n); }

// A parsed document (UTF-8 in). Parsing never fails on markup, however broken; it throws
// std::runtime_error only when the parser cannot allocate. Not thread-safe: a document is made,
// read and destroyed on one thread (it borrows that thread's parser); documents on different
// threads are independent.
class Document {
 public:
  explicit Document(std::string_view utf8);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  // The <html> element (the tree builder always makes one).
  Node root() const;

 private:
  myhtml_tree* tree_;
  std::size_t bytes_;
};

// Lower-case ASCII copy.
std::string lower(std::string_view s);
// Every element under `n` (itself included), depth first, in document order; `visit` returns
// false to skip an element's children.
void for_each_element(Node n, const std::function<bool(Node)>& visit);
// `s` with runs of white space, no-break spaces (U+00A0, U+202F) included, made one space, and
// trimmed.
std::string collapse_spaces(std::string_view s);
// The text under `n`, white space collapsed to single spaces, trimmed; scripts and styles left out.
std::string text_of(Node n);
// The raw text inside a <script> or <style> element, as written.
std::string script_text(Node n);
// `s` with the character references it still holds (&amp;, &#8220;, &nbsp;) decoded as the
// HTML5 parser decodes text: metadata that a site escaped twice ("&amp;#8220;" in og:title)
// comes out of the parse with references left in it.
std::string decode_references(std::string_view s);

}  // namespace kiosque::archive::html
