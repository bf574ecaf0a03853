// kiosque watch: the watch service (watch/watch_service.h), driven by signals, logging to stderr.
#include <cerrno>
#include <cstring>

#include "cli/commands.h"
#include "cli/watch_signals.h"
#include "watch/watch_service.h"

namespace kiosque::tools {

namespace {

struct WatchOptions {
  bool quiet = false;
  bool verbose = false;
  double rescan_seconds = 60;
  WatchConfig config;
};

Result<int> watch(const GlobalOptions& global, WatchOptions options) {
  const Log log(options.quiet     ? Verbosity::quiet
                : options.verbose ? Verbosity::verbose
                                  : Verbosity::normal);
  WatchSignals signals;
  if (signals.fd() < 0)
    return fail(Errc::internal, fmt::format("cannot read signals: {}", std::strerror(errno)));
  options.config.folder = resolve_data_folder(global.data);
  options.config.rescan_every =
      std::chrono::duration<double>(std::max(0.1, options.rescan_seconds));
  if (auto ran = run_watch(options.config, signals, log); !ran) return propagate(ran);
  return 0;
}

}  // namespace

void register_watch(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "Take in every article dropped into the data folder's inbox/ until stopped (SIGINT, "
      "SIGTERM;\n"
      "SIGHUP rescans the inbox). A file is read once it is closed after writing or moved in\n"
      "(subfolders too; hidden and temporary names such as .x, x~, x.part, x.tmp are left alone "
      "until\n"
      "renamed), after one rename into staging/, so that a name rewritten meanwhile is a new "
      "file.\n"
      "Once its article is safely on disk, the file is removed (moved to processed/ with --keep); "
      "a\n"
      "refused file goes to rejected/ beside NAME.reason. Files already in the inbox or staging/ "
      "are\n"
      "taken at start-up. Articles are searchable within a fraction of a second; an article the "
      "index\n"
      "refuses is set aside (kiosque verify lists it) and never holds up the others. A damaged "
      "index\n"
      "is rebuilt from the archive. One watch per data folder.\n\n"
      "Examples:\n"
      "  kiosque watch\n"
      "  kiosque --data /srv/kiosque watch --keep --quiet");
  cmd->add_flag("--keep", options->config.keep,
                "Move taken files to processed/ instead of removing them");
  cmd->add_flag("-q,--quiet", options->quiet, "Log only refused files, warnings and errors");
  cmd->add_flag("-v,--verbose", options->verbose, "Also log batches, index commits and rescans");
  cmd->add_option("--rescan", options->rescan_seconds,
                  "Seconds between full scans of the inbox, for what inotify missed (default 60)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS");
  cmd->add_option("--max-size", options->config.max_size,
                  "Refuse files larger than this (default 16MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  cmd->add_option("--threads", options->config.threads,
                  "Threads preparing and analysing articles (default: one per core)");
  cmd->add_option(
         "--min-free", options->config.min_free,
         "Pause intake while the data folder's disk has less free space than this (default\n"
         "100MiB); files wait in the inbox, and intake resumes when space returns")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return watch(global, *options); };
  });
}

}  // namespace kiosque::tools
