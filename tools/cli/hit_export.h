// Search hits as rows for spreadsheets and scripts: CSV (RFC 4180), TSV or JSON Lines, with the
// fields the user chose.
#pragma once

#include <string>
#include <vector>

#include "kiosque/archive/store.h"
#include "kiosque/base/result.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

// Every field a row can have, in the order help lists them. `date` is the filed date (the
// publication date, else the intake day), `date_kind` says which; `path` is the file the article
// first came from, as it was named; `snippet` is plain text.
inline const std::vector<std::string> kHitFields{"id",    "date", "date_kind", "source", "credit",
                                                 "title", "url",  "path",      "score",  "snippet"};
inline const std::vector<std::string> kDefaultHitFields{"id",    "date", "date_kind", "source",
                                                        "title", "url",  "score"};

// The first raw version's path of each hit's article, in hit order.
Result<std::vector<std::string>> first_paths(const indexer::SearchResults& results,
                                             const archive::Store& store);

// A header row, then one row per hit. `separator` ',' gives CSV (fields quoted where they hold a
// comma, a quote or a line break; CRLF line ends); '\t' gives TSV (tabs and line breaks inside a
// field become spaces). `paths` as first_paths gives them, or empty when `fields` lacks path.
std::string hits_delimited(const indexer::SearchResults& results,
                           const std::vector<std::string>& fields,
                           const std::vector<std::string>& paths, char separator);

// One JSON object per hit and line, with `fields` as keys (score a number).
std::string hits_jsonl(const indexer::SearchResults& results,
                       const std::vector<std::string>& fields,
                       const std::vector<std::string>& paths);

}  // namespace kiosque::tools
