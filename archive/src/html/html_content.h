// The article's text in a web page, found by content scoring in the manner of Mozilla's
// Readability: paragraphs score by length and commas, their ancestors gather the scores,
// class and id names and schema.org's articleBody weigh in, link density counts against, and the
// best container (with its siblings that score near it) is the article. Navigation, scripts,
// forms, share and "read also" boxes, comments and bylines are left out. No rule belongs to one
// site.
#pragma once

#include <string>
#include <vector>

#include "html/html_dom.h"

namespace kiosque::archive::html {

// The article's paragraphs in order (block elements split paragraphs, <br> splits lines within
// one), white space collapsed; empty when the page holds no article.
std::vector<std::string> article_paragraphs(Node root);

}  // namespace kiosque::archive::html
