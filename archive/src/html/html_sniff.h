// Telling a web page from plain text, and finding the charset a page declares, from its bytes,
// before any decoding (the HTML standard's prescan, in part).
#pragma once

#include <string>
#include <string_view>

namespace kiosque::archive::html {

// True when the first markup, after a byte-order mark, white space, an XML declaration and
// comments, is `<!DOCTYPE html`, `<html`, `<head`, `<body` or `<meta` (any case).
bool looks_like_html(std::string_view bytes);

// The charset named by a `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
// charset=…">` in the first 4 KiB, lower-cased; empty when none.
std::string declared_charset(std::string_view bytes);

// How deep the page's elements nest, estimated from its tags without parsing (elements that
// close themselves, such as <p> and <li>, are not counted). An HTML5 parser's time grows with
// the square of the depth: a page nested tens of thousands deep is refused before parsing.
std::size_t nesting_depth(std::string_view bytes);

}  // namespace kiosque::archive::html
