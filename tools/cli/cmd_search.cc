// kiosque search QUERY: full-text search with French analysis.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "cli/commands.h"
#include "cli/hit_export.h"
#include "cli/query_options.h"
#include "cli/search_output.h"
#include "cli/terminal.h"

namespace kiosque::tools {

namespace {

struct SearchOptions {
  QueryOptions query;
  std::string sort = "relevance";
  std::string format = "text";
  bool json = false;  // --json, the same as --format json
  std::vector<std::string> fields;
  bool all = false;
};

std::string shown_format(const SearchOptions& options) {
  return options.json ? "json" : options.format;
}
const std::vector<std::string>& shown_fields(const SearchOptions& options) {
  return options.fields.empty() ? kDefaultHitFields : options.fields;
}

Result<void> print_results(const GlobalOptions& global, const SearchOptions& options,
                           const std::string& query, const indexer::SearchResults& results,
                           const archive::Store& store) {
  const std::string format = shown_format(options);
  if (format == "json") {
    print_results_json(results, query);
    return {};
  }
  if (format == "text") {
    print_results_text(results, color_wanted(global.color));
    return {};
  }
  const std::vector<std::string>& fields = shown_fields(options);
  std::vector<std::string> paths;
  if (std::find(fields.begin(), fields.end(), "path") != fields.end()) {
    auto found = first_paths(results, store);
    if (!found) return propagate(found);
    paths = std::move(*found);
  }
  fmt::print("{}", format == "jsonl" ? hits_jsonl(results, fields, paths)
                   : format == "csv" ? hits_delimited(results, fields, paths, ',')
                                     : hits_delimited(results, fields, paths, '\t'));
  for (const std::string& note : results.notes) fmt::print(stderr, "note: {}\n", note);
  return {};
}

Result<int> run_search(const GlobalOptions& global, const SearchOptions& options) {
  indexer::SearchRequest request = options.query.joined();
  request.sort = options.sort == "date" ? indexer::SearchRequest::Sort::date
                                        : indexer::SearchRequest::Sort::relevance;
  if (options.all) request.limit = std::numeric_limits<std::size_t>::max();
  request.per_story = !options.all;
  const std::string format = shown_format(options);
  const auto& fields = shown_fields(options);
  request.snippets = format == "json" || format == "text" ||
                     std::find(fields.begin(), fields.end(), "snippet") != fields.end();
  auto shown = with_query(global.data, request,
                          [&](const indexer::SearchResults& results, const archive::Store& store) {
                            return print_results(global, options, request.query, results, store);
                          });
  if (!shown) return propagate(shown);
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
      "title:word, source:AFP, parentheses.\n"
      "A story (one article in several versions, or outlets reporting one event) is one\n"
      "result, its best-ranked article, followed by \"and N other versions\" with their "
      "outlets.\n\n"
      "Examples:\n"
      "  kiosque search 'Goïta Poutine'\n"
      "  kiosque search '\"réforme des retraites\"' --since 2019 --until 2020 --sort date\n"
      "  kiosque search 'source:afp Mali' --all --format csv > mali.csv");
  add_query_options(cmd, options->query);
  add_breakdown_option(cmd, options->query);
  cmd->add_option("--sort", options->sort, "relevance (default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_option("-n,--limit", options->query.request.limit, "How many results (default 10)");
  cmd->add_option("--offset", options->query.request.offset,
                  "Skip this many results first (default 0)");
  cmd->add_flag("--all", options->all,
                "Every matching article, however many, each version of a story on its own\n"
                "(for export); without it, a story shows once, as its best-ranked article");
  cmd->add_option("--format", options->format,
                  "text (default), json (one object, schema 1), jsonl (a line per hit), csv\n"
                  "(RFC 4180, for a spreadsheet) or tsv")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "tsv"}));
  cmd->add_option("--fields", options->fields,
                  fmt::format("The columns of csv, tsv and jsonl, comma-separated, from: {}\n"
                              "(default {}). date is the publication date, else the intake day,\n"
                              "as date_kind says; path is the file the article first came from",
                              fmt::join(kHitFields, ","), fmt::join(kDefaultHitFields, ",")))
      ->delimiter(',')
      ->check(CLI::IsMember(kHitFields));
  cmd->add_flag("--json", options->json, "The same as --format json");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_search(global, *options); };
  });
}

}  // namespace kiosque::tools
