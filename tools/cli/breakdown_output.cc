#include "cli/breakdown_output.h"

#include <fmt/format.h>

#include <algorithm>

namespace kiosque::tools {

indexer::BreakdownBy breakdown_by(std::string_view name) {
  if (name == "year") return indexer::BreakdownBy::year;
  if (name == "month") return indexer::BreakdownBy::month;
  if (name == "day") return indexer::BreakdownBy::day;
  return indexer::BreakdownBy::source;
}

std::string_view breakdown_name(indexer::BreakdownBy by) {
  return kBreakdownNames[static_cast<std::size_t>(by)];
}

void print_breakdown_text(const indexer::Breakdown& b) {
  std::uint64_t widest = std::max<std::uint64_t>(b.without, 1);
  for (const auto& [key, count] : b.counts) widest = std::max(widest, count);
  const std::size_t width = std::to_string(widest).size();
  for (const auto& [key, count] : b.counts) fmt::print("{:>{}}  {}\n", count, width, key);
  if (b.without > 0) {
    fmt::print("{:>{}}  {}\n", b.without, width,
               b.by == indexer::BreakdownBy::source ? "(no source)" : "(date less precise)");
  }
  if (b.by != indexer::BreakdownBy::source && b.intake_dated > 0) {
    fmt::print("{} of {} state no date and are counted at their intake day\n", b.intake_dated,
               b.total);
  }
}

nlohmann::json breakdown_json(const indexer::Breakdown& b) {
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& [key, count] : b.counts) counts.push_back({{"key", key}, {"count", count}});
  return {{"by", breakdown_name(b.by)},
          {"counts", std::move(counts)},
          {"total", b.total},
          {"without", b.without},
          {"intake_dated", b.intake_dated}};
}

}  // namespace kiosque::tools
