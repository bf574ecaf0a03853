// A saved web page read as an article: its declared charset, its text and its metadata.
#pragma once

#include <string>
#include <string_view>

#include "html/html_metadata.h"
#include "kiosque/base/result.h"

namespace kiosque::archive::html {

struct PageArticle {
  // The headline, a blank line, then one paragraph per line: the shape of a text article, so
  // that a page and the same article saved as text normalise to the same bytes.
  std::string text;
  PageMetadata metadata;
  std::string encoding;  // what the page's bytes were ("utf-8", "windows-1252", …)
};

// Whether `raw` is a web page: HTML, or a single-file MHTML page.
bool is_page(std::string_view raw);

// Reads an HTML or MHTML page. Errc::refused when the page holds no article (an index page, an
// error page), with that reason.
Result<PageArticle> read_page(std::string_view raw);

}  // namespace kiosque::archive::html
