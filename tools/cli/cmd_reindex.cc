// kiosque reindex: rebuild the index from the archive, the source of truth.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "folder/data_folder.h"
#include "kiosque/indexer/indexer.h"

namespace kiosque::tools {

namespace {

struct ReindexOptions {
  bool quiet = false;
};

Result<int> run_reindex(const GlobalOptions& global, const ReindexOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  if (!folder.has_archive()) {
    return fail(Errc::not_found,
                fmt::format("no archive in the data folder {}", folder.root.string()),
                "take articles in with `kiosque add PATH` first");
  }
  // Opening the archive for writing keeps every other writer out while the index is swapped.
  auto store = open_archive_for_writing(folder);
  if (!store) return propagate(store);

  // The stories are grouped again from the archive alone, in intake order, so that a reindex
  // gives the same stories on any copy of the archive; the index then takes them in.
  const auto start = std::chrono::steady_clock::now();
  {
    Progress grouping(options.quiet ? "" : "grouping stories", 0, !options.quiet);
    auto grouped = (*store)->regroup(grouping.reporter());
    grouping.finish();
    if (!grouped) return propagate(grouped);
  }
  // Built beside the live index, then swapped in: searches keep working, and a failed rebuild
  // leaves the old index in place.
  Progress progress(options.quiet ? "" : "reindexing", 0, !options.quiet);
  auto totals = indexer::Indexer::build_anew(folder.index(), **store, progress.reporter());
  progress.finish();
  if (!totals) return propagate(totals);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.quiet) {
    fmt::print("reindexed {} articles in {:.1f} s ({:.0f} articles/s, {} commits)\n",
               totals->indexed, secs, secs > 0 ? static_cast<double>(totals->indexed) / secs : 0.0,
               totals->commits);
  }
  return 0;
}

}  // namespace

void register_reindex(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ReindexOptions>();
  CLI::App* cmd =
      app.add_subcommand("reindex",
                         "Group the archive's stories again and rebuild the search index\n"
                         "from the archive (after an analyser upgrade, or a damaged\n"
                         "index).\n\n"
                         "Examples:\n"
                         "  kiosque reindex\n"
                         "  kiosque --data /srv/kiosque reindex --quiet");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_reindex(global, *options); };
  });
}

}  // namespace kiosque::tools
