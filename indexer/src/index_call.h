// Marks a call into Xapian on one index, for the crash guard (see crash_guard.h).
#pragma once

#include <filesystem>

namespace kiosque::indexer::detail {

// While one is alive on any thread, a crash signal is reported as damage to `index_dir` (the
// most recently marked index, when threads work on several). Cheap: an atomic counter.
class IndexCall {
 public:
  explicit IndexCall(const std::filesystem::path& index_dir);
  ~IndexCall();
  IndexCall(const IndexCall&) = delete;
  IndexCall& operator=(const IndexCall&) = delete;
};

}  // namespace kiosque::indexer::detail
