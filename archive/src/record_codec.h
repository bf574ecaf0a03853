// The byte layouts of the archive's records (documented in archive/README.md).
//
// Every record starts with a format version byte. Decoders check every length against the bytes
// they are given and return nullopt for anything malformed, so a damaged record is reported as
// corruption, never read out of bounds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosque/archive/store.h"

namespace kiosque::archive::detail {

inline constexpr std::uint8_t kRecordFormat = 1;
// Article records with metadata (ArticleMeta) use format 2: format 1 followed by tagged fields,
// unknown tags skipped. An article without metadata is still written as format 1, which every
// kiosque reads.
inline constexpr std::uint8_t kArticleWithMeta = 2;

// Log keys are big-endian so that RocksDB's byte order is sequence order.
std::string encode_seq(std::uint64_t seq);
std::optional<std::uint64_t> decode_seq(std::string_view key);

// The record keeps `content` as the text or page said it and `given` apart (format 2, tag 9).
std::string encode_article(const Article& article);
std::optional<Article> decode_article(const ArticleId& id, std::string_view bytes);

// Raw records of format 2 hold the file's size, then its bytes as one zstd frame
// (raw_compression.h); format 1, the first kiosque's, held the bytes as they are. Both are read.
inline constexpr std::uint8_t kCompressedRaw = 2;

struct RawRecord {
  ArticleId article;
  std::string encoding;
  std::uint64_t size = 0;   // of the file
  std::string_view stored;  // the bytes as stored (compressed or not), into the decoded buffer
  bool compressed = false;
};
// `packed`: the file's `size` bytes as compress_raw made them.
std::string encode_raw(const ArticleId& article, std::string_view encoding, std::uint64_t size,
                       std::string_view packed);
// Reads the record without decompressing its bytes.
std::optional<RawRecord> decode_raw(std::string_view record);
// The file's bytes; nullopt when a compressed record does not decompress to its size.
std::optional<std::string> raw_file_bytes(const RawRecord& record);

std::string encode_provenance(const Provenance& p);
std::optional<Provenance> decode_provenance(std::string_view bytes);

std::string encode_log_value(const ArticleId& id);
std::optional<ArticleId> decode_log_value(std::string_view bytes);

// Running totals kept in `meta` and rewritten in every article's batch.
struct Counters {
  std::uint64_t articles = 0;
  std::uint64_t raw_versions = 0;
  std::uint64_t raw_bytes = 0;
  std::uint64_t text_bytes = 0;
  std::uint64_t last_seq = 0;
  std::optional<ArticleDate> earliest;
  std::optional<ArticleDate> latest;
};
std::string encode_counters(const Counters& c);
std::optional<Counters> decode_counters(std::string_view bytes);

}  // namespace kiosque::archive::detail
