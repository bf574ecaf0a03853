// The article's text in a web page, found by content scoring in the manner of Mozilla's
// Readability: paragraphs (and text runs written straight into a container) score by length and
// commas, their ancestors gather the scores, class and id names and schema.org's articleBody
// weigh in, link density counts against; the best container, moved up to the ancestor that
// gathers an article cut into boxes, with its siblings that score near it, is the article.
// Navigation, scripts, hidden elements, search and sign-up forms, share and "read also" boxes,
// comments and bylines are left out. A page whose article comes out shorter than 500 bytes is
// read again with the class-name rules relaxed, as Readability does. No rule belongs to one site.
#pragma once

#include <string>
#include <vector>

#include "html/html_dom.h"

namespace kiosque::archive::html {

struct ArticleText {
  // The article's paragraphs in order (block elements split paragraphs, <br> splits lines within
  // one), white space collapsed; empty when the page holds no article.
  std::vector<std::string> paragraphs;
  // The best container is a list of teasers (four or more boxes of one kind, each led by a
  // headline that is a link, making up most of its text): an index page, not an article.
  bool listing = false;
};

ArticleText article_text(Node root);

}  // namespace kiosque::archive::html
