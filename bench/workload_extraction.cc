// extraction: the public benchmark of news pages of many sites and languages
// (--extraction DIR, a clone of github.com/scrapinghub/article-extraction-benchmark), scored
// as its evaluate.py scores the extractors in its table.
#include <fmt/format.h>

#include "extraction_benchmark.h"
#include "workloads.h"

namespace kiosque::bench {

nlohmann::json run_extraction(BenchContext& context) {
  const auto& folder = context.settings.extraction_corpus;
  if (folder.empty()) {
    context.say(
        "extraction: skipped (give --extraction DIR, a clone of "
        "https://github.com/scrapinghub/article-extraction-benchmark)");
    return {{"skipped", "no --extraction folder"}};
  }
  context.say(fmt::format("extraction: the pages of {}", folder.string()));
  const ExtractionScore s = measure_extraction(folder);
  return {{"pages", s.pages},         {"refused", s.refused}, {"f1", s.f1},
          {"precision", s.precision}, {"recall", s.recall},   {"pages_per_s", s.pages_per_second},
          {"below_0_8", s.worst}};
}

}  // namespace kiosque::bench
