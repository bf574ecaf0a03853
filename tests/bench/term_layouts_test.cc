// The two ways to meet a word's forms (bench/term_layouts.h), on real articles: both find every
// form of a family, and they differ where the evaluation says they do (`kiosque-bench expansion`
// measures them on the whole corpus).
#include "term_layouts.h"

#include "test_support.h"

using namespace kiosque;
using bench::TermLayout;

namespace {

constexpr std::size_t kArticles = 300;

}  // namespace

TEST_CASE("lemma terms and expanded queries find the same families, expansion reads more terms",
          "[bench][morphology][corpus]") {
  const kiosque::test::TempDir dir;
  const auto files = kiosque::test::corpus_paths(kArticles);
  const auto cases = bench::morphology_cases(files);
  REQUIRE(cases.families.size() >= 100);

  std::map<TermLayout, bench::LayoutBuild> builds;
  std::map<TermLayout, bench::MorphologyScore> scores;
  std::map<TermLayout, double> terms_per_word;
  for (const TermLayout layout :
       {TermLayout::lemmas, TermLayout::lemmas_only, TermLayout::expansion}) {
    const auto db = dir.path() / bench::layout_name(layout);
    builds[layout] = bench::build_layout(files, layout, db);
    bench::LayoutSearch search(db, layout);
    auto score = bench::score_morphology(cases, files.size(), search.as_file_search());
    REQUIRE_OK(score);
    scores[layout] = std::move(*score);
    terms_per_word[layout] = search.terms_per_word();
  }
  for (const auto& [layout, score] : scores) {
    INFO(bench::layout_name(layout) << "\n" << score.report());
    CHECK(score.all.recall() >= 0.99);
    CHECK(score.mrr >= 0.9);
  }
  // The plain folded words are a term per word beside the lemma's.
  CHECK(builds[TermLayout::lemmas_only].terms < builds[TermLayout::lemmas].terms);
  CHECK(builds[TermLayout::lemmas_only].bytes < builds[TermLayout::lemmas].bytes);
  CHECK(terms_per_word[TermLayout::lemmas] == 1.0);
  CHECK(terms_per_word[TermLayout::expansion] > 5.0);
  // Folded forms meet where accents kept lemmas apart (`dû` is `du`, `sûr` is `sur`).
  CHECK(scores[TermLayout::expansion].all.outside_share() >
        scores[TermLayout::lemmas].all.outside_share());
  // `devoir` expanded reads `du`: the article finds it.
  bench::LayoutSearch expansion(dir.path() / "expansion", TermLayout::expansion);
  bench::LayoutSearch lemmas(dir.path() / "lemmas", TermLayout::lemmas);
  CHECK(expansion.search("devoir", files.size()).size() >
        lemmas.search("devoir", files.size()).size());
}
