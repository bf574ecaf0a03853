// kiosque search QUERY: full-text search with French analysis.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/search_output.h"
#include "cli/terminal.h"
#include "folder/data_folder.h"
#include "folder/read_snapshot.h"

namespace kiosque::tools {

namespace {

struct SearchOptions {
  std::vector<std::string> words;
  indexer::SearchRequest request;
  std::string sort = "relevance";
  bool json = false;
};

Result<int> run_search(const GlobalOptions& global, SearchOptions options) {
  const DataFolder folder = resolve_data_folder(global.data);
  for (const std::string& w : options.words) {
    if (!options.request.query.empty()) options.request.query += ' ';
    options.request.query += w;
  }
  options.request.sort = options.sort == "date" ? indexer::SearchRequest::Sort::date
                                                : indexer::SearchRequest::Sort::relevance;
  indexer::SearchResults results;
  auto read = read_snapshot(
      folder, IndexNeed::required, [&](const ReaderSnapshot& snapshot) -> Result<void> {
        auto found = snapshot.index()->search(options.request, snapshot.archive());
        if (!found) return propagate(found);
        results = std::move(*found);
        return {};
      });
  if (!read) return propagate(read);
  if (options.json) {
    print_results_json(results, options.request.query);
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
  cmd->add_option("query", options->words, "The query")->required()->type_name("QUERY");
  cmd->add_option("--since", options->request.since,
                  "Only articles dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); a date known\n"
                  "only to the month or year counts as its whole month or year");
  cmd->add_option("--until", options->request.until,
                  "Only articles dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd->add_option("--sort", options->sort, "relevance (default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_option("-n,--limit", options->request.limit, "How many results (default 10)");
  cmd->add_option("--offset", options->request.offset, "Skip this many results first (default 0)");
  cmd->add_flag("--json", options->json, "Write the results as JSON (schema 1)");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_search(global, *options); };
  });
}

}  // namespace kiosque::tools
