// Opening a RocksDB database read-only beside a live writer, as a view that is whole.
#pragma once

#include <rocksdb/db.h>

#include <filesystem>
#include <vector>

namespace kiosque::archive::detail {

// Like rocksdb::DB::OpenForReadOnly, but the view holds every write the writer had made before
// the call began. RocksDB's read-only open reads the MANIFEST, then lists the write-ahead logs to
// replay; a writer that flushes in between (every writer does when it opens and when it closes)
// records a log's content in a table that MANIFEST does not name, then deletes the log. The view
// then silently lacks that log's writes, or the open fails on a file that has just gone. Both
// show as a log present before the open and absent after it, or as a missing file: the open is
// tried again, a bounded number of times, before its error is returned.
rocksdb::Status open_read_only(const rocksdb::DBOptions& options, const std::filesystem::path& dir,
                               const std::vector<rocksdb::ColumnFamilyDescriptor>& families,
                               std::vector<rocksdb::ColumnFamilyHandle*>* handles,
                               rocksdb::DB** db);

}  // namespace kiosque::archive::detail
