// Percentiles of measured samples.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace kiosque::bench {

struct SampleStats {
  std::size_t count = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
};

// Nearest-rank percentiles; all zero for no samples.
SampleStats summarise(std::vector<double> samples);
nlohmann::json to_json(const SampleStats& stats);

}  // namespace kiosque::bench
