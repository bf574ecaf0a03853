// The wall clock as kiosque records it: Unix time in milliseconds (provenance, intake, matches).
#pragma once

#include <chrono>
#include <cstdint>

namespace kiosque::base {

inline std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kiosque::base
