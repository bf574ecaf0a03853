#include "sample_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kiosque::bench {

namespace {

double rank(const std::vector<double>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  const auto at = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * n))) - 1;
  return sorted[std::min(at, sorted.size() - 1)];
}

}  // namespace

SampleStats summarise(std::vector<double> samples) {
  SampleStats s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.count = samples.size();
  s.p50 = rank(samples, 50);
  s.p95 = rank(samples, 95);
  s.p99 = rank(samples, 99);
  s.max = samples.back();
  s.mean =
      std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
  return s;
}

nlohmann::json to_json(const SampleStats& s) {
  return {{"count", s.count}, {"p50", s.p50}, {"p95", s.p95},
          {"p99", s.p99},     {"max", s.max}, {"mean", s.mean}};
}

}  // namespace kiosque::bench
