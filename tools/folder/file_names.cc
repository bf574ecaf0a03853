#include "folder/file_names.h"

namespace kiosque::tools {

bool is_ignored_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return true;
  for (const std::string_view suffix : {".swp", ".part", ".tmp", ".crdownload"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

}  // namespace kiosque::tools
