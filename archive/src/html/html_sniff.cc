#include "html/html_sniff.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "html/html_dom.h"

namespace kiosque::archive::html {

namespace {

// The first bytes looked at: a page declares its charset at the top of its head.
constexpr std::size_t kPrescan = 4096;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

// One `<meta …>` tag's attributes, read as the HTML tokenizer reads them: names lower-cased,
// values quoted with ' or " or bare up to white space or '>'.
struct Attribute {
  std::string name, value;
};

std::optional<Attribute> next_attribute(std::string_view& s) {
  while (!s.empty() && (blank(s.front()) || s.front() == '/')) s.remove_prefix(1);
  if (s.empty() || s.front() == '>') return std::nullopt;
  Attribute a;
  while (!s.empty() && !blank(s.front()) && s.front() != '=' && s.front() != '>' &&
         s.front() != '/') {
    a.name += s.front();
    s.remove_prefix(1);
  }
  a.name = lower(a.name);
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  if (s.empty() || s.front() != '=') return a;
  s.remove_prefix(1);
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  if (!s.empty() && (s.front() == '"' || s.front() == '\'')) {
    const char quote = s.front();
    s.remove_prefix(1);
    const auto end = s.find(quote);
    a.value = std::string(s.substr(0, end));
    s.remove_prefix(end == std::string_view::npos ? s.size() : end + 1);
  } else {
    while (!s.empty() && !blank(s.front()) && s.front() != '>') {
      a.value += s.front();
      s.remove_prefix(1);
    }
  }
  return a;
}

// "text/html; charset=ISO-8859-1" -> "iso-8859-1".
std::string charset_in_content(std::string_view content) {
  const std::string low = lower(content);
  const auto at = low.find("charset");
  if (at == std::string::npos) return {};
  std::string_view rest = std::string_view(low).substr(at + 7);
  while (!rest.empty() && blank(rest.front())) rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '=') return {};
  rest.remove_prefix(1);
  while (!rest.empty() && (blank(rest.front()) || rest.front() == '"' || rest.front() == '\'')) {
    rest.remove_prefix(1);
  }
  std::string out;
  for (const char c : rest) {
    if (blank(c) || c == ';' || c == '"' || c == '\'') break;
    out += c;
  }
  return out;
}

}  // namespace

std::size_t nesting_depth(std::string_view s) {
  constexpr std::array<std::string_view, 23> kNoDepth{
      "area", "base", "br",    "col",    "embed", "hr",     "img",  "input",
      "link", "meta", "param", "source", "track", "wbr",    "p",    "li",
      "dt",   "dd",   "tr",    "td",     "th",    "option", "image"};
  std::size_t depth = 0, deepest = 0;
  std::size_t at = 0;
  while ((at = s.find('<', at)) != std::string_view::npos) {
    std::string_view rest = s.substr(at + 1);
    if (rest.starts_with("!--")) {
      const auto end = s.find("-->", at + 4);
      if (end == std::string_view::npos) break;
      at = end + 3;
      continue;
    }
    if (rest.starts_with("/")) {
      if (depth > 0) --depth;
      at += 2;
      continue;
    }
    if (rest.empty() || !std::isalpha(static_cast<unsigned char>(rest.front()))) {
      ++at;
      continue;
    }
    std::size_t n = 0;
    while (n < rest.size() && std::isalnum(static_cast<unsigned char>(rest[n]))) ++n;
    const std::string name = lower(rest.substr(0, n));
    const auto close = s.find('>', at);
    if (close == std::string_view::npos) break;
    const bool self_closing = close > 0 && s[close - 1] == '/';
    at = close + 1;
    if (name == "script" || name == "style") {
      // Their content is text, not tags: skip to their end tag, in any case.
      std::size_t end = at;
      while ((end = s.find("</", end)) != std::string_view::npos &&
             !starts_with_nocase(s.substr(end + 2), name)) {
        end += 2;
      }
      // Past the end tag too: the script's start tag added no depth for it to take away.
      const auto close_of_end = end == std::string_view::npos ? end : s.find('>', end);
      at = close_of_end == std::string_view::npos ? s.size() : close_of_end + 1;
      continue;
    }
    if (self_closing || std::find(kNoDepth.begin(), kNoDepth.end(), name) != kNoDepth.end()) {
      continue;
    }
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

bool looks_like_html(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  for (;;) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    if (s.starts_with("<!--")) {
      const auto end = s.find("-->");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 3);
      continue;
    }
    if (s.starts_with("<?xml")) {
      const auto end = s.find("?>");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 2);
      continue;
    }
    break;
  }
  constexpr std::array<std::string_view, 5> openings{"<!doctype html", "<html", "<head", "<body",
                                                     "<meta"};
  return std::any_of(openings.begin(), openings.end(), [&](std::string_view o) {
    return starts_with_nocase(s, o) &&
           (s.size() == o.size() || blank(s[o.size()]) || s[o.size()] == '>' || s[o.size()] == '/');
  });
}

std::string declared_charset(std::string_view bytes) {
  std::string_view s = bytes.substr(0, kPrescan);
  for (auto at = s.find('<'); at != std::string_view::npos; at = s.find('<')) {
    s.remove_prefix(at + 1);
    if (!starts_with_nocase(s, "meta") || s.size() < 5 || !(blank(s[4]) || s[4] == '/')) continue;
    std::string_view tag = s.substr(4);
    std::string charset, content;
    bool http_equiv = false;
    while (auto a = next_attribute(tag)) {
      if (a->name == "charset") charset = lower(a->value);
      if (a->name == "http-equiv" && lower(a->value) == "content-type") http_equiv = true;
      if (a->name == "content") content = a->value;
    }
    if (!charset.empty()) return charset;
    if (http_equiv) {
      if (auto named = charset_in_content(content); !named.empty()) return named;
    }
  }
  return {};
}

}  // namespace kiosque::archive::html
