// How well a data folder's stories match labelled near-duplicate pairs
// (../shared/relevance/near-duplicates-fr-news.tsv), and what grouping cost while archiving.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace kiosque::bench {

// `add_output`: the lines `kiosque add --json` wrote (each file's path and article id).
// `labels`: the labelled pairs, named by file name; a missing file gives no pair figures.
// Returns stories, folded, near_duplicates, and for the pairs: same/different, how many of each
// were joined as near-duplicates, and precision and recall of near-duplicate joining.
nlohmann::json story_quality(const std::filesystem::path& archive,
                             const std::filesystem::path& add_output,
                             const std::filesystem::path& labels);

}  // namespace kiosque::bench
