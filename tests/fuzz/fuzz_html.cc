// Fuzz target: arbitrary markup through the web-page path (charset prescan, decoding, myhtml,
// metadata, content scoring, normalising), as a page dropped in the inbox would go. Every input
// is made to look like HTML. Refusals are fine; crashes, hangs, sanitizer reports and an
// article without text or with a title on several lines are not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosque/archive/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes = "<!DOCTYPE html>";
  bytes.append(reinterpret_cast<const char*>(data), size);
  auto prepared = kiosque::archive::prepare_bytes(std::move(bytes), {});
  if (!prepared) {
    if (prepared.error().message.starts_with(kiosque::archive::kUnreadablePage)) __builtin_trap();
    return 0;
  }
  if (prepared->content.text.empty()) __builtin_trap();
  if (prepared->content.title.find('\n') != std::string::npos) __builtin_trap();
  return 0;
}
