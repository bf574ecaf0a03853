// Checking that the index holds every archived article exactly once and nothing else, and
// repairing it when it does not.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kiosque/archive/store.h"
#include "kiosque/indexer/index_writer.h"

namespace kiosque::indexer {

struct IndexCheck {
  std::uint64_t documents = 0;
  std::uint64_t missing = 0;  // archived and within the index's watermark, but not in it
  std::uint64_t doubled = 0;  // in it more than once
  std::uint64_t orphans = 0;  // documents naming no archived article
  std::uint64_t behind = 0;   // archived after the index's watermark: indexed at the next catch-up
  std::uint64_t wrong_story = 0;  // indexed under another story than the archive's
  std::uint64_t repaired = 0;     // articles re-indexed or documents removed by `repair`
  std::vector<SetAside>
      set_aside;  // archived but refused by the index (after repair: still refused)
  std::vector<std::string> problems;
};

// Reads every document of the index in `dir` and every entry of the store's log. With `repair`,
// re-indexes missing, doubled, set-aside and wrongly filed articles (under another story than
// the archive's) and removes orphan documents, in one commit
// (the index must not have another writer). `progress(done, total)` counts documents and log
// entries.
Result<IndexCheck> check_index(
    const archive::Store& store, const std::filesystem::path& dir, bool repair,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace kiosque::indexer
