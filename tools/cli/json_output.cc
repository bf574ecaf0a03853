#include "cli/json_output.h"

#include <fmt/format.h>

namespace kiosque::tools {

void print_json(nlohmann::json j) {
  if (j.is_object() && !j.contains("schema")) j["schema"] = kJsonSchema;
  fmt::print("{}\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace kiosque::tools
