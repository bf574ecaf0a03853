// Which file names kiosque leaves alone in folders it walks and in the inbox.
#pragma once

#include <string_view>

namespace kiosque::tools {

// Hidden and temporary names: `.*`, `*~`, `*.swp`, `*.part`, `*.tmp`, `*.crdownload`. Editors and
// downloaders write these before renaming to the final name.
bool is_ignored_name(std::string_view name);

}  // namespace kiosque::tools
