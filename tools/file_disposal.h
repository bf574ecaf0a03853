// Moving a file out of the inbox into rejected/ or processed/, never overwriting anything.
#pragma once

#include <filesystem>
#include <string>

#include "kiosque/archive/result.h"

namespace kiosque::tools {

// Moves `file`, found under `from_root`, to the same relative place under `to_root` (creating
// folders, private to the owner). When that name or its `.reason` is taken, tries NAME-2.EXT,
// NAME-3.EXT, … : nothing already there is ever overwritten. With a non-empty `reason`, first
// writes it to `<new name>.reason`. Returns the new path.
Result<std::filesystem::path> move_aside(const std::filesystem::path& file, const std::filesystem::path& from_root,
                                         const std::filesystem::path& to_root, const std::string& reason = {});

}  // namespace kiosque::tools
