// What a web page says about its article, read in order of trust: JSON-LD (NewsArticle and its
// kin), OpenGraph and article: properties, <meta> names (author, description, dc.*, date
// variants), <time datetime>, <link rel=canonical>, <title> without the outlet's suffix, <html
// lang>. A field the first source lacks comes from the next.
#pragma once

#include <optional>
#include <string>

#include "html/html_dom.h"
#include "kiosque/archive/article.h"

namespace kiosque::archive::html {

struct PageMetadata {
  std::string title;  // the headline; empty when the page has none
  std::optional<ArticleDate> published;
  std::string source;  // the publisher or site name
  ArticleMeta meta;
};

PageMetadata read_metadata(Node root);

// "2016-04-17T10:00:00+02:00", "2016-04-17", "2016-04", "2016" as written (no time zone shift:
// the date the outlet printed). nullopt for anything else.
std::optional<ArticleDate> parse_iso_date(std::string_view text);

}  // namespace kiosque::archive::html
