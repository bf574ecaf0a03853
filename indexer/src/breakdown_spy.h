// Counts matches per bucket of a value slot while Xapian matches (a match spy), for breakdowns by
// outlet or by period of the filed date.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "kiosque/indexer/searcher.h"

namespace kiosque::indexer::detail {

class BreakdownSpy : public Xapian::MatchSpy {
 public:
  explicit BreakdownSpy(BreakdownBy by) : by_(by) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  // The counts seen so far, as the caller reports them.
  Breakdown result() const;

 private:
  BreakdownBy by_;
  std::map<std::string, std::uint64_t> counts_;
  Breakdown totals_;
};

}  // namespace kiosque::indexer::detail
