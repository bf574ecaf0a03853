// The web-pages issue's targets on ../shared/corpus/fr-html, measured by the bench's own
// measure_html (the intake's prepare_bytes on every page): body token F1, exact titles and dates.
#include "html_quality.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "test_support.h"

using kiosque::bench::measure_html;
using kiosque::bench::token_f1;
using kiosque::test::shared_dir;

TEST_CASE("token F1 counts shared words as multisets", "[bench][html]") {
  CHECK(token_f1("a b c", "a b c") == 1.0);
  CHECK(token_f1("", "") == 1.0);
  CHECK(token_f1("a", "") == 0.0);
  CHECK(token_f1("a a b", "a b b") == Approx(2.0 / 3.0));
}

TEST_CASE("fr-html pages: body token F1, exact titles and dates meet the targets",
          "[bench][html][corpus]") {
  const auto pages = shared_dir() / "corpus" / "fr-html";
  if (!std::filesystem::exists(pages / "truth.jsonl")) {
    kiosque::test::skip_test("../shared/corpus/fr-html is not there");
  }
  const auto q = measure_html(pages, shared_dir() / "corpus" / "fr-news");
  WARN(
      fmt::format("{} pages: body token F1 {:.4f}, titles {}, dates {}, same id as the text {}, "
                  "{:.0f} pages/s; refused or below 0.9: {}",
                  q.pages, q.mean_f1, q.exact_titles, q.exact_dates, q.same_id_as_text,
                  q.pages_per_second, fmt::join(q.worst, ", ")));
  CHECK(q.pages == 300);
  CHECK(q.refused == 0);
  CHECK(q.mean_f1 >= 0.97);
  CHECK(q.exact_titles >= 297);
  CHECK(q.exact_dates >= 297);
}
