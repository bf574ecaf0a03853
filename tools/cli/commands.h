// The subcommands of `kiosque`, one file each. Each registers its options on the root app and,
// when chosen, sets `action` to the work to do. An action returns the exit status on success
// (0, or 1 when some input was refused) and an Error otherwise, which main() reports.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "kiosque/base/result.h"

namespace kiosque::tools {

struct GlobalOptions {
  std::string data;            // --data DIR
  std::string color = "auto";  // --color auto|always|never
  bool no_pager = false;       // --no-pager
};

using Action = std::function<Result<int>()>;

void register_add(CLI::App& app, const GlobalOptions& global, Action& action);
void register_show(CLI::App& app, const GlobalOptions& global, Action& action);
void register_list(CLI::App& app, const GlobalOptions& global, Action& action);
void register_stats(CLI::App& app, const GlobalOptions& global, Action& action);
void register_search(CLI::App& app, const GlobalOptions& global, Action& action);
void register_count(CLI::App& app, const GlobalOptions& global, Action& action);
void register_timeline(CLI::App& app, const GlobalOptions& global, Action& action);
void register_sources(CLI::App& app, const GlobalOptions& global, Action& action);
void register_alert(CLI::App& app, const GlobalOptions& global, Action& action);
// completion and manpage, made from `app` as every other command registered it: call last.
void register_docs(CLI::App& app, const GlobalOptions& global, Action& action);
void register_similar(CLI::App& app, const GlobalOptions& global, Action& action);
void register_story(CLI::App& app, const GlobalOptions& global, Action& action);
void register_reindex(CLI::App& app, const GlobalOptions& global, Action& action);
void register_watch(CLI::App& app, const GlobalOptions& global, Action& action);
void register_verify(CLI::App& app, const GlobalOptions& global, Action& action);
void register_backup(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace kiosque::tools
