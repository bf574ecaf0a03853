#include "bulk_build.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "index_call.h"
#include "index_meta.h"
#include "index_paths.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kShardCommitDocs = 1000;

Result<void> remove_leftover(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  if (ec)
    return fail(Errc::io_error, fmt::format("cannot remove {}: {}", path.string(), ec.message()));
  return {};
}

// Flushes every file of `dir`, and the folder itself, to disk.
Result<void> sync_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (!ok)
      return fail(err == ENOSPC ? Errc::no_space : Errc::io_error,
                  fmt::format("cannot sync {}: {}", entry.path().string(), std::strerror(err)));
  }
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (ec)
    return fail(Errc::io_error, fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  return {};
}

// Puts `fresh` at `dir` in one step; the old index ends at `fresh`'s name.
Result<void> swap_in(const std::filesystem::path& fresh, const std::filesystem::path& dir) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) return {};
  if (errno == ENOENT && ::rename(fresh.c_str(), dir.c_str()) == 0) return {};
  return fail(errno == ENOSPC ? Errc::no_space : Errc::io_error,
              fmt::format("cannot put the merged index in place at {}: {}", dir.string(),
                          std::strerror(errno)));
}

}  // namespace

namespace {

// Whether a log entry in (from, to] names an article `writer` already holds: one whose given
// metadata changed, which the log names again.
Result<bool> renews_indexed(const archive::Store& store, const IndexWriter& writer,
                            std::uint64_t from, std::uint64_t to) {
  constexpr std::size_t kChunk = 4096;
  for (std::uint64_t after = from; after < to;) {
    auto entries = store.read_log(after, kChunk);
    if (!entries) return propagate(entries);
    if (entries->empty()) break;
    for (const archive::LogEntry& e : *entries) {
      if (e.seq > to) return false;
      auto held = writer.holds(e.id.hex());
      if (!held) return propagate(held);
      if (*held) return true;
    }
    after = entries->back().seq;
  }
  return false;
}

}  // namespace

bool bulk_build_pays(std::uint64_t backlog, std::uint64_t indexed_documents) {
  return backlog >= kMinBacklog && backlog >= indexed_documents;
}

Result<UpdateTotals> bulk_build(const archive::Store& store, std::unique_ptr<IndexWriter>& writer,
                                const std::filesystem::path& dir, const UpdaterConfig& config,
                                const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const detail::IndexCall call(dir);
  const std::uint64_t from = writer->last_seq();
  const std::uint64_t to = config.through_seq != 0 ? config.through_seq : store.last_seq();
  UpdateTotals totals;
  if (to <= from) return totals;
  // The merge appends the shards to the live index: an article the live index holds already
  // would be in it twice. Such a backlog is caught up instead, replacing documents.
  if (writer->document_count() > 0) {
    auto renews = renews_indexed(store, *writer, from, to);
    if (!renews) return propagate(renews);
    if (*renews) return catch_up(store, *writer, config, progress);
  }
  const auto shards_dir = detail::beside(dir, detail::kShards);
  const auto merged_dir = detail::beside(dir, detail::kMerged);
  for (const auto& leftover : {shards_dir, merged_dir}) {
    if (auto removed = remove_leftover(leftover); !removed) return propagate(removed);
  }

  std::error_code made;
  std::filesystem::create_directories(shards_dir, made);
  if (made)
    return fail(Errc::io_error,
                fmt::format("cannot create {}: {}", shards_dir.string(), made.message()));

  // One shard per core, each a contiguous run of the log.
  const unsigned cores =
      config.threads != 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::uint64_t shards = std::min<std::uint64_t>(cores, to - from);
  std::vector<Result<UpdateTotals>> results(shards, UpdateTotals{});
  std::atomic<bool> stopped = false;
  std::mutex progress_mutex;
  std::atomic<std::uint64_t> done = 0;
  {
    std::vector<std::jthread> workers;
    for (std::uint64_t s = 0; s < shards; ++s) {
      workers.emplace_back([&, s] {
        const std::uint64_t begin = from + (to - from) * s / shards;
        const std::uint64_t end = from + (to - from) * (s + 1) / shards;
        auto shard = IndexWriter::open(shards_dir / std::to_string(s), {.sync = false});
        if (!shard) {
          results[s] = std::unexpected(shard.error());
          return;
        }
        // An empty commit starts the shard's watermark where its run of the log begins.
        if (auto started = (*shard)->commit(begin); !started) {
          results[s] = std::unexpected(started.error());
          return;
        }
        UpdaterConfig part = config;
        part.through_seq = end;
        part.threads = 1;
        // Nobody reads a shard before the merge: commit only to bound the writer's memory.
        part.commit_docs = std::min(config.commit_docs, kShardCommitDocs);
        part.commit_interval = std::chrono::hours(24);
        part.keep_going = [&stopped, ask = config.keep_going] {
          if (!ask || ask()) return true;
          stopped = true;
          return false;
        };
        std::uint64_t reported = 0;
        results[s] = catch_up(store, **shard, part, [&](std::uint64_t shard_done, std::uint64_t) {
          const std::uint64_t all = done += shard_done - reported;
          reported = shard_done;
          if (progress) {
            std::lock_guard lock(progress_mutex);
            progress(all, to - from);
          }
        });
      });
    }
  }
  for (std::uint64_t s = 0; s < shards; ++s) {
    auto& r = results[s];
    if (!r) return propagate(r);
    totals.indexed += r->indexed;
    totals.set_aside += r->set_aside;
    totals.commits += r->commits;
    totals.analyse += r->analyse;
    totals.index += r->index;
    totals.commit += r->commit;
    totals.commit_times.insert(totals.commit_times.end(), r->commit_times.begin(),
                               r->commit_times.end());
  }

  if (stopped) {
    // Stopped on request (keep_going): the live index stays as it was, and the whole backlog is
    // indexed another time.
    (void)remove_leftover(shards_dir);
    return UpdateTotals{};
  }

  // Merge the live index and the shards, in log order, into full blocks.
  const auto merge_start = Clock::now();
  try {
    Xapian::Database sources;
    if (writer->document_count() > 0) sources.add_database(Xapian::Database(dir.string()));
    for (std::uint64_t s = 0; s < shards; ++s)
      sources.add_database(Xapian::Database((shards_dir / std::to_string(s)).string()));
    sources.compact(merged_dir.string());
    Xapian::WritableDatabase merged(merged_dir.string(), Xapian::DB_OPEN);
    detail::write_watermark(merged, to);
    detail::write_analyser(merged);
    merged.commit();
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "merge the index shards"));
  }
  if (auto synced = sync_folder(merged_dir); !synced) return propagate(synced);
  writer.reset();  // the swap must not pull the index from under our own lock
  if (auto swapped = swap_in(merged_dir, dir); !swapped) return propagate(swapped);
  totals.merge = Clock::now() - merge_start;
  for (const auto& leftover : {shards_dir, merged_dir}) (void)remove_leftover(leftover);
  auto reopened = IndexWriter::open(dir);
  if (!reopened) return propagate(reopened);
  writer = std::move(*reopened);
  return totals;
}

}  // namespace kiosque::indexer
