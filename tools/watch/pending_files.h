// The files the watch service has yet to take in: oldest first, each once.
#pragma once

#include <deque>
#include <filesystem>
#include <set>
#include <vector>

namespace kiosque::tools {

// Thread-safety: used by the service's loop only.
class PendingFiles {
 public:
  void add(const std::filesystem::path& path) {
    if (known_.insert(path).second) order_.push_back(path);
  }
  void add(const std::vector<std::filesystem::path>& paths) {
    for (const auto& p : paths) add(p);
  }
  bool empty() const { return order_.empty(); }
  // Up to `max` of the oldest, no longer pending.
  std::vector<std::filesystem::path> take(std::size_t max) {
    std::vector<std::filesystem::path> out;
    while (!order_.empty() && out.size() < max) {
      known_.erase(order_.front());
      out.push_back(std::move(order_.front()));
      order_.pop_front();
    }
    return out;
  }

 private:
  std::deque<std::filesystem::path> order_;
  std::set<std::filesystem::path> known_;
};

}  // namespace kiosque::tools
