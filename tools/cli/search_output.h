// Printing search results: for people (bold matches on a terminal, **marks** otherwise) and as
// versioned JSON for scripts.
#pragma once

#include <string>

#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

inline constexpr int kSearchJsonSchema = 1;

void print_results_text(const indexer::SearchResults& results, bool bold);
void print_results_json(const indexer::SearchResults& results, const std::string& query);

}  // namespace kiosque::tools
