#include "html/html_dom.h"

namespace kiosque::archive::html {

namespace {

void append_text(const GumboNode* n, std::string& out) {
  if (const char* text = node_text(n)) {
    out += text;
    out += ' ';
    return;
  }
  const GumboTag tag = tag_of(n);
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) return;
  for (unsigned i = 0; i < child_count(n); ++i) append_text(child(n, i), out);
}

}  // namespace

Document::Document(std::string_view utf8)
    : output_(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size())) {}

Document::~Document() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }

std::string_view attribute(const GumboNode* n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void for_each_element(const GumboNode* n, const std::function<bool(const GumboNode*)>& visit) {
  if (!is_element(n)) return;
  if (!visit(n)) return;
  for (unsigned i = 0; i < child_count(n); ++i) for_each_element(child(n, i), visit);
}

std::string script_text(const GumboNode* n) {
  std::string out;
  for (unsigned i = 0; i < child_count(n); ++i) {
    if (const char* text = node_text(child(n, i))) out += text;
  }
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

std::string text_of(const GumboNode* n) {
  std::string raw;
  append_text(n, raw);
  return collapse_spaces(raw);
}

}  // namespace kiosque::archive::html
