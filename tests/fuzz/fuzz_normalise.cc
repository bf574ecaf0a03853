// Fuzz target: arbitrary bytes through decoding, normalising and hashing, as a file dropped in
// the inbox would go. Refusals are fine; crashes, hangs and sanitizer reports are not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosque/archive/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto prepared = kiosque::archive::prepare_bytes(std::move(bytes), {});
  if (prepared && prepared->content.text.empty()) __builtin_trap();  // prepare refuses empty text
  return 0;
}
