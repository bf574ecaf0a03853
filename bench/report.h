// kiosque-bench's output: one JSON document (schema "kiosque-bench/1", bench/README.md) and
// the same figures as a readable table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kiosque::bench {

// CPU model, cores, memory, kernel.
nlohmann::json machine_json();

// Each target of issue 5 that the workloads run measured: the figure, the bound, and whether
// it is met.
nlohmann::json check_targets(const nlohmann::json& workloads);

// The figures of `report` as indented "name  value" lines, numbers rounded for people.
std::string report_table(const nlohmann::json& report);

}  // namespace kiosque::bench
