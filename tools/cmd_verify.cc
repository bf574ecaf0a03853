// kiosque verify: check that the archive is intact and that the index matches it.
#include <fmt/format.h>

#include <cstdio>
#include <functional>

#include "commands.h"
#include "data_folder.h"
#include "kiosque/indexer/index_check.h"
#include "terminal.h"

namespace kiosque::tools {

namespace {

struct VerifyOptions {
  bool repair = false;
  bool quiet = false;
};

constexpr int kAttempts = 3;
constexpr std::size_t kShown = 20;

void show_problems(const std::vector<std::string>& problems) {
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) fmt::print("  {}\n", problems[i]);
  if (problems.size() > kShown) fmt::print("  … and {} more\n", problems.size() - kShown);
}

// Progress whose total the work reports as it goes.
std::function<void(std::uint64_t, std::uint64_t)> show_on(Progress& progress) {
  return [&progress](std::uint64_t done, std::uint64_t total) {
    progress.set_total(total);
    progress.update(done, 0);
  };
}

Result<int> run_verify(const GlobalOptions& global, const VerifyOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  const auto start = std::chrono::steady_clock::now();
  auto store = open_archive_for_reading(folder);
  if (!store) return std::unexpected(store.error());

  Progress archive_progress("verifying the archive", 0);
  auto archive = (*store)->verify(show_on(archive_progress));
  archive_progress.finish();
  if (!archive) return std::unexpected(archive.error());
  const bool archive_ok = archive->problems.empty();
  fmt::print("archive: {} articles, {} raw versions, {} log entries, {} re-hashed: {}\n", archive->articles,
             archive->raw_versions, archive->log_entries, human_bytes(archive->bytes),
             archive_ok ? "OK" : fmt::format("{} problems", archive->problems.size()));
  show_problems(archive->problems);
  std::fflush(stdout);

  // Beside a running watch the archive is read as a snapshot, and the index after it: when a
  // commit lands in between, the index is checked again against a newer snapshot.
  std::optional<indexer::IndexCheck> index;
  for (int attempt = 1; std::filesystem::exists(folder.index()); ++attempt) {
    Progress index_progress("verifying the index", 0);
    auto checked = indexer::check_index(**store, folder.index(), options.repair, show_on(index_progress));
    index_progress.finish();
    if (!checked && checked.error().code == Errc::busy && attempt < kAttempts) {
      store = open_archive_for_reading(folder);
      if (!store) return std::unexpected(store.error());
      continue;
    }
    if (!checked) return std::unexpected(checked.error());
    index = std::move(*checked);
    break;
  }

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bool index_ok = true;
  if (!index) {
    fmt::print("index: none (run `kiosque reindex` to build it)\n");
    index_ok = archive->articles == 0;
  } else {
    const std::uint64_t found = index->missing + index->doubled + index->orphans;
    index_ok = found == 0 || index->repaired == found;
    fmt::print("index: {} documents; {} missing, {} doubled, {} naming no article{}: {}\n", index->documents,
               index->missing, index->doubled, index->orphans,
               index->behind > 0 ? fmt::format(", {} not yet indexed", index->behind) : std::string(),
               found == 0 ? "OK" : index->repaired == found ? fmt::format("repaired {}", index->repaired)
                                                            : "run `kiosque verify --repair`");
    show_problems(index->problems);
    if (!index->set_aside.empty()) {
      fmt::print("index: {} articles could not be indexed and are set aside (above); `kiosque verify --repair` "
                 "or `kiosque reindex` tries them again, after an upgrade that fixes them\n",
                 index->set_aside.size());
    }
  }
  if (!options.quiet) fmt::print("verified in {:.1f} s\n", secs);
  if (!archive_ok) {
    fmt::print(stderr, "kiosque: the archive is damaged: keep a copy of the data folder before anything else, "
                       "and restore the damaged articles from a backup (see README, Backup and restore)\n");
    return 5;
  }
  if (!index_ok) return 5;
  return index && !index->set_aside.empty() ? 1 : 0;
}

}  // namespace

void register_verify(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check the data folder: re-hash every raw version and normalised text against its id, check\n"
      "the ingestion log and counters, and check that every article is in the index exactly once\n"
      "and that the index holds nothing else. Exits 5 when something is damaged, 1 when some\n"
      "articles could not be indexed (set aside, each named with its file and reason). Works\n"
      "beside a running watch (without --repair).");
  cmd->add_flag("--repair", options->repair,
                "Re-index articles missing from the index (or in it twice), try set-aside articles\n"
                "again, and remove index entries naming no article; the archive itself is never changed");
  cmd->add_flag("-q,--quiet", options->quiet, "Do not print the time taken");
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_verify(global, *options); }; });
}

}  // namespace kiosque::tools
