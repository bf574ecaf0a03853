// Numbers in the story keys and values, big-endian so that keys sort as their numbers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosque::archive::detail {

inline void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}

// The first 8 bytes of `in`, which has them.
inline std::uint64_t get_u64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v = v << 8 | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return v;
}

// Capped at 65,535.
inline std::string encode_u16(std::uint64_t v) {
  const auto capped = static_cast<std::uint16_t>(std::min<std::uint64_t>(v, 0xffff));
  return {static_cast<char>(capped >> 8), static_cast<char>(capped & 0xff)};
}

// 0 unless `in` is 2 bytes.
inline std::uint16_t get_u16(std::string_view in) {
  if (in.size() != 2) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(in[0]) << 8 |
                                    static_cast<unsigned char>(in[1]));
}

}  // namespace kiosque::archive::detail
