// The public extraction benchmark's metric, as its evaluate.py computes it, and the workload on a
// small benchmark folder of our own pages (one of them gzipped, as the benchmark ships them).
#include "extraction_benchmark.h"

#include <zlib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

using kiosque::bench::measure_extraction;
using kiosque::bench::shingle_match;
using kiosque::test::read_file;
using kiosque::test::TempDir;

namespace {

std::filesystem::path page(const std::string& name) {
  return std::filesystem::path(KIOSQUE_SOURCE_DIR) / "tests" / "data" / "html" / name;
}

}  // namespace

TEST_CASE("shingles are four \\w+ tokens, each page's counts normalised", "[bench][html]") {
  const auto same = shingle_match("Un deux, trois quatre cinq.", "un deux trois quatre cinq");
  // Case counts, punctuation does not: "Un" is not "un".
  CHECK(same.tp == Approx(1.0 / 3.0));
  const auto exact = shingle_match("l’appel de Goïta à Poutine", "l'appel de Goïta à Poutine");
  CHECK(exact.tp == Approx(1.0));
  CHECK(exact.fp == 0);
  // Fewer than four tokens make one shorter shingle; nothing against something is all misses.
  CHECK(shingle_match("deux mots", "deux mots").tp == Approx(1.0));
  const auto missed = shingle_match("", "a b c d e");
  CHECK(missed.tp == 0);
  CHECK(missed.fn == Approx(1.0));
  const auto extra = shingle_match("a b c d e f", "a b c d e");
  CHECK(extra.tp == Approx(2.0 / 3.0));
  CHECK(extra.fp == Approx(1.0 / 3.0));
}

TEST_CASE("the extraction benchmark reads ground-truth.json and plain or gzipped pages",
          "[bench][html]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "html");
  std::filesystem::copy_file(page("blog-br.html"), dir / "html" / "blog.html");
  {
    const std::string cards = read_file(page("cards.html"));
    gzFile out = gzopen((dir / "html" / "cards.html.gz").c_str(), "wb");
    REQUIRE(out != nullptr);
    REQUIRE(gzwrite(out, cards.data(), static_cast<unsigned>(cards.size())) ==
            static_cast<int>(cards.size()));
    gzclose(out);
  }
  const nlohmann::json truth{
      {"blog",
       {{"articleBody",
         "Les trois cents chalets du marché de Noël de Strasbourg ouvriront vendredi, avec des "
         "contrôles renforcés aux entrées du centre-ville.\n\nLa ville attend plus de deux "
         "millions de visiteurs en cinq semaines, un chiffre comparable à celui de l'an dernier."
         "\n\nLes artisans alsaciens occupent cette année la moitié des emplacements, contre un "
         "tiers il y a dix ans, a précisé l'adjointe au commerce.\n\nLe grand sapin, un épicéa de "
         "trente mètres venu des Vosges, sera illuminé samedi à la tombée de la nuit."}}},
      {"cards", {{"articleBody", "Un tout autre article, sans un mot en commun avec la page."}}}};
  std::ofstream(dir / "ground-truth.json") << truth.dump();

  const auto score = measure_extraction(dir.path());
  CHECK(score.pages == 2);
  CHECK(score.refused == 0);
  // The blog is read exactly; the cards page shares nothing with its "truth".
  CHECK(score.precision == Approx(0.5));
  CHECK(score.recall == Approx(0.5));
  CHECK(score.f1 == Approx(0.5));
  REQUIRE(score.worst.size() == 1);
  CHECK_THAT(score.worst[0], Catch::StartsWith("cards P 0.00"));
}
