// kiosque count QUERY: how many articles match, exactly.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/breakdown_output.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/query_options.h"

namespace kiosque::tools {

namespace {

struct CountOptions {
  QueryOptions query;
  bool json = false;
};

Result<int> run_count(const GlobalOptions& global, const CountOptions& options) {
  indexer::SearchRequest request = options.query.joined();
  request.limit = 0;
  auto found = run_query(global.data, request);
  if (!found) return propagate(found);
  const indexer::SearchResults& results = *found;
  if (options.json) {
    nlohmann::json j{{"schema", 1},
                     {"query", request.query},
                     {"count", results.exact_total() ? nlohmann::json(results.total_lower)
                                                     : nlohmann::json(nullptr)},
                     {"lower", results.total_lower},
                     {"upper", results.total_upper},
                     {"estimated", results.estimated_total}};
    if (results.breakdown) j["breakdown"] = breakdown_json(*results.breakdown);
    print_json(j);
  } else if (results.exact_total()) {
    fmt::print("{}\n", results.total_lower);
  } else {
    fmt::print("about {} (between {} and {})\n", results.estimated_total, results.total_lower,
               results.total_upper);
  }
  if (!options.json && results.breakdown) print_breakdown_text(*results.breakdown);
  return 0;
}

}  // namespace

void register_count(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<CountOptions>();
  CLI::App* cmd = app.add_subcommand(
      "count",
      fmt::format("Count the articles a query matches, exactly up to {} of them (past that, an\n"
                  "estimate between bounds). Same query syntax and date bounds as search.\n\n"
                  "Examples:\n"
                  "  kiosque count '\"réforme des retraites\"' --since 2019 --until 2020\n"
                  "  kiosque count 'source:afp Mali'\n"
                  "  kiosque count Goïta --by year",
                  indexer::kExactCountUpTo));
  add_query_options(cmd, options->query);
  add_breakdown_option(cmd, options->query);
  cmd->add_flag("--json", options->json,
                "Write {\"schema\", \"query\", \"count\" (null past the exact limit), \"lower\",\n"
                "\"upper\", \"estimated\", and with --by \"breakdown\"}");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_count(global, *options); };
  });
}

}  // namespace kiosque::tools
