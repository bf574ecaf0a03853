// kiosque alert add|list|remove|show: saved searches that `watch` checks new articles against.
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "alerts/saved_alerts.h"
#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/query_options.h"
#include "folder/read_snapshot.h"
#include "kiosque/base/clock.h"

namespace kiosque::tools {

namespace {

struct AlertOptions {
  std::string name;
  std::string query;
  std::string since;
  std::vector<std::string> command;
  bool all = false;
  bool json = false;
};

// The archive's last log entry: an alert saved now matches only what comes after it.
Result<std::uint64_t> archive_end(const DataFolder& folder) {
  if (!folder.has_archive()) return 0;
  std::uint64_t last = 0;
  auto read = read_snapshot(folder, IndexNeed::none, [&](const ReaderSnapshot& snapshot) {
    last = snapshot.archive().last_seq();
    return Result<void>{};
  });
  if (!read) return propagate(read);
  return last;
}

Result<int> run_add(const GlobalOptions& global, const AlertOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  if (auto named = AlertFiles::check_name(options.name); !named) return propagate(named);
  // The query is checked now, where the mistake can be told, rather than at each batch.
  indexer::SearchRequest request;
  request.query = options.query;
  request.since = options.since;
  request.limit = 0;
  if (folder.has_archive()) {
    auto tried = run_query(global.data, request);
    if (!tried && tried.error().code != Errc::not_found) return propagate(tried);
  }
  auto after = archive_end(folder);
  if (!after) return propagate(after);
  const SavedAlert alert{.name = options.name,
                         .query = options.query,
                         .since = options.since,
                         .command = options.command,
                         .after_seq = *after,
                         .created_ms = base::unix_ms_now()};
  if (auto added = AlertFiles(folder).add(alert); !added) return propagate(added);
  fmt::print(
      "alert {} saved: kiosque watch checks each new article against '{}'{}\n", alert.name,
      alert.query,
      alert.command.empty() ? "" : fmt::format(" and runs {} for each match", alert.command[0]));
  return 0;
}

Result<int> run_list(const GlobalOptions& global, const AlertOptions& options) {
  const AlertFiles files(resolve_data_folder(global.data));
  auto alerts = files.load();
  if (!alerts) return propagate(alerts);
  auto matches = files.all_matches();
  if (!matches) return propagate(matches);
  for (const SavedAlert& a : *alerts) {
    std::size_t total = 0;
    for (const AlertMatch& m : *matches) total += m.alert == a.name;
    auto unseen = files.unseen(a.name, false);
    if (!unseen) return propagate(unseen);
    if (options.json) {
      const nlohmann::json j{{"schema", 1},
                             {"name", a.name},
                             {"query", a.query},
                             {"since", a.since},
                             {"command", a.command},
                             {"matches", total},
                             {"unseen", unseen->matches.size()},
                             {"created_at", iso_time(a.created_ms)}};
      print_json(j);
    } else {
      fmt::print("{}  {}{}{}  ({} matches, {} unseen)\n", a.name, a.query,
                 a.since.empty() ? "" : "  since " + a.since,
                 a.command.empty() ? "" : fmt::format("  runs {}", fmt::join(a.command, " ")),
                 total, unseen->matches.size());
    }
  }
  if (alerts->empty() && !options.json) fmt::print("no alerts (kiosque alert add NAME QUERY)\n");
  return 0;
}

Result<int> run_remove(const GlobalOptions& global, const AlertOptions& options) {
  if (auto removed = AlertFiles(resolve_data_folder(global.data)).remove(options.name); !removed)
    return propagate(removed);
  fmt::print("alert {} removed\n", options.name);
  return 0;
}

Result<int> run_show(const GlobalOptions& global, const AlertOptions& options) {
  const AlertFiles files(resolve_data_folder(global.data));
  auto alerts = files.load();
  if (!alerts) return propagate(alerts);
  if (std::none_of(alerts->begin(), alerts->end(),
                   [&](const SavedAlert& a) { return a.name == options.name; })) {
    return fail(Errc::not_found, fmt::format("there is no alert named '{}'", options.name),
                "kiosque alert list shows the alerts");
  }
  auto unseen = files.unseen(options.name, options.all);
  if (!unseen) return propagate(unseen);
  for (const AlertMatch& m : unseen->matches) {
    if (options.json) {
      const nlohmann::json j{
          {"alert", m.alert},   {"id", m.id.hex()}, {"seq", m.seq},
          {"title", m.title},   {"date", m.date},   {"date_kind", m.date_kind},
          {"source", m.source}, {"url", m.url},     {"matched_at", iso_time(m.at_ms)}};
      print_json(j);
    } else {
      fmt::print("{}  {:<10}  {}{}\n", m.id.hex().substr(0, 12),
                 m.date_kind == "intake" ? m.date + "*" : m.date,
                 m.title.empty() ? "(no title)" : m.title,
                 m.source.empty() ? "" : "  — " + m.source);
    }
  }
  if (!options.json) {
    fmt::print("{} match{} {}\n", unseen->matches.size(), unseen->matches.size() == 1 ? "" : "es",
               options.all ? "in all" : "since the last look");
  }
  if (auto marked = files.mark_seen(options.name, unseen->end); !marked) return propagate(marked);
  return 0;
}

}  // namespace

void register_alert(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<AlertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "alert",
      "Saved searches that kiosque watch checks every newly indexed article against. Each new\n"
      "match is appended to the data folder's alerts/matches.jsonl, and the alert's command, if "
      "it\n"
      "has one, is run with the article in its environment (KIOSQUE_ALERT, KIOSQUE_ID,\n"
      "KIOSQUE_TITLE, KIOSQUE_DATE, KIOSQUE_DATE_KIND, KIOSQUE_SOURCE, KIOSQUE_URL,\n"
      "KIOSQUE_QUERY, KIOSQUE_DATA), never through a shell line made from article text; a failing\n"
      "command is tried 3 times in all. An alert never delays intake.\n\n"
      "Examples:\n"
      "  kiosque alert add mali 'Mali Goïta' --since 2023\n"
      "  kiosque alert add retraites '\"réforme des retraites\"' -- notify-send kiosque\n"
      "  kiosque alert show mali");
  cmd->require_subcommand(1);

  CLI::App* add = cmd->add_subcommand("add", "Save an alert");
  add->add_option("name", options->name, "Its name: letters, digits, - and _")->required();
  add->add_option("query", options->query, "The query, as kiosque search takes it (quoted)")
      ->required();
  add->add_option("--since", options->since, "Only articles dated on or after (YYYY[-MM[-DD]])");
  add->add_option("command", options->command,
                  "After --: a program and its arguments, run for each match")
      ->type_name("-- PROGRAM [ARG...]");
  add->callback([&global, &action, options] {
    action = [&global, options] { return run_add(global, *options); };
  });

  CLI::App* list = cmd->add_subcommand("list", "List the saved alerts, with their match counts");
  list->add_flag("--json", options->json, "One JSON object per line");
  list->callback([&global, &action, options] {
    action = [&global, options] { return run_list(global, *options); };
  });

  CLI::App* remove =
      cmd->add_subcommand("remove", "Remove a saved alert (its matches stay logged)");
  remove->add_option("name", options->name, "The alert")->required();
  remove->callback([&global, &action, options] {
    action = [&global, options] { return run_remove(global, *options); };
  });

  CLI::App* show = cmd->add_subcommand(
      "show", "The alert's matches since the last look (a date with * is the intake day)");
  show->add_option("name", options->name, "The alert")->required();
  show->add_flag("--all", options->all, "Every match, not only those since the last look");
  show->add_flag("--json", options->json, "One JSON object per match and line");
  show->callback([&global, &action, options] {
    action = [&global, options] { return run_show(global, *options); };
  });
}

}  // namespace kiosque::tools
