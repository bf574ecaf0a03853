// Searching a data folder that a writer may be changing.
#pragma once

#include <functional>

#include "data_folder.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

using SearchStep = std::function<Result<indexer::SearchResults>(indexer::Searcher&, const archive::Store&)>;

// Opens the index, then the archive (see Searcher::open), and runs `step`. When a writer's
// commit lands in between (Errc::busy), opens both again and retries, a few times.
Result<indexer::SearchResults> search_snapshot(const DataFolder& folder, const SearchStep& step);

}  // namespace kiosque::tools
