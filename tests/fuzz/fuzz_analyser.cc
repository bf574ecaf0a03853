// Fuzz target: the French analyser on any text (arbitrary bytes decoded to UTF-8 first, as the
// archive does), and its invariants: positions grow, byte ranges lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kiosque/archive/decoder.h"
#include "kiosque/indexer/analyser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = kiosque::archive::decode_text(bytes);
  if (!decoded) return 0;
  static kiosque::indexer::FrenchAnalyser analyser;
  std::vector<kiosque::indexer::Token> tokens;
  analyser.analyse(decoded->utf8, tokens);
  std::uint32_t last = 0;
  for (const auto& t : tokens) {
    if (t.end < t.begin || t.end > decoded->utf8.size()) __builtin_trap();
    if (t.position != 0) {
      if (t.position < last) __builtin_trap();
      last = t.position;
    }
  }
  return 0;
}
