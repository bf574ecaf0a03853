#include "breakdown_spy.h"

#include <algorithm>

#include "schema.h"

namespace kiosque::indexer::detail {

namespace {

// "20230910" -> "2023", "2023-09" or "2023-09-10" as `by` asks; empty when the date is coarser
// than that (a month of "20230900" by day).
std::string date_bucket(const std::string& value, BreakdownBy by) {
  if (value.size() != 8) return {};
  const std::string year = value.substr(0, 4), month = value.substr(4, 2), day = value.substr(6, 2);
  if (by == BreakdownBy::year) return year;
  if (month == "00") return {};
  if (by == BreakdownBy::month) return year + "-" + month;
  if (day == "00") return {};
  return year + "-" + month + "-" + day;
}

}  // namespace

void BreakdownSpy::operator()(const Xapian::Document& doc, double) {
  ++totals_.total;
  std::string bucket;
  if (by_ == BreakdownBy::source) {
    bucket = doc.get_value(schema::kSourceSlot);
  } else {
    bucket = date_bucket(doc.get_value(schema::kDateSlot), by_);
    if (doc.get_value(schema::kDateKindSlot) == schema::kIntakeDated) ++totals_.intake_dated;
  }
  if (bucket.empty()) {
    ++totals_.without;
  } else {
    ++counts_[bucket];
  }
}

Breakdown BreakdownSpy::result() const {
  Breakdown out = totals_;
  out.by = by_;
  out.counts.assign(counts_.begin(), counts_.end());
  if (by_ == BreakdownBy::source) {
    std::stable_sort(out.counts.begin(), out.counts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  return out;
}

}  // namespace kiosque::indexer::detail
