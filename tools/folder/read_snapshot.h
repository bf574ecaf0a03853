// Reading a data folder that a writer may be changing: indexer::read_snapshot on its layout.
#pragma once

#include "folder/data_folder.h"
#include "kiosque/indexer/reader_snapshot.h"

namespace kiosque::tools {

using indexer::IndexNeed;
using indexer::ReaderSnapshot;

// See indexer::read_snapshot. A folder without an archive is Errc::not_found, naming the folder.
Result<void> read_snapshot(const DataFolder& folder, IndexNeed need,
                           const indexer::SnapshotStep& step);

}  // namespace kiosque::tools
