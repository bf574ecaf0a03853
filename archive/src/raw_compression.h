// How the archive compresses a file's raw bytes before they reach RocksDB.
//
// A web page is 60 KB of markup where its text is 3 KB. Compressed by the preparing worker
// threads, a page crosses the single writer thread (WriteBatch, write-ahead log, memtable) at a
// quarter of its size, and RocksDB has nothing left to compress in the raw family.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosque::archive::detail {

// One zstd frame holding `bytes`. Thread-safe (a compression context per thread).
std::string compress_raw(std::string_view bytes);
// The bytes of a frame made by compress_raw; nullopt unless it decompresses to exactly `size`
// bytes.
std::optional<std::string> decompress_raw(std::string_view frame, std::uint64_t size);

}  // namespace kiosque::archive::detail
