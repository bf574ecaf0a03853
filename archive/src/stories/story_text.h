// What the story grouping reads in an article's text: word shingles for near-duplicates, and the
// names and telling words of its opening for stories. Pure functions of the text; thread-safe.
//
// Measured on ../shared/relevance/near-duplicates-fr-news.tsv (archive/README.md, "Stories").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kiosque::archive::detail {

// The article's body: its text without the title line it opens with.
std::string_view story_body(std::string_view text, std::string_view title);

// Hashes of the body's runs of 5 consecutive words, in text order (a word is a run of letters
// and digits, lower-cased, accents kept; soft hyphens and zero-width characters ignored).
std::vector<std::uint64_t> shingles(std::string_view body);

// The shingles under which a body is filed to be found again: a fixed sample (1 in 16, the same
// for every body, so shared text shares samples) and the first two (truncations share openings).
std::vector<std::uint64_t> shingle_keys(const std::vector<std::uint64_t>& shingles);

// A body's shingles in text order and as a sorted set: made once, compared with many.
struct ShingledBody {
  ShingledBody(std::vector<std::uint64_t> shingles);  // NOLINT: a body is its shingles
  std::vector<std::uint64_t> in_order;
  std::vector<std::uint64_t> set;  // sorted, distinct
};

struct Overlap {
  double jaccard = 0;      // |A∩B| / |A∪B| over the sets of shingles
  double containment = 0;  // |A∩B| / min(|A|, |B|)
  bool near_duplicate = false;
};
// Whether two bodies are one article in two versions (copied, updated, truncated, lightly
// edited). The rule and its measurement are in archive/README.md.
Overlap compare_bodies(const ShingledBody& a, const ShingledBody& b);

// The opening's names (capitalised words not starting a sentence, and acronyms) and telling words
// (folded, cut to 6 letters: `téléphone` and `téléphonique` meet), as hashes, sorted, distinct.
struct LeadTraits {
  std::vector<std::uint64_t> names;
  std::vector<std::uint64_t> words;
};
LeadTraits lead_traits(std::string_view title, std::string_view body);

// The years from 1900 to 2099 the text names as numbers of their own ("entre 2020 et 2023"),
// sorted, distinct: an undated article is no older than the latest of them that is past.
std::vector<int> named_years(std::string_view text);

// What placing an article reads in its text, computed where the text is prepared (on the
// preparing threads) so that the archive's one writing thread only looks things up.
struct StoryText {
  ShingledBody body;
  std::vector<std::uint64_t> keys;  // shingle_keys(body.in_order)
  LeadTraits lead;
  std::vector<int> years;  // the years from 1900 the body names, sorted, distinct
};
StoryText story_text(std::string_view text, std::string_view title);

// The latest of `years` up to `up_to`.
std::optional<int> latest_of(const std::vector<int>& years, int up_to);

// How many sorted, distinct values two lists share.
std::size_t shared_count(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

}  // namespace kiosque::archive::detail
