#include "html/html_page.h"

#include <fmt/format.h>

#include "html/html_content.h"
#include "html/html_sniff.h"
#include "html/mhtml.h"
#include "kiosque/archive/decoder.h"

namespace kiosque::archive::html {

namespace {

// Less article text than this is a page without an article: a menu, an index, an error page.
constexpr std::size_t kMinArticleBytes = 200;
// Deeper than any real page (they nest a few dozen levels), shallow enough that parsing stays fast
// and the tree walks stay far from the stack's end.
constexpr std::size_t kMaxNesting = 5000;

// `declared`: the charset a MIME part names, which wins over the page's own <meta>.
Result<PageArticle> read_html(std::string_view raw, std::string declared, std::string_view kind) {
  if (const std::size_t depth = nesting_depth(raw); depth > kMaxNesting) {
    return fail(Errc::refused, fmt::format("a web page nested {} elements deep, more than the {} "
                                           "kiosque reads",
                                           depth, kMaxNesting));
  }
  if (declared.empty()) declared = declared_charset(raw);
  auto decoded = decode_text(raw, declared);
  if (!decoded) return propagate(decoded);
  const Document document(decoded->utf8);
  PageArticle page;
  page.metadata = read_metadata(document.root());
  page.encoding = fmt::format("{} ({})", decoded->encoding, kind);
  ArticleText article = article_text(document.root());
  if (article.listing) {
    return fail(Errc::refused, "a web page listing other articles (an index page), not an article");
  }
  std::vector<std::string>& paragraphs = article.paragraphs;
  // The headline is the title line, not a paragraph.
  if (!paragraphs.empty() && paragraphs.front() == page.metadata.title) {
    paragraphs.erase(paragraphs.begin());
  }
  std::size_t bytes = 0;
  for (const auto& p : paragraphs) bytes += p.size();
  if (bytes < kMinArticleBytes) {
    return fail(Errc::refused, paragraphs.empty()
                                   ? "a web page without an article in it"
                                   : "a web page with too little article text (an index or error "
                                     "page?)");
  }
  if (!page.metadata.title.empty()) page.text = page.metadata.title + "\n\n";
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i != 0) page.text += '\n';
    page.text += paragraphs[i];
  }
  return page;
}

}  // namespace

bool is_page(std::string_view raw) { return looks_like_html(raw) || looks_like_mhtml(raw); }

Result<PageArticle> read_page(std::string_view raw) {
  if (!looks_like_mhtml(raw)) return read_html(raw, {}, "HTML");
  auto part = mhtml_page(raw);
  if (!part) return fail(Errc::refused, "a single-file web page (MHTML) without an HTML part");
  return read_html(part->html, part->charset, "MHTML");
}

}  // namespace kiosque::archive::html
