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

// The host of an absolute URL, lower case ("https://Actu.Orange.fr/x" -> "actu.orange.fr"); empty
// for anything else.
std::string host_of(std::string_view url);

// A date as pages write it in their metadata, as written (no time zone shift: the date the
// outlet printed): ISO 8601 ("2016-04-17T10:00:00+02:00", "2016-04-17", "2016-04", "2016"),
// "2016/04/17", "20160417", English ("17 Apr 2016", "April 17, 2016", "Sun Apr 17 2016
// 10:00:00 GMT", "Sun, 17 Apr 2016 10:00:00 +0000") and French ("17 avril 2016",
// "17/04/2016"). Dates after `latest` (YYYYMMDD) or before 1900 are placeholders, not dates:
// nullopt, as for anything else.
std::optional<ArticleDate> parse_page_date(std::string_view text, std::uint32_t latest);

}  // namespace kiosque::archive::html
