// Small helpers over gumbo's parse tree, the only place the archive touches gumbo's types.
#pragma once

#include <gumbo.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace kiosque::archive::html {

// A parsed document; frees gumbo's tree with it.
class Document {
 public:
  explicit Document(std::string_view utf8);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  const GumboNode* root() const { return output_->root; }

 private:
  GumboOutput* output_;
};

inline bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT; }
// A text node's text (text, CDATA or white space); nullptr for any other node.
inline const char* node_text(const GumboNode* n) {
  const bool text =
      n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE;
  return text ? n->v.text.text : nullptr;
}
// An element's children (none for other nodes).
inline unsigned child_count(const GumboNode* n) {
  return is_element(n) ? n->v.element.children.length : 0;
}
inline const GumboNode* child(const GumboNode* n, unsigned i) {
  return static_cast<const GumboNode*>(n->v.element.children.data[i]);
}
inline GumboTag tag_of(const GumboNode* n) {
  return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}
// The attribute's value, or empty.
std::string_view attribute(const GumboNode* n, const char* name);
// Lower-case ASCII copy.
std::string lower(std::string_view s);
// Every element under `n` (itself included), depth first, in document order; `visit` returns
// false to skip an element's children.
void for_each_element(const GumboNode* n, const std::function<bool(const GumboNode*)>& visit);
// `s` with runs of white space, no-break spaces (U+00A0, U+202F) included, made one space, and
// trimmed.
std::string collapse_spaces(std::string_view s);
// The text under `n`, white space collapsed to single spaces, trimmed; scripts and styles left out.
std::string text_of(const GumboNode* n);
// The raw text inside a <script> or <style> element, as written.
std::string script_text(const GumboNode* n);

}  // namespace kiosque::archive::html
