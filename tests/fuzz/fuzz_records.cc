// Fuzz target: arbitrary bytes read as every kind of archive record, as a damaged table would
// hand them over. Each decoder must refuse or decode, never read out of bounds; what decodes
// must encode back to bytes that decode the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "record_codec.h"

using namespace kiosque::archive;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const ArticleId id{};
  if (auto article = detail::decode_article(id, bytes)) {
    const std::string again = detail::encode_article(*article);
    auto round = detail::decode_article(id, again);
    if (!round || round->content.text != article->content.text || round->seq != article->seq)
      __builtin_trap();
  }
  if (auto raw = detail::decode_raw(bytes)) {
    auto round_bytes = detail::encode_raw(raw->article, raw->encoding, raw->bytes);
    auto round = detail::decode_raw(round_bytes);
    if (!round || round->bytes != raw->bytes) __builtin_trap();
  }
  (void)detail::decode_provenance(bytes);
  (void)detail::decode_log_value(bytes);
  (void)detail::decode_seq(bytes);
  (void)detail::decode_counters(bytes);
  return 0;
}
