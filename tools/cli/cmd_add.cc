// kiosque add PATH...: take files and folders into the archive.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "folder/data_folder.h"
#include "folder/file_names.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/archive/manifest.h"
#include "kiosque/base/clock.h"
#include "kiosque/base/printable.h"
#include "kiosque/indexer/indexer.h"
#include "watch/inbox_sidecars.h"

namespace kiosque::tools {

namespace {

struct AddOptions {
  std::vector<std::string> paths;
  std::vector<std::string> manifests;
  bool json = false;
  bool quiet = false;
  bool timings = false;
  std::uint64_t max_size = archive::ReadLimits{}.max_bytes;
  unsigned threads = 0;
};

// What `add` was given to take in, once its folders are walked.
struct Inputs {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> manifests;  // tables found in folders that are manifests
  std::vector<std::pair<std::filesystem::path, std::string>> skipped;  // not articles, and why
};

// Whether the first line of `file` is a manifest's header. Only the start of the file is read: a
// huge table, or binary bytes under a table's name, with no line break costs no more.
bool is_manifest(const std::filesystem::path& file) {
  constexpr std::streamsize kHeaderBytes = 4096;
  std::ifstream in(file, std::ios::binary);
  std::string head(kHeaderBytes, '\0');
  in.read(head.data(), kHeaderBytes);
  head.resize(static_cast<std::size_t>(in.gcount()));
  const std::size_t end = head.find('\n');
  // A first line longer than this is no header of a few column names.
  if (end == std::string::npos && head.size() == kHeaderBytes) return false;
  return archive::is_manifest_header(head.substr(0, end));
}

// Files named on the command line are taken as given; folders are walked recursively, skipping
// hidden and temporary names and what is not an article (file_names.h), in sorted order so that
// runs are reproducible. Links inside folders are listed (and then refused by the reader), never
// followed.
Inputs expand_paths(const std::vector<std::string>& args) {
  Inputs inputs;
  for (const std::string& arg : args) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(arg, ec);
    if (ec || !std::filesystem::is_directory(status)) {
      inputs.files.emplace_back(arg);
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
      if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
      if (auto reason = not_an_article(it->path())) {
        if (named_as_table(it->path()) && it->is_regular_file(ec) && is_manifest(it->path())) {
          inputs.manifests.push_back(it->path());
        } else {
          inputs.skipped.emplace_back(it->path(), std::move(*reason));
        }
        continue;
      }
      found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    inputs.files.insert(inputs.files.end(), found.begin(), found.end());
  }
  return inputs;
}

// Every manifest's rows, by manifest_key; a later manifest's row for a file wins. A manifest
// named with --manifest that cannot be read is an error; the rows a manifest leaves out are
// printed and counted.
Result<std::map<std::filesystem::path, archive::GivenMetadata>> read_manifests(
    const std::vector<std::filesystem::path>& found, const std::vector<std::string>& named,
    bool json, std::uint64_t& problems) {
  std::map<std::filesystem::path, archive::GivenMetadata> rows;
  std::vector<std::filesystem::path> all = found;
  all.insert(all.end(), named.begin(), named.end());
  for (const auto& path : all) {
    auto manifest = archive::read_manifest(path, base::unix_ms_now());
    if (!manifest) return propagate(manifest);
    for (const std::string& problem : manifest->problems) {
      ++problems;
      if (json) {
        print_json(nlohmann::json{
            {"path", path.string()}, {"status", "manifest_problem"}, {"reason", problem}});
      } else {
        fmt::print(stderr, "manifest {} {}\n", base::printable_name(path.string()), problem);
      }
    }
    for (auto& [file, given] : manifest->rows) rows[file] = std::move(given);
  }
  return rows;
}

nlohmann::json outcome_json(const archive::FileOutcome& o) {
  nlohmann::json j;
  j["path"] = o.path->string();
  if (*o.result) {
    j["status"] = archive::put_status_name((*o.result)->status);
    j["id"] = (*o.result)->id.hex();
    if ((*o.result)->metadata_changed) j["metadata_changed"] = true;
  } else {
    j["status"] = "rejected";
    j["reason"] = o.result->error().message;
  }
  return j;
}

double ms(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// What add did beside archiving files: tables read as manifests, files skipped.
struct Beside {
  std::uint64_t manifests = 0, manifest_problems = 0, skipped = 0;
};

// The last line of --json output: what the whole run did, and where its time went.

void print_summary_json(const archive::IngestTotals& totals, const Beside& beside,
                        double archive_secs, const indexer::UpdateTotals& indexed,
                        double index_secs) {
  const auto& t = totals.times;
  nlohmann::json j;
  j["summary"] = {{"files", totals.files},
                  {"added", totals.added},
                  {"duplicates", totals.duplicates},
                  {"new_raw_versions", totals.new_raw_versions},
                  {"rejected", totals.rejected},
                  {"skipped", beside.skipped},
                  {"manifests", beside.manifests},
                  {"manifest_problems", beside.manifest_problems},
                  {"metadata_changed", totals.metadata_changed},
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
                    {"stories", ms(t.stories)},
                    {"sync", ms(t.sync)},
                    {"analyse", ms(indexed.analyse)},
                    {"index", ms(indexed.index)},
                    {"commit", ms(indexed.commit)},
                    {"merge", ms(indexed.merge)}}}};
  print_json(j);
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

// The summary's lines on manifests and on files that are not articles (named, a few of them).
void print_beside(std::FILE* out, const Inputs& inputs, const Beside& beside,
                  std::uint64_t metadata_changed) {
  if (beside.manifests > 0) {
    fmt::print(out, "{} manifests read: metadata given with {} files{}\n", beside.manifests,
               metadata_changed,
               beside.manifest_problems > 0
                   ? fmt::format(", {} rows left out (listed above)", beside.manifest_problems)
                   : "");
  }
  if (beside.skipped == 0) return;
  constexpr std::size_t kNamed = 5;
  std::vector<std::string> named;
  for (std::size_t i = 0; i < inputs.skipped.size() && i < kNamed; ++i) {
    named.push_back(fmt::format("{} ({})",
                                base::printable_name(inputs.skipped[i].first.filename().string()),
                                inputs.skipped[i].second));
  }
  fmt::print(out, "{} files skipped as not articles: {}{}\n", beside.skipped,
             fmt::join(named, ", "), beside.skipped > kNamed ? ", …" : "");
}

Result<int> run_add(const GlobalOptions& global, const AddOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  if (auto made = folder.create(); !made) return propagate(made);
  auto store = open_archive_for_writing(folder);
  if (!store) return propagate(store);
  auto index = indexer::Indexer::open(folder.index());
  if (!index) return propagate(index);

  const Inputs inputs = expand_paths(options.paths);
  const std::vector<std::filesystem::path>& files = inputs.files;
  std::uint64_t manifest_problems = 0;
  const auto manifest_rows =
      read_manifests(inputs.manifests, options.manifests, options.json, manifest_problems);
  if (!manifest_rows) return propagate(manifest_rows);
  // A sidecar beside a file (NAME.meta.json) gives its metadata, over the file's manifest row.
  std::map<std::size_t, archive::GivenMetadata> sidecars;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto sidecar = sidecar_beside(files[i]);
    if (!sidecar) continue;
    auto read = read_sidecar(*sidecar, sidecar->string());
    if (read) {
      sidecars.emplace(i, std::move(*read));
      continue;
    }
    ++manifest_problems;
    if (options.json) {
      print_json(nlohmann::json{{"path", sidecar->string()},
                                {"status", "manifest_problem"},
                                {"reason", read.error().message}});
    } else {
      fmt::print(stderr, "sidecar {}\n", read.error().message);
    }
  }
  std::vector<const archive::GivenMetadata*> given;
  if (!manifest_rows->empty() || !sidecars.empty()) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto row = manifest_rows->find(archive::manifest_key(files[i]));
      const auto sidecar = sidecars.find(i);
      given.push_back(sidecar != sidecars.end()     ? &sidecar->second
                      : row == manifest_rows->end() ? nullptr
                                                    : &row->second);
    }
  }
  for (const auto& [path, reason] : inputs.skipped) {
    if (options.json) {
      print_json(
          nlohmann::json{{"path", path.string()}, {"status", "skipped"}, {"reason", reason}});
    }
  }
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
      print_json(outcome_json(o));
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
    totals = archive::ingest_files(**store, files, config, report, {}, given);
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
    // The whole backlog sits in RocksDB's memtables: written out beside the indexing rather than
    // after it (3.5 s at the close of fr-news's add).
    (*store)->flush_in_background();
  }

  // What was added is searchable when add returns.
  const auto index_start = std::chrono::steady_clock::now();
  std::vector<indexer::SetAside> set_aside;
  std::mutex set_aside_mutex;  // bulk builds index on several threads
  indexer::UpdaterConfig index_config;
  // By volume only, not by time: what add takes in is searchable when it returns, and fewer
  // commits leave a denser index, the same for the same files however busy the machine is.
  index_config.commit_interval = std::chrono::hours(24);
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
  const Beside beside{inputs.manifests.size() + options.manifests.size(), manifest_problems,
                      inputs.skipped.size()};
  if (options.json) print_summary_json(*totals, beside, secs, *indexed, index_secs);
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
    print_beside(options.json ? stderr : stdout, inputs, beside, totals->metadata_changed);
  }
  if (options.timings) {
    const auto& t = totals->times;
    fmt::print(
        stderr,
        "stage times (summed over threads): read {:.0f} ms, decode {:.0f} ms, normalise {:.0f} ms, "
        "hash {:.0f} ms, compress {:.0f} ms, store {:.0f} ms (stories {:.0f} ms), sync {:.0f} ms; "
        "analyse {:.0f} ms, "
        "index {:.0f} ms, "
        "commit {:.0f} ms, merge {:.0f} ms ({} articles indexed, {} commits)\n",
        ms(t.read), ms(t.decode), ms(t.normalise), ms(t.hash), ms(t.compress), ms(t.store),
        ms(t.stories), ms(t.sync), ms(indexed->analyse), ms(indexed->index), ms(indexed->commit),
        ms(indexed->merge), indexed->indexed, indexed->commits);
  }
  return totals->rejected > 0 || !set_aside.empty() || manifest_problems > 0 ? 1 : 0;
}

}  // namespace

void register_add(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* cmd = app.add_subcommand(
      "add",
      "Take article files into the archive and index them; they are searchable when add returns.\n"
      "Folders are walked recursively (hidden and temporary names skipped, and files that are\n"
      "not articles: tables, data, sidecars, READMEs; a table that is a manifest gives its\n"
      "files' metadata, see --manifest). Prints what was refused and why, then a summary; exits\n"
      "1 if anything was refused, if a manifest row was left out, or if an article could not\n"
      "be indexed (it is archived, set aside with its reason, and every other article is\n"
      "indexed).\n\n"
      "Examples:\n"
      "  kiosque add ../shared/seeds\n"
      "  kiosque add ../shared/corpus/fr-news        # its MANIFEST.tsv gives dates and outlets\n"
      "  kiosque add --manifest list.csv articles/");
  cmd->add_option("paths", options->paths, "Files and folders to take in")
      ->required()
      ->type_name("PATH");
  cmd->add_flag(
      "--json", options->json,
      "Write one JSON line per file to stdout: path, status (added, duplicate,\n"
      "new_raw_version, rejected), id, reason; then a last line {\"summary\": ...} with the\n"
      "counts, seconds and time per stage (read, decode, normalise, hash, compress, store,\n"
      "sync, stories, analyse, index, commit, merge; milliseconds summed over threads)");
  cmd->add_option("--manifest", options->manifests,
                  "Metadata for the files, given beside them: a TSV or CSV table whose header\n"
                  "names a file column (relative to the table's folder) and any of title, date,\n"
                  "source, url, author, section, tags, language. A table like this found in a\n"
                  "folder is read the same way. The files' bytes are untouched; an article\n"
                  "already archived takes the metadata in")
      ->type_name("FILE");
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
