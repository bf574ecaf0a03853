// The morphology evaluation (bench/morphology_cases.h) through kiosque, on 1,500 fr-news
// articles: a search for a French word finds its inflected forms and little else, and an article
// is found from a few remembered words in other forms. `kiosque-bench morphology` runs the same
// cases through omindex and Recoll.
#include "morphology_cases.h"
#include "test_support.h"

using namespace kiosque;

namespace {

constexpr std::size_t kArticles = 1500;

struct Evaluated {
  kiosque::test::TempDir dir;
  std::vector<std::filesystem::path> files = kiosque::test::corpus_paths(kArticles);
  bench::MorphologyCases cases;
  bench::MorphologyScore score;
  Evaluated() {
    cases = bench::morphology_cases(files);
    auto search = bench::kiosque_file_search(files, dir.path() / "data");
    REQUIRE_OK(search);
    auto scored = bench::score_morphology(cases, files.size(), *search);
    REQUIRE_OK(scored);
    score = std::move(*scored);
    WARN(score.report());
  }
};

}  // namespace

TEST_CASE("French words find their inflected forms, little else, and the articles remembered",
          "[bench][morphology][corpus]") {
  const Evaluated e;
  CHECK(e.cases.families.size() >= 180);
  CHECK(e.score.named.lemmas >= 10);
  // Families and lexicon come from one dictionary: nothing between them may lose a form.
  CHECK(e.score.all.recall() >= 0.99);
  CHECK(e.score.verbs.recall() >= 0.99);
  CHECK(e.score.named.recall() >= 0.99);
  CHECK(e.score.all.outside_share() <= 0.01);
  CHECK(e.score.known_items >= 100);
  CHECK(e.score.other_forms >= e.score.known_items / 3);
  CHECK(e.score.mrr >= 0.95);
}
