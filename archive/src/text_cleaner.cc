#include "text_cleaner.h"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace kiosque::archive::detail {

namespace {

enum class CharClass { keep, space, newline, drop };

CharClass classify(UChar32 c) {
  if (c < 0x80) {
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f') return CharClass::newline;
    if (c == ' ' || c == '\t') return CharClass::space;
    if (c < 0x20 || c == 0x7F) return CharClass::drop;
    return CharClass::keep;
  }
  if (c == 0x85 || c == 0x2028 || c == 0x2029) return CharClass::newline;
  if (u_isUWhiteSpace(c)) return CharClass::space;
  const auto type = u_charType(c);
  // Cf covers soft hyphen, zero-width (non-)joiners and spaces, BOM, word joiner and bidi marks.
  if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED ||
      type == U_PRIVATE_USE_CHAR || type == U_SURROGATE) {
    return CharClass::drop;
  }
  return CharClass::keep;
}

// One pass over the code points, building trimmed lines with single spaces and at most one blank
// line in a row. A CR followed by LF is one line end.
std::string clean_characters(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  int pending_newlines = 0;  // line ends seen since the last kept character
  auto emit = [&](const char* bytes, std::size_t n) {
    if (!out.empty()) {
      if (pending_newlines >= 2) {
        out += "\n\n";
      } else if (pending_newlines == 1) {
        out += '\n';
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_newlines = 0;
    pending_space = false;
    out.append(bytes, n);
  };
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    // Most text is runs of printable ASCII: copy each run in one go.
    if (p[i] > 0x20 && p[i] < 0x7F) {
      const int32_t start = i;
      while (i < n && p[i] > 0x20 && p[i] < 0x7F) ++i;
      emit(s.data() + start, static_cast<std::size_t>(i - start));
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;  // unreachable for valid UTF-8; drop rather than trust it
    switch (classify(c)) {
      case CharClass::keep:
        emit(s.data() + start, static_cast<std::size_t>(i - start));
        break;
      case CharClass::space:
        pending_space = true;
        break;
      case CharClass::newline:
        if (c == '\r' && i < n && p[i] == '\n') ++i;
        ++pending_newlines;
        pending_space = false;
        break;
      case CharClass::drop:
        break;
    }
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> clean_lines(std::string_view utf8) {
  std::string cleaned = clean_characters(utf8);

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return fail(Errc::internal, "ICU NFC normaliser unavailable");
  if (!nfc->isNormalizedUTF8(cleaned, status)) {
    std::string composed;
    composed.reserve(cleaned.size());
    icu::StringByteSink<std::string> sink(&composed);
    nfc->normalizeUTF8(0, cleaned, sink, nullptr, status);
    cleaned = std::move(composed);
  }
  if (U_FAILURE(status)) {
    return fail(Errc::internal, fmt::format("ICU normalisation failed: {}", u_errorName(status)));
  }

  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= cleaned.size() && !cleaned.empty()) {
    const std::size_t end = cleaned.find('\n', pos);
    const std::size_t stop = end == std::string::npos ? cleaned.size() : end;
    lines.emplace_back(cleaned, pos, stop - pos);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return lines;
}

}  // namespace kiosque::archive::detail
