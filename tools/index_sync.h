// Bringing a data folder's index up to date with its archive, for the commands that write.
#pragma once

#include <filesystem>

#include "data_folder.h"
#include "kiosque/archive/store.h"
#include "kiosque/indexer/updater.h"

namespace kiosque::tools {

// Opens (or creates) the index in `index_dir` and indexes every archived article it lacks,
// showing progress on a terminal when `label` is not empty.
Result<indexer::UpdateTotals> update_index(const std::filesystem::path& index_dir, const archive::Store& store,
                                           const std::string& label);

}  // namespace kiosque::tools
