// The ingestion pipeline: files in, articles archived.
//
// prepare_*() read, decode, normalise and hash; they are pure and thread-safe. ingest_files()
// runs them on worker threads and writes to the store on the calling thread, in the order the
// files were given, syncing in groups: a file's outcome is reported only once it is durable.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "kiosque/archive/decoder.h"
#include "kiosque/archive/file_reader.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/archive/store.h"

namespace kiosque::archive {

// Time spent in each stage, summed over threads.
struct StageTimes {
  std::chrono::nanoseconds read{0}, decode{0}, normalise{0}, hash{0}, compress{0}, store{0},
      sync{0};
  // Grouping into stories: reading a text's shingles and traits on the preparing threads, and
  // placing the article (its lookups; a part of `store`, which also writes what it files).
  std::chrono::nanoseconds stories{0};
  StageTimes& operator+=(const StageTimes& other);
};

struct IngestConfig {
  ReadLimits limits;
  NormaliseConfig normalise;
  unsigned threads = 0;                   // preparing threads; 0: one per core
  std::size_t group_files = 1024;         // sync at least every this many files…
  std::uint64_t group_bytes = 64u << 20;  // …or this many raw bytes…
  // …or this often (0: no limit), so that a reader of the log that may read only what is synced
  // (`kiosque add` indexing as it archives) gets articles while the files keep coming.
  std::chrono::milliseconds group_interval{0};
  // The preparing threads yield the CPU to the process's other threads (they run at a lower
  // priority, nice +10), for a caller whose other work is the slower stage: `kiosque add` indexing
  // as it archives keeps its index writer fed first, and prepares files in the time left over.
  bool background_workers = false;
};

// Decodes, normalises, hashes and compresses bytes already read. Errc::refused for bad input.
// The start of the reason given for a web page that met a bug in kiosque (fuzzers look for it).
inline constexpr std::string_view kUnreadablePage = "a web page kiosque failed to read, a bug";

Result<PreparedArticle> prepare_bytes(std::string raw, const NormaliseConfig& config,
                                      StageTimes* times = nullptr);
// Reads `path` and prepares it.
Result<PreparedArticle> prepare_file(const std::filesystem::path& path, const IngestConfig& config,
                                     StageTimes* times = nullptr);

struct FileOutcome {
  std::size_t index;  // in the `paths` given
  const std::filesystem::path* path;
  const Result<PutOutcome>* result;  // an error is the reason the file was not taken in
  std::uint64_t bytes = 0;           // the file's size when it was read
};

struct IngestTotals {
  std::uint64_t files = 0, added = 0, duplicates = 0, new_raw_versions = 0, rejected = 0;
  std::uint64_t metadata_changed = 0;  // articles whose given metadata changed what they show
  std::uint64_t bytes = 0;
  StageTimes times;
};

// Takes `paths` into `store`. `report` is called on the calling thread for each file, in order,
// after its outcome is durable. Per-file refusals are reported, not returned; the returned error
// is a store failure, after which nothing more was acknowledged. `names`, when given, holds one
// name per path for the provenance records (a file read from where it was moved to is recorded
// under the name it arrived with); else the paths themselves are recorded. `given`, when not
// empty, holds for each path the metadata given beside it (a manifest's row), or null.
Result<IngestTotals> ingest_files(Store& store, std::span<const std::filesystem::path> paths,
                                  const IngestConfig& config,
                                  const std::function<void(const FileOutcome&)>& report,
                                  std::span<const std::string> names = {},
                                  std::span<const GivenMetadata* const> given = {});

}  // namespace kiosque::archive
