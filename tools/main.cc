// kiosque: an embedded archive of French news articles with full-text search.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/did_you_mean.h"
#include "cli/hints.h"
#include "cli/pager.h"
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

// The first argument that is not a global option or its value (--data DIR, --color=WHEN), or
// null.
const char* first_word(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const CLI::Option* option = app.get_option_no_throw(std::string(arg));
    if (option != nullptr && option->get_items_expected_max() > 0) {
      ++i;  // its value
    } else if (!arg.starts_with("-")) {
      return argv[i];
    }
  }
  return nullptr;
}

// `kiosque help [COMMAND]`, and a mistyped command named with what was probably meant, before
// CLI11 would only say that a subcommand is required. An exit status, or nullopt to parse on.
std::optional<int> before_parsing(const CLI::App& app, int argc, char** argv) {
  const char* word = first_word(app, argc, argv);
  if (word == nullptr) return std::nullopt;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
  }
  const std::string_view typed = word;
  if (std::find(commands.begin(), commands.end(), typed) != commands.end()) return std::nullopt;
  if (typed == "help") {
    const char* about = nullptr;
    for (int i = 1; i + 1 < argc; ++i) {
      if (argv[i] == typed) about = argv[i + 1];
    }
    if (about == nullptr) {
      fmt::print("{}", app.help());
      return 0;
    }
    if (std::find(commands.begin(), commands.end(), std::string_view(about)) != commands.end()) {
      fmt::print("{}", app.get_subcommand(about)->help());
      return 0;
    }
    word = about;
  }
  fmt::print(stderr, "kiosque: '{}' is not a command.", word);
  if (auto meant = kiosque::tools::closest_name(word, commands)) {
    fmt::print(stderr, " Did you mean {}?", *meant);
  }
  fmt::print(stderr, "\nCommands: {} (kiosque help COMMAND for one)\n", fmt::join(commands, ", "));
  return 2;
}

// Whether the command chosen writes output a person reads page by page.
bool pages(const CLI::App& app) {
  for (const char* name :
       {"search", "show", "list", "similar", "story", "sources", "timeline", "stats"}) {
    const CLI::App* command = app.get_subcommand(name);
    if (command->parsed() == 0) continue;
    if (std::string_view(name) == "show" && command->get_option("--raw")->count() > 0) return false;
    if (std::string_view(name) == "timeline" && command->get_option("--output")->count() > 0)
      return false;
    return true;
  }
  const CLI::App* alert = app.get_subcommand("alert");
  return alert->parsed() > 0 && alert->get_subcommand("show")->parsed() > 0;
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
  app.add_option("--color", global.color,
                 "Bold matches: auto (on a terminal, unless NO_COLOR is set or TERM=dumb),\n"
                 "always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("--no-pager", global.no_pager,
               "Write straight to the terminal: search, show, list, similar, story, sources,\n"
               "timeline, stats and alert show otherwise page long output through\n"
               "$KIOSQUE_PAGER, $PAGER or less");

  kiosque::tools::Action action;
  kiosque::tools::register_add(app, global, action);
  kiosque::tools::register_show(app, global, action);
  kiosque::tools::register_list(app, global, action);
  kiosque::tools::register_search(app, global, action);
  kiosque::tools::register_count(app, global, action);
  kiosque::tools::register_timeline(app, global, action);
  kiosque::tools::register_sources(app, global, action);
  kiosque::tools::register_alert(app, global, action);
  kiosque::tools::register_similar(app, global, action);
  kiosque::tools::register_story(app, global, action);
  kiosque::tools::register_stats(app, global, action);
  kiosque::tools::register_reindex(app, global, action);
  kiosque::tools::register_watch(app, global, action);
  kiosque::tools::register_verify(app, global, action);
  kiosque::tools::register_backup(app, global, action);
  kiosque::tools::register_docs(app, global, action);

  if (auto early = before_parsing(app, argc, argv)) return *early;
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
  const kiosque::tools::Pager pager(!global.no_pager && pages(app));
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
