// Fuzz target: the French analyser on any text (arbitrary bytes decoded to UTF-8 first, as the
// archive does), and its invariants: positions grow, byte ranges lie inside the text, and every
// word, term and stem is one Xapian accepts (non-empty, valid UTF-8, short enough with the
// longest prefix), checked by adding each to a real Xapian document.
#include <unicode/utf8.h>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kiosque/archive/decoder.h"
#include "kiosque/indexer/analyser.h"

namespace {

constexpr std::size_t kXapianMaxTermBytes = 245;
constexpr std::size_t kLongestPrefix = 7;  // XSOURCE

void check_term(Xapian::Document& doc, const std::string& form) {
  if (form.empty() || form.size() > kiosque::indexer::FrenchAnalyser::kMaxTermBytes ||
      form.size() + kLongestPrefix > kXapianMaxTermBytes) {
    __builtin_trap();
  }
  const auto* p = reinterpret_cast<const uint8_t*>(form.data());
  const auto n = static_cast<int32_t>(form.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) __builtin_trap();
  }
  try {
    doc.add_term("Z" + form);
  } catch (const Xapian::Error&) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = kiosque::archive::decode_text(bytes);
  if (!decoded) return 0;
  static kiosque::indexer::FrenchAnalyser analyser;
  std::vector<kiosque::indexer::Token> tokens;
  analyser.analyse(decoded->utf8, tokens);
  std::uint32_t last = 0;
  Xapian::Document doc;
  for (const auto& t : tokens) {
    if (t.end < t.begin || t.end > decoded->utf8.size()) __builtin_trap();
    if (t.position != 0) {
      if (t.position < last) __builtin_trap();
      last = t.position;
    }
    check_term(doc, t.word);
    check_term(doc, t.term);
    check_term(doc, t.stem);
    for (const auto& alt : t.alt_stems) check_term(doc, alt);
  }
  return 0;
}
