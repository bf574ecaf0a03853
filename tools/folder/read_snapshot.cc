#include "folder/read_snapshot.h"

#include <fmt/format.h>

namespace kiosque::tools {

Result<void> read_snapshot(const DataFolder& folder, IndexNeed need,
                           const indexer::SnapshotStep& step) {
  auto done =
      indexer::read_snapshot({.index = folder.index(), .archive = folder.archive()}, need, step);
  if (!done && done.error().code == Errc::not_found && done.error().part == Part::archive) {
    return fail(Part::archive, Errc::not_found,
                fmt::format("no archive in the data folder {}", folder.root.string()));
  }
  return done;
}

}  // namespace kiosque::tools
