#include "raw_compression.h"

#include <zstd.h>

#include <memory>
#include <new>

namespace kiosque::archive::detail {

namespace {

// Level 1: zstd's fastest of its regular levels still shrinks a page's markup about fourfold, and
// compressing stays a small part of preparing a page.
constexpr int kLevel = 1;
// Far above any file kiosque takes in (add --max-size), far below what would exhaust memory.
constexpr std::uint64_t kMaxSize = std::uint64_t{1} << 32;

struct ContextFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

ZSTD_CCtx* compression_context() {
  thread_local const std::unique_ptr<ZSTD_CCtx, ContextFree> context = [] {
    std::unique_ptr<ZSTD_CCtx, ContextFree> c(ZSTD_createCCtx());
    if (c == nullptr) throw std::bad_alloc();
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, kLevel);
    // A checksum of the content: damage is told apart from bytes that merely decompress.
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
    return c;
  }();
  return context.get();
}

}  // namespace

std::string compress_raw(std::string_view bytes) {
  std::string frame(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n =
      ZSTD_compress2(compression_context(), frame.data(), frame.size(), bytes.data(), bytes.size());
  // ZSTD_compressBound room never fails to suffice; only a failed allocation of the context can.
  if (ZSTD_isError(n) != 0) throw std::bad_alloc();
  frame.resize(n);
  return frame;
}

std::optional<std::string> decompress_raw(std::string_view frame, std::uint64_t size) {
  // The frame states its content size: a damaged record is refused before anything is allocated
  // for it, unless the damage happens to agree with the size beside it.
  if (size > kMaxSize || ZSTD_getFrameContentSize(frame.data(), frame.size()) != size)
    return std::nullopt;
  thread_local const std::unique_ptr<ZSTD_DCtx, ContextFree> context(ZSTD_createDCtx());
  std::string bytes(size, '\0');
  const std::size_t n =
      ZSTD_decompressDCtx(context.get(), bytes.data(), bytes.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) != 0 || n != size) return std::nullopt;
  return bytes;
}

}  // namespace kiosque::archive::detail
