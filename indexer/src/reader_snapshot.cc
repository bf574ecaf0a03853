#include "kiosque/indexer/reader_snapshot.h"

namespace kiosque::indexer {

namespace {

constexpr int kAttempts = 4;

}  // namespace

Result<ReaderSnapshot> ReaderSnapshot::open(const SnapshotPaths& paths, IndexNeed need) {
  std::unique_ptr<Searcher> index;
  if (need != IndexNeed::none) {
    auto opened = Searcher::open(paths.index);
    if (opened) {
      index = std::move(*opened);
    } else if (need == IndexNeed::required || opened.error().code != Errc::not_found) {
      return propagate(opened);
    }
  }
  auto archive = archive::Store::open(paths.archive, {.read_only = true});
  if (!archive) return propagate(archive);
  return ReaderSnapshot(std::move(index), std::move(*archive));
}

Result<void> read_snapshot(const SnapshotPaths& paths, IndexNeed need, const SnapshotStep& step) {
  for (int attempt = 1;; ++attempt) {
    auto snapshot = ReaderSnapshot::open(paths, need);
    if (!snapshot) return propagate(snapshot);
    auto done = step(*snapshot);
    if (done || done.error().code != Errc::busy || attempt == kAttempts) return done;
  }
}

}  // namespace kiosque::indexer
