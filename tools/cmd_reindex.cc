// kiosque reindex: rebuild the index from the archive, the source of truth.
#include <fmt/format.h>

#include "commands.h"
#include "kiosque/indexer/crash_guard.h"
#include "data_folder.h"
#include "index_sync.h"

namespace kiosque::tools {

namespace {

struct ReindexOptions {
  bool quiet = false;
};

Result<int> run_reindex(const GlobalOptions& global, const ReindexOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  if (!std::filesystem::exists(folder.archive() / "CURRENT")) {
    return fail(Errc::not_found, fmt::format("no archive in the data folder {}", folder.root.string()),
                "take articles in with `kiosque add PATH` first");
  }
  // Opening the archive for writing keeps every other writer out while the index is swapped.
  auto store = open_archive_for_writing(folder);
  if (!store) return std::unexpected(store.error());

  // Build beside the live index, then swap: searches keep working, and a failed rebuild leaves
  // the old index in place.
  const auto fresh = folder.root / "index.new";
  const auto old = folder.root / "index.old";
  std::error_code ec;
  std::filesystem::remove_all(fresh, ec);
  std::filesystem::remove_all(old, ec);
  const auto start = std::chrono::steady_clock::now();
  auto totals = update_index(fresh, **store, options.quiet ? "" : "reindexing");
  if (!totals) return std::unexpected(totals.error());
  if (std::filesystem::exists(folder.index())) std::filesystem::rename(folder.index(), old, ec);
  if (!ec) std::filesystem::rename(fresh, folder.index(), ec);
  if (ec) return fail(Errc::io_error, fmt::format("cannot put the new index in place: {}", ec.message()));
  std::filesystem::remove_all(old, ec);
  std::filesystem::remove(indexer::damaged_marker(folder.index()), ec);  // a new index, not damaged
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.quiet) {
    fmt::print("reindexed {} articles in {:.1f} s ({:.0f} articles/s, {} commits)\n", totals->indexed, secs,
               secs > 0 ? static_cast<double>(totals->indexed) / secs : 0.0, totals->commits);
  }
  return 0;
}

}  // namespace

void register_reindex(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ReindexOptions>();
  CLI::App* cmd = app.add_subcommand(
      "reindex", "Rebuild the search index from the archive (after an analyser upgrade, or a damaged index).");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_reindex(global, *options); }; });
}

}  // namespace kiosque::tools
