// Article-body extraction scored as the public benchmark of news pages scores it
// (github.com/scrapinghub/article-extraction-benchmark: 181 pages of many sites and languages,
// the one where Mozilla Readability's 0.947 F1 is published), so that kiosque's figure sits in
// the same table as the extractors people know.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosque::bench {

// One page's shingle matches, normalised so that every page weighs the same (as evaluate.py).
struct ShingleMatch {
  double tp = 0, fp = 0, fn = 0;
};

// evaluate.py's string_shingle_matching: \w+ tokens (Unicode letters, digits, '_'), joined
// into 4-token shingles counted as multisets.
ShingleMatch shingle_match(std::string_view got, std::string_view want);

struct ExtractionScore {
  std::size_t pages = 0, refused = 0;
  double precision = 0, recall = 0, f1 = 0;  // F1 of the mean precision and mean recall
  double pages_per_second = 0;               // prepare_bytes alone, one thread
  std::vector<std::string> worst;            // "KEY P R" for pages with F1 under 0.8
};

// Reads `folder`/ground-truth.json ({key: {articleBody, url}}) and each page from
// `folder`/html/KEY.html.gz (or KEY.html) through the intake's own prepare_bytes.
ExtractionScore measure_extraction(const std::filesystem::path& folder);

}  // namespace kiosque::bench
