// Bringing a data folder's index up to date with its archive, for the commands that write.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "data_folder.h"
#include "kiosque/archive/store.h"
#include "kiosque/indexer/updater.h"

namespace kiosque::tools {

// Opens (or creates) the index in `index_dir` and indexes every archived article it lacks,
// showing progress on a terminal when `label` is not empty. Articles the index refuses are set
// aside (see indexer::SetAside), each passed to `on_set_aside` when given; the others are indexed.
Result<indexer::UpdateTotals> update_index(const std::filesystem::path& index_dir, const archive::Store& store,
                                           const std::string& label,
                                           const std::function<void(const indexer::SetAside&)>& on_set_aside = {});

}  // namespace kiosque::tools
