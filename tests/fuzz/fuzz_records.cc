// Fuzz target: arbitrary bytes read as every kind of archive record, as a damaged table would
// hand them over. Each decoder must refuse or decode, never read out of bounds; what decodes
// must encode back to bytes that decode the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "raw_compression.h"
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
    // Only files the fuzzer could afford to hold are decompressed; damage that claims a huge
    // size is the decompressor's own check.
    if (raw->size < (1u << 20)) {
      if (auto file = detail::raw_file_bytes(*raw)) {
        const std::string again = detail::encode_raw(raw->article, raw->encoding, file->size(),
                                                     detail::compress_raw(*file));
        auto round = detail::decode_raw(again);  // views into `again`
        if (!round || round->size != file->size() || detail::raw_file_bytes(*round) != file)
          __builtin_trap();
      }
    }
  }
  (void)detail::decode_provenance(bytes);
  (void)detail::decode_log_value(bytes);
  (void)detail::decode_seq(bytes);
  (void)detail::decode_counters(bytes);
  return 0;
}
