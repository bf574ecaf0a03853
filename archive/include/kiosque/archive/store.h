// The archive store: every article kiosque has taken in, in RocksDB, keyed by content hash.
//
// Column families (format in archive/README.md): `raw` (exact file bytes by SHA-256 of the bytes),
// `articles` (normalised article records by article id), `provenance` (which file, when, by raw
// id), `log` (ingestion sequence number -> article id: the feed the indexer tails) and `meta`
// (schema version, counters), `stories` (each article's near-duplicates and story, with the
// lookups that place a new article: archive/README.md, "Stories") and `shingles` (where a body is
// found again by its versions). Each put() is ONE atomic WriteBatch across them: nothing is ever
// half-written, and no story names a missing article. Only an article's shingle postings follow
// later, filed in bulk by a writer (at the latest when it closes, or else when the next writer
// opens the store, which files again what a killed one had not).
//
// One process may open a store for writing (RocksDB's LOCK file enforces it; a second writer gets
// Errc::busy). Read-only stores may be opened alongside it; they see the store as it was when they
// opened, every write made before the open included, even if the writer flushed meanwhile. Thread
// safety: the writing calls (put, sync, resume, regroup) and last_seq(), which reads the writer's
// counters, belong to one thread; the reading calls (get, resolve, raw_bytes, raw_info, read_log,
// read_log_backwards, stats, checkpoint, verify) may run on other threads at the same time, for
// RocksDB is thread-safe (`kiosque watch` writes on its main thread while its index follower reads
// articles).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosque/archive/article.h"
#include "kiosque/base/result.h"

namespace rocksdb {
class Env;
}

namespace kiosque::archive::detail {
struct StoryText;
}

namespace kiosque::archive {

struct StoreOptions {
  bool read_only = false;
  bool create_if_missing = true;  // ignored when read_only
  // Not owned; must outlive the store. Lets tests inject I/O faults under RocksDB.
  rocksdb::Env* env = nullptr;
};

// An article ready to be archived: the raw bytes with their hash and the normalised text with its.
struct PreparedArticle {
  std::string raw;
  // `raw` compressed as the store keeps it, made by prepare_bytes on its (parallel) thread so
  // that the one writing thread carries a quarter of a web page; put() refuses it empty.
  std::string packed_raw;
  RawId raw_id;
  std::string encoding;
  NormalisedText content;
  ArticleId id;
  // What placing it among stories reads in its text, made by prepare_bytes on its (parallel)
  // thread, like packed_raw; put() makes it itself when null.
  std::shared_ptr<const detail::StoryText> story_text;
};

enum class PutStatus {
  added,            // a new article: a log entry was written
  duplicate,        // these exact bytes were already archived: nothing was written
  new_raw_version,  // new bytes of an article already archived: a raw version, no log entry
};
// With metadata given beside the file, an article already archived whose metadata that changes
// gets a new log entry (the old one is removed), so that the index takes the change in.

const char* put_status_name(PutStatus status) noexcept;

struct PutOutcome {
  PutStatus status;
  ArticleId id;
  std::uint64_t seq = 0;          // the article's log entry
  bool metadata_changed = false;  // by the metadata given with it
  // Of the put's time, what placing a new article among stories took (a part of `store`).
  std::chrono::nanoseconds placing{0};
};

struct LogEntry {
  std::uint64_t seq = 0;
  ArticleId id;
};

struct RawVersionInfo {
  RawId id;
  ArticleId article;
  std::string encoding;
  std::uint64_t size = 0;
  Provenance provenance;
};

// What Store::verify found. Each problem names the damaged record and what is wrong with it.
struct ArchiveCheck {
  std::uint64_t articles = 0, raw_versions = 0, log_entries = 0;
  std::uint64_t bytes = 0;  // raw and normalised bytes re-hashed
  std::vector<std::string> problems;
};

struct StoreStats {
  std::uint64_t articles = 0;
  std::uint64_t raw_versions = 0;
  std::uint64_t raw_bytes = 0;   // bytes taken in (all raw versions)
  std::uint64_t text_bytes = 0;  // bytes of normalised text
  std::uint64_t disk_bytes = 0;  // the archive folder on disk
  std::uint64_t last_seq = 0;
  std::optional<ArticleDate> earliest;
  std::optional<ArticleDate> latest;
  std::uint64_t story_groups = 0;             // stories of more than one article
  std::uint64_t story_folded = 0;             // articles beyond the first of those stories
  std::uint64_t near_duplicate_clusters = 0;  // articles with other versions
  std::uint64_t near_duplicates = 0;          // versions beyond the first of those
};

struct StoryMember {
  ArticleId id;
  ArticleId cluster;  // the same as another member's when they are near-duplicates
};

class Store {
 public:
  // Whether a store was ever created in `dir`.
  static bool exists(const std::filesystem::path& dir);
  // Opens (or creates) the store in `dir`. Errc::busy when another process writes it,
  // Errc::version_mismatch for a store of another schema, Errc::corruption for damaged files.
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Archives one article in one atomic write. The write is visible at once but durable only after
  // the next successful sync(): acknowledge nothing to a user before it.
  // `given`, when not null and not empty, is recorded with the article unless it changes nothing
  // the article shows (the same manifest applied again).
  Result<PutOutcome> put(const PreparedArticle& article, const Provenance& provenance,
                         const GivenMetadata* given = nullptr);
  // Makes every write so far durable (one fsync of RocksDB's log).
  Result<void> sync();
  // Files the shingle postings gathered so far, then starts writing what is held in memory to the
  // archive's tables in the background, and returns at once: after a large intake, so that the
  // work overlaps what follows (indexing) instead of delaying the close. Nothing to report on
  // failure: the data is in the log, and closing writes it again.
  void flush_in_background();

  // Errc::not_found when absent; Errc::corruption when the record does not decode.
  Result<Article> get(const ArticleId& id) const;
  // The articles of a story (StoryPlace::group), in id order; empty for an unknown group.
  Result<std::vector<StoryMember>> story_members(const ArticleId& group) const;
  // Groups every article again from the archive alone, in the order they were taken in, so that
  // an archive always gives the stories its intake gave; done by itself when this kiosque's
  // grouping rules differ from the archive's. Writes no log entries: rebuild the index after.
  Result<void> regroup(const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});
  // The article whose id starts with `hex_prefix` (at least 4 hex digits). Errc::ambiguous when
  // several do, Errc::not_found when none does, Errc::invalid_argument for a malformed prefix.
  Result<ArticleId> resolve(std::string_view hex_prefix) const;
  // The exact bytes of a raw version.
  Result<std::string> raw_bytes(const RawId& id) const;
  Result<RawVersionInfo> raw_info(const RawId& id) const;

  // Log entries with seq > after, oldest first, at most `max`.
  Result<std::vector<LogEntry>> read_log(std::uint64_t after, std::size_t max) const;
  // Log entries with seq < before, newest first, at most `max`.
  Result<std::vector<LogEntry>> read_log_backwards(std::uint64_t before, std::size_t max) const;
  std::uint64_t last_seq() const;

  Result<StoreStats> stats() const;
  // After a write failed (a full disk, say), asks RocksDB to leave its read-only error state.
  // Errc::no_space or io_error while the cause lasts; the writes that failed are not retried.
  Result<void> resume();
  // Writes a consistent copy of the store, as of now, to the new folder `dest` (RocksDB's
  // checkpoint: tables are hard-linked when on the same file system). Works on a read-only store
  // opened beside a writer.
  Result<void> checkpoint(const std::filesystem::path& dest) const;
  // Reads every record: re-hashes each raw version and normalised text against its key, checks
  // that raw versions, articles and log entries point at each other and that the counters
  // agree. `progress(done, total)` counts records. Problems are reported, not returned as errors.
  Result<ArchiveCheck> verify(
      const std::function<void(std::uint64_t, std::uint64_t)>& progress = {}) const;

  // The store's insides, opaque here; named publicly so the archive's own parts can take it.
  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::archive
