// Breakdowns of matches (search --by, count --by, kiosque sources) written as text and JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

// The names --by takes, in the order help lists them.
inline const std::vector<std::string> kBreakdownNames{"source", "year", "month", "day"};

// `name` is one of kBreakdownNames (the option checks it).
indexer::BreakdownBy breakdown_by(std::string_view name);
std::string_view breakdown_name(indexer::BreakdownBy by);

// One line per bucket, counts right-aligned, then what had no bucket.
void print_breakdown_text(const indexer::Breakdown& breakdown);

// {"by", "counts": [{"key", "count"}], "total", "without", "intake_dated"}.
nlohmann::json breakdown_json(const indexer::Breakdown& breakdown);

}  // namespace kiosque::tools
