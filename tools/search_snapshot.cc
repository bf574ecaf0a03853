#include "search_snapshot.h"

namespace kiosque::tools {

namespace {

constexpr int kAttempts = 4;

}  // namespace

Result<indexer::SearchResults> search_snapshot(const DataFolder& folder, const SearchStep& step) {
  for (int attempt = 1;; ++attempt) {
    auto searcher = indexer::Searcher::open(folder.index());
    if (!searcher) return std::unexpected(searcher.error());
    auto store = open_archive_for_reading(folder);
    if (!store) return std::unexpected(store.error());
    auto results = step(**searcher, **store);
    if (results || results.error().code != Errc::busy || attempt == kAttempts) return results;
  }
}

}  // namespace kiosque::tools
