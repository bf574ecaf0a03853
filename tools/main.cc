// kiosque: an embedded archive of French news articles with full-text search.
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "cli/hints.h"
#include "kiosque/indexer/crash_guard.h"

namespace {

using kiosque::Errc;

// Documented in README.md ("Exit status").
int exit_status(Errc code) {
  switch (code) {
    case Errc::invalid_argument:
      return 2;
    case Errc::not_found:
      return 3;
    case Errc::ambiguous:
      return 3;
    case Errc::busy:
      return 4;
    case Errc::corruption:
      return 5;
    case Errc::version_mismatch:
      return 5;
    case Errc::io_error:
      return 6;
    case Errc::no_space:
      return 6;
    case Errc::refused:
      return 1;
    case Errc::internal:
      return 10;
  }
  return 10;
}

}  // namespace

int main(int argc, char** argv) {
  kiosque::indexer::install_index_crash_guard(
      kiosque::tools::hint_for(kiosque::Error(kiosque::Part::index, Errc::corruption, "")));
  CLI::App app{
      "kiosque: an embedded archive of French news articles with full-text search.\n"
      "Everything lives in one data folder: --data DIR, else $KIOSQUE_DATA, else ./kiosque-data.",
      "kiosque"};
  app.set_version_flag("--version", "kiosque " KIOSQUE_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  kiosque::tools::GlobalOptions global;
  app.add_option("--data", global.data,
                 "The data folder (default: $KIOSQUE_DATA or ./kiosque-data)")
      ->type_name("DIR");

  kiosque::tools::Action action;
  kiosque::tools::register_add(app, global, action);
  kiosque::tools::register_show(app, global, action);
  kiosque::tools::register_list(app, global, action);
  kiosque::tools::register_search(app, global, action);
  kiosque::tools::register_similar(app, global, action);
  kiosque::tools::register_stats(app, global, action);
  kiosque::tools::register_reindex(app, global, action);
  kiosque::tools::register_watch(app, global, action);
  kiosque::tools::register_verify(app, global, action);
  kiosque::tools::register_backup(app, global, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  // Libraries report errors as values; an exception escaping one is a bug, reported as such rather
  // than left to std::terminate.
  kiosque::Result<int> result = 0;
  try {
    result = action();
  } catch (const std::exception& e) {
    result =
        kiosque::fail(Errc::internal, fmt::format("internal error: {}", e.what()),
                      "this is a bug in kiosque: please report it with the command that caused it");
  }
  if (!result) {
    const kiosque::Error& error = result.error();
    fmt::print(stderr, "kiosque: {}\n", error.message);
    if (const std::string hint = kiosque::tools::hint_for(error); !hint.empty())
      fmt::print(stderr, "hint: {}\n", hint);
    return exit_status(error.code);
  }
  return *result;
}
