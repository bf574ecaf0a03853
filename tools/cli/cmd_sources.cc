// kiosque sources [QUERY]: the outlets articles name, with how many articles each.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/breakdown_output.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/query_options.h"

namespace kiosque::tools {

namespace {

struct SourcesOptions {
  std::vector<std::string> words;
  bool json = false;
};

Result<int> run_sources(const GlobalOptions& global, const SourcesOptions& options) {
  QueryOptions query;
  query.words = options.words;
  indexer::SearchRequest request = query.joined();
  request.everything = options.words.empty();
  request.limit = 0;
  request.by = indexer::BreakdownBy::source;
  auto found = run_query(global.data, request);
  if (!found) return propagate(found);
  const indexer::Breakdown& b = *found->breakdown;
  if (options.json) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& [name, count] : b.counts)
      sources.push_back({{"source", name}, {"count", count}});
    const nlohmann::json j{{"schema", 1},
                           {"query", request.query},
                           {"sources", std::move(sources)},
                           {"without", b.without},
                           {"total", b.total}};
    print_json(j);
  } else {
    print_breakdown_text(b);
  }
  return 0;
}

}  // namespace

void register_sources(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SourcesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sources",
      "List the sources articles name (the outlet given beside them, else the credit their text\n"
      "states), most articles first, over the whole archive or the matches of a query.\n"
      "source:NAME finds them by any word of the name (source:figaro finds Le Figaro).\n\n"
      "Examples:\n"
      "  kiosque sources\n"
      "  kiosque sources Mali --json");
  cmd->add_option("query", options->words, "Count only the articles this query matches")
      ->type_name("QUERY");
  cmd->add_flag("--json", options->json,
                "Write {\"schema\", \"query\", \"sources\": [{\"source\", \"count\"}], "
                "\"without\", \"total\"}");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_sources(global, *options); };
  });
}

}  // namespace kiosque::tools
