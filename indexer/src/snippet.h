// Chooses the part of an article's text that best shows why it matched, and marks the matches.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "kiosque/indexer/analyser.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::indexer::detail {

// `stems` and `terms` are the query's stems (without prefix) and plain terms. The snippet is a
// window of about `words` words with the most matches; each matched surface word is highlighted,
// after any elision ("l’[appel]").
Snippet make_snippet(std::string_view text, const std::set<std::string>& stems,
                     const std::set<std::string>& terms, FrenchAnalyser& analyser,
                     std::size_t words = 30);

}  // namespace kiosque::indexer::detail
