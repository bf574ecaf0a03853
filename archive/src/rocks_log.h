// RocksDB's info log, kept in a form a full disk cannot turn into a crash.
#pragma once

#include <rocksdb/env.h>

#include <filesystem>
#include <memory>

namespace kiosque::archive::detail {

// A logger that appends RocksDB's warnings and errors to `dir`/LOG with plain write(2) calls and
// drops everything else. RocksDB's own file logger asserts (Debian builds keep assertions) on the
// write after a failed one, which a full disk makes happen at every open; a line that cannot be
// written here is simply lost. Without `write` (a reader), nothing is logged. Thread-safe.
std::shared_ptr<rocksdb::Logger> open_info_log(const std::filesystem::path& dir, bool write);

}  // namespace kiosque::archive::detail
