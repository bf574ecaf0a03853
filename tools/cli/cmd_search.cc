// kiosque search QUERY: full-text search with French analysis.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "cli/search_output.h"
#include "cli/terminal.h"

namespace kiosque::tools {

namespace {

struct SearchOptions {
  QueryOptions query;
  std::string sort = "relevance";
  bool json = false;
};

Result<int> run_search(const GlobalOptions& global, const SearchOptions& options) {
  indexer::SearchRequest request = options.query.joined();
  request.sort = options.sort == "date" ? indexer::SearchRequest::Sort::date
                                        : indexer::SearchRequest::Sort::relevance;
  auto found = run_query(global.data, request);
  if (!found) return propagate(found);
  const indexer::SearchResults& results = *found;
  if (options.json) {
    print_results_json(results, request.query);
  } else {
    print_results_text(results, stdout_is_terminal());
  }
  return 0;
}

}  // namespace

void register_search(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Search the archive. Words are matched the way a French reader expects: case, accents and\n"
      "elisions folded (l’appel = appel, Cédéao = CEDEAO), plurals and forms stemmed.\n"
      "Syntax: words (all must match), AND, OR, NOT, \"a phrase\", a NEAR b, prefix*,\n"
      "title:word, source:AFP, parentheses.");
  add_query_options(cmd, options->query);
  add_breakdown_option(cmd, options->query);
  cmd->add_option("--sort", options->sort, "relevance (default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_option("-n,--limit", options->query.request.limit, "How many results (default 10)");
  cmd->add_option("--offset", options->query.request.offset,
                  "Skip this many results first (default 0)");
  cmd->add_flag("--json", options->json, "Write the results as JSON (schema 1)");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_search(global, *options); };
  });
}

}  // namespace kiosque::tools
