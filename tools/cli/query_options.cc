#include "cli/query_options.h"

#include "cli/breakdown_output.h"
#include "folder/data_folder.h"
#include "folder/read_snapshot.h"

namespace kiosque::tools {

indexer::SearchRequest QueryOptions::joined() const {
  indexer::SearchRequest r = request;
  r.query.clear();
  for (const std::string& w : words) {
    if (!r.query.empty()) r.query += ' ';
    r.query += w;
  }
  if (!by.empty()) r.by = breakdown_by(by);
  return r;
}

void add_query_options(CLI::App* cmd, QueryOptions& options) {
  cmd->add_option("query", options.words, "The query")->required()->type_name("QUERY");
  cmd->add_option("--since", options.request.since,
                  "Only articles dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); a date known\n"
                  "only to the month or year counts as its whole month or year");
  cmd->add_option("--until", options.request.until,
                  "Only articles dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)");
}

void add_breakdown_option(CLI::App* cmd, QueryOptions& options) {
  cmd->add_option("--by", options.by,
                  "Also count the matches per source, or per year, month or day of their date\n"
                  "(the publication date, else the intake day); exact however many match")
      ->check(CLI::IsMember(kBreakdownNames))
      ->type_name("source|year|month|day");
}

Result<void> with_query(
    const std::string& data, const indexer::SearchRequest& request,
    const std::function<Result<void>(indexer::SearchResults&, const archive::Store&)>& use) {
  return read_snapshot(resolve_data_folder(data), IndexNeed::required,
                       [&](const ReaderSnapshot& snapshot) -> Result<void> {
                         auto found = snapshot.index()->search(request, snapshot.archive());
                         if (!found) return propagate(found);
                         return use(*found, snapshot.archive());
                       });
}

Result<indexer::SearchResults> run_query(const std::string& data,
                                         const indexer::SearchRequest& request) {
  indexer::SearchResults results;
  auto read = with_query(data, request, [&](indexer::SearchResults& found, const archive::Store&) {
    results = std::move(found);
    return Result<void>{};
  });
  if (!read) return propagate(read);
  return results;
}

}  // namespace kiosque::tools
