// The options every command that runs a query takes: its words and the date bounds.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "kiosque/base/result.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

struct QueryOptions {
  std::vector<std::string> words;
  indexer::SearchRequest request;
  std::string by;  // --by, empty when not given
  // The request with its query: the words joined by spaces, as the shell split them.
  indexer::SearchRequest joined() const;
};

// Registers QUERY, --since and --until on `cmd`; `options` must outlive it.
void add_query_options(CLI::App* cmd, QueryOptions& options);
// Registers --by source|year|month|day.
void add_breakdown_option(CLI::App* cmd, QueryOptions& options);

// Runs `request` on a reader snapshot of the data folder `data` (as --data gives it).
Result<indexer::SearchResults> run_query(const std::string& data,
                                         const indexer::SearchRequest& request);
// The same, handing the results to `use` (which may take them) while the snapshot's archive is
// still open.
Result<void> with_query(
    const std::string& data, const indexer::SearchRequest& request,
    const std::function<Result<void>(indexer::SearchResults&, const archive::Store&)>& use);

}  // namespace kiosque::tools
