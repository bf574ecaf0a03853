// kiosque backup DIR: a consistent copy of the data folder, taken while watch may be running.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/terminal.h"
#include "folder/read_snapshot.h"
#include "kiosque/base/clock.h"
#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

struct BackupOptions {
  std::string dest;
};

Result<int> run_backup(const GlobalOptions& global, const BackupOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  const DataFolder backup{options.dest};
  std::error_code ec;
  const auto inside = [&ec](const std::filesystem::path& outer,
                            const std::filesystem::path& inner) {
    const auto a = std::filesystem::weakly_canonical(std::filesystem::absolute(outer), ec);
    const auto b = std::filesystem::weakly_canonical(std::filesystem::absolute(inner), ec);
    return std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first == a.end();
  };
  if (inside(folder.root, backup.root)) {
    return fail(
        Errc::invalid_argument,
        fmt::format("{} is inside the data folder {}", base::printable_name(backup.root.string()),
                    base::printable_name(folder.root.string())),
        "back up to another folder, best on another disk: a backup inside the data folder is lost "
        "with "
        "it, and one in its inbox would be taken in as articles");
  }
  if (std::filesystem::exists(backup.root, ec) && !std::filesystem::is_empty(backup.root, ec)) {
    return fail(
        Errc::invalid_argument,
        fmt::format("{} exists and is not empty", base::printable_name(backup.root.string())),
        "back up into a new folder: nothing already there is ever overwritten");
  }
  const auto start = std::chrono::steady_clock::now();
  if (auto made = backup.create(); !made) return propagate(made);

  // One snapshot: the copy of the index names only articles the copy of the archive holds.
  std::uint64_t indexed = 0;
  std::optional<archive::StoreStats> stats;
  auto read = read_snapshot(
      folder, IndexNeed::if_present, [&](const ReaderSnapshot& snapshot) -> Result<void> {
        if (snapshot.index() != nullptr) {
          auto copied = snapshot.index()->copy_to(backup.index());
          if (!copied) return propagate(copied);
          indexed = *copied;
        }
        if (auto checkpoint = snapshot.archive().checkpoint(backup.archive()); !checkpoint)
          return propagate(checkpoint);
        auto figures = snapshot.archive().stats();
        if (!figures) return propagate(figures);
        stats = *figures;
        return {};
      });
  if (!read) return propagate(read);

  std::ofstream(backup.root / "BACKUP.txt") << fmt::format(
      "kiosque backup of {}\ntaken: {}\narticles: {}\narchive log: up to #{}\nindex: up to #{}\n",
      std::filesystem::absolute(folder.root).string(), iso_time(base::unix_ms_now()),
      stats->articles, stats->last_seq, indexed);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("backed up {} articles (archive log up to #{}, index up to #{}) to {} in {:.1f} s\n",
             stats->articles, stats->last_seq, indexed, base::printable_name(backup.root.string()),
             secs);
  fmt::print(
      "check it:  kiosque --data {0} verify\nrestore:   stop kiosque, move the data folder aside, "
      "then "
      "cp -a {0} DATA-FOLDER\n",
      base::printable_name(backup.root.string()));
  return 0;
}

}  // namespace

void register_backup(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<BackupOptions>();
  CLI::App* cmd = app.add_subcommand(
      "backup",
      "Copy the data folder, consistently, into a new folder DIR, even while kiosque watch runs:\n"
      "a RocksDB checkpoint of the archive (tables hard-linked when DIR is on the same disk) and\n"
      "a compacted copy of the index at one commit. DIR is a complete data folder: check it with\n"
      "`kiosque --data DIR verify`; restore by copying it back in place of the data folder.\n\n"
      "Examples:\n"
      "  kiosque backup /srv/backups/kiosque-2026-11-21\n"
      "  kiosque --data /srv/backups/kiosque-2026-11-21 verify");
  cmd->add_option("dir", options->dest, "The new folder to write the backup to")
      ->required()
      ->type_name("DIR");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_backup(global, *options); };
  });
}

}  // namespace kiosque::tools
