// kiosque add PATH...: take files and folders into the archive.
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "folder/data_folder.h"
#include "folder/file_names.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/base/printable.h"
#include "kiosque/indexer/indexer.h"

namespace kiosque::tools {

namespace {

struct AddOptions {
  std::vector<std::string> paths;
  bool json = false;
  bool quiet = false;
  bool timings = false;
  std::uint64_t max_size = archive::ReadLimits{}.max_bytes;
  unsigned threads = 0;
};

// Files named on the command line are taken as given; folders are walked recursively, skipping
// hidden and temporary names, in sorted order so that runs are reproducible. Links inside folders
// are listed (and then refused by the reader), never followed.
std::vector<std::filesystem::path> expand_paths(const std::vector<std::string>& args) {
  std::vector<std::filesystem::path> files;
  for (const std::string& arg : args) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(arg, ec);
    if (ec || !std::filesystem::is_directory(status)) {
      files.emplace_back(arg);
      continue;
    }
    std::vector<std::filesystem::path> found;
    auto it = std::filesystem::recursive_directory_iterator(
        arg, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (is_ignored_name(name) || (it->is_directory(ec) && is_page_assets(it->path()))) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_directory(ec) || it->is_symlink(ec)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

nlohmann::json outcome_json(const archive::FileOutcome& o) {
  nlohmann::json j;
  j["path"] = o.path->string();
  if (*o.result) {
    j["status"] = archive::put_status_name((*o.result)->status);
    j["id"] = (*o.result)->id.hex();
  } else {
    j["status"] = "rejected";
    j["reason"] = o.result->error().message;
  }
  return j;
}

double ms(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// The last line of --json output: what the whole run did, and where its time went.
void print_summary_json(const archive::IngestTotals& totals, double archive_secs,
                        const indexer::UpdateTotals& indexed, double index_secs) {
  const auto& t = totals.times;
  nlohmann::json j;
  j["summary"] = {{"files", totals.files},
                  {"added", totals.added},
                  {"duplicates", totals.duplicates},
                  {"new_raw_versions", totals.new_raw_versions},
                  {"rejected", totals.rejected},
                  {"bytes", totals.bytes},
                  {"indexed", indexed.indexed},
                  {"commits", indexed.commits},
                  {"archive_seconds", archive_secs},
                  {"index_seconds", index_secs},
                  {"stage_ms",
                   {{"read", ms(t.read)},
                    {"decode", ms(t.decode)},
                    {"normalise", ms(t.normalise)},
                    {"hash", ms(t.hash)},
                    {"compress", ms(t.compress)},
                    {"store", ms(t.store)},
                    {"sync", ms(t.sync)},
                    {"analyse", ms(indexed.analyse)},
                    {"index", ms(indexed.index)},
                    {"commit", ms(indexed.commit)},
                    {"merge", ms(indexed.merge)}}}};
  fmt::print("{}\n", j.dump());
}

// How far the archive is synced, passed from the thread that archives to the one that indexes.
class SyncedLog {
 public:
  void advance(std::uint64_t seq) {
    {
      const std::lock_guard lock(mutex_);
      synced_ = std::max(synced_, seq);
    }
    changed_.notify_one();
  }
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_one();
  }
  // Blocks until entries after `after` are synced, and returns the last of them; returns `after`
  // once the archiving is over.
  std::uint64_t wait_beyond(std::uint64_t after) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || synced_ > after; });
    return std::max(synced_, after);
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t synced_ = 0;
  bool closed_ = false;
};

// While add archives, the index follows what is synced (one writer thread, mostly waiting on
// Xapian, beside the threads that read and extract files): sync at least this often for it.
constexpr std::chrono::milliseconds kSyncForIndexEvery{20};

Result<int> run_add(const GlobalOptions& global, const AddOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  if (auto made = folder.create(); !made) return propagate(made);
  auto store = open_archive_for_writing(folder);
  if (!store) return propagate(store);
  auto index = indexer::Indexer::open(folder.index());
  if (!index) return propagate(index);

  const std::vector<std::filesystem::path> files = expand_paths(options.paths);
  // A backlog the indexer builds in bulk is archived first, whole; a smaller one is indexed as it
  // is archived, and is searchable sooner after the last file.
  const bool follow = !(*index)->bulk_builds(files.size());
  archive::IngestConfig config;
  config.limits.max_bytes = options.max_size;
  config.threads = options.threads;
  if (follow) {
    config.group_interval = kSyncForIndexEvery;
    config.background_workers = true;
  }

  Progress progress("adding", files.size());
  SyncedLog synced;
  std::uint64_t done = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  auto report = [&](const archive::FileOutcome& o) {
    ++done;
    bytes += o.bytes;
    if (options.json) {
      progress.finish();
      fmt::print("{}\n",
                 outcome_json(o).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else if (!*o.result) {
      progress.finish();
      fmt::print(stderr, "rejected {}: {}\n", base::printable_name(o.path->string()),
                 o.result->error().message);
    }
    progress.update(done, bytes);
    // Reported outcomes are durable, and this is the thread that writes the store.
    if (follow) synced.advance((*store)->last_seq());
  };
  Result<archive::IngestTotals> totals = archive::IngestTotals{};
  double secs = 0;
  auto archive_all = [&] {
    totals = archive::ingest_files(**store, files, config, report);
    progress.finish();
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    synced.close();
  };
  std::jthread archiver;
  if (follow) {
    archiver = std::jthread(archive_all);
  } else {
    archive_all();
    if (!totals) return propagate(totals);
  }

  // What was added is searchable when add returns.
  const auto index_start = std::chrono::steady_clock::now();
  std::vector<indexer::SetAside> set_aside;
  std::mutex set_aside_mutex;  // bulk builds index on several threads
  indexer::UpdaterConfig index_config;
  index_config.on_set_aside = [&](const indexer::SetAside& entry) {
    const std::lock_guard lock(set_aside_mutex);
    set_aside.push_back(entry);
  };
  if (follow) {
    index_config.follow = [&](std::uint64_t after) { return synced.wait_beyond(after); };
  }
  Progress index_progress("indexing", 0, !follow);
  auto indexed =
      (*index)->update(**store, index_config, indexer::Pace::fastest, index_progress.reporter());
  index_progress.finish();
  if (archiver.joinable()) archiver.join();
  if (!totals) return propagate(totals);
  if (!indexed) return propagate(indexed);
  for (const indexer::SetAside& entry : set_aside) {
    fmt::print(stderr, "not indexed {}: {} (article {} is archived; `kiosque verify` lists it)\n",
               base::printable_name(entry.file), entry.reason, entry.id_hex.substr(0, 12));
  }
  const double index_secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count();
  if (options.json) print_summary_json(*totals, secs, *indexed, index_secs);
  if (!options.quiet) {
    fmt::print(options.json ? stderr : stdout,
               "{} added, {} duplicates, {} new raw versions, {} rejected ({} files, {} archived "
               "in {:.2f} s: "
               "{:.0f} files/s, {:.1f} MB/s; {} articles indexed in {:.2f} s)\n",
               totals->added, totals->duplicates, totals->new_raw_versions, totals->rejected,
               totals->files, base::human_bytes(totals->bytes), secs,
               secs > 0 ? static_cast<double>(totals->files) / secs : 0.0,
               secs > 0 ? static_cast<double>(totals->bytes) / secs / 1e6 : 0.0, indexed->indexed,
               index_secs);
    if (!set_aside.empty()) {
      fmt::print(options.json ? stderr : stdout,
                 "{} articles could not be indexed and are set aside (listed above)\n",
                 set_aside.size());
    }
  }
  if (options.timings) {
    const auto& t = totals->times;
    fmt::print(
        stderr,
        "stage times (summed over threads): read {:.0f} ms, decode {:.0f} ms, normalise {:.0f} ms, "
        "hash {:.0f} ms, compress {:.0f} ms, store {:.0f} ms, sync {:.0f} ms; analyse {:.0f} ms, "
        "index {:.0f} ms, "
        "commit {:.0f} ms, merge {:.0f} ms ({} articles indexed, {} commits)\n",
        ms(t.read), ms(t.decode), ms(t.normalise), ms(t.hash), ms(t.compress), ms(t.store),
        ms(t.sync), ms(indexed->analyse), ms(indexed->index), ms(indexed->commit),
        ms(indexed->merge), indexed->indexed, indexed->commits);
  }
  return totals->rejected > 0 || !set_aside.empty() ? 1 : 0;
}

}  // namespace

void register_add(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* cmd = app.add_subcommand(
      "add",
      "Take article files into the archive and index them; they are searchable when add returns.\n"
      "Folders are walked recursively (hidden and temporary names skipped). Prints what was\n"
      "refused and why, then a summary; exits 1 if anything was refused, or if an article could "
      "not\n"
      "be indexed (it is archived, set aside with its reason, and every other article is "
      "indexed).");
  cmd->add_option("paths", options->paths, "Files and folders to take in")
      ->required()
      ->type_name("PATH");
  cmd->add_flag(
      "--json", options->json,
      "Write one JSON line per file to stdout: path, status (added, duplicate,\n"
      "new_raw_version, rejected), id, reason; then a last line {\"summary\": ...} with the\n"
      "counts, seconds and time per stage (read, decode, normalise, hash, compress, store,\n"
      "sync, analyse, index, commit, merge; milliseconds summed over threads)");
  cmd->add_flag("-q,--quiet", options->quiet, "Do not print the summary");
  cmd->add_option("--max-size", options->max_size, "Refuse files larger than this (default 16MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  cmd->add_flag("--timings", options->timings, "Print the time spent in each stage");
  cmd->add_option("--threads", options->threads, "Threads preparing files (default: one per core)");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_add(global, *options); };
  });
}

}  // namespace kiosque::tools
