#include "kiosque/archive/decoder.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace kiosque::archive {

namespace {

struct Utf8Scan {
  bool valid = true;
  std::size_t first_invalid = 0;  // byte offset, when !valid
  std::size_t multibyte = 0;      // well-formed sequences of two bytes or more
};

// Validates UTF-8 by the Unicode well-formedness table (no overlongs, no surrogates, ≤ U+10FFFF),
// counting the multi-byte sequences so that mixed encodings can be told from legacy 8-bit text.
Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto invalid_at = [&](std::size_t at) {
    if (r.valid) {
      r.valid = false;
      r.first_invalid = at;
    }
  };
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool ok = len != 0 && i + len <= n;
    if (ok && (p[i + 1] < lo || p[i + 1] > hi)) ok = false;
    for (std::size_t k = 2; ok && k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) ok = false;
    }
    if (ok) {
      ++r.multibyte;
      i += len;
    } else {
      invalid_at(i);
      ++i;
    }
  }
  return r;
}

// Control characters that no article text contains (tab, LF, VT, FF and CR excepted).
std::size_t count_controls(std::string_view s) {
  std::size_t count = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') || c == 0x7F) {
      ++count;
    }
  }
  return count;
}

bool looks_binary(std::string_view s) {
  if (std::memchr(s.data(), '\0', s.size()) != nullptr) return true;
  return count_controls(s) * 100 > s.size();  // over 1%
}

// "UTF-16LE" or "UTF-16BE" when the NUL bytes of `s` fall in every other byte, as they do in
// UTF-16 text of Latin script saved without a byte-order mark; else empty.
std::string_view utf16_without_bom(std::string_view s) {
  std::size_t pairs = 0, nul_odd = 0, nul_even = 0;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2, ++pairs) {
    const bool even_nul = s[i] == '\0', odd_nul = s[i + 1] == '\0';
    if (odd_nul && !even_nul) ++nul_odd;
    if (even_nul && !odd_nul) ++nul_even;
  }
  if (pairs < 2) return {};
  if (nul_odd * 10 >= pairs * 6) return "UTF-16LE";
  if (nul_even * 10 >= pairs * 6) return "UTF-16BE";
  return {};
}

Error binary_refusal(std::string_view s) {
  if (const auto utf16 = utf16_without_bom(s); !utf16.empty()) {
    return Error(
        Errc::refused,
        fmt::format("{} text without a byte-order mark, which kiosque cannot tell from binary data",
                    utf16),
        "save it as UTF-8, or as UTF-16 with a byte-order mark");
  }
  return Error(Errc::refused, "binary file (NUL bytes or control characters), not article text");
}

// Converts `bytes` from `charset` to UTF-8, failing on any byte the charset does not define.
Result<std::string> convert_to_utf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), ucnv_close);
  if (U_FAILURE(status)) {
    return fail(Errc::internal,
                fmt::format("ICU has no converter for {}: {}", charset, u_errorName(status)));
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString text;
  const auto capacity = static_cast<int32_t>(bytes.size() + 16);
  UChar* buffer = text.getBuffer(capacity);
  const int32_t length = ucnv_toUChars(conv.get(), buffer, capacity, bytes.data(),
                                       static_cast<int32_t>(bytes.size()), &status);
  text.releaseBuffer(U_SUCCESS(status) ? length : 0);
  if (U_FAILURE(status)) {
    return fail(Errc::refused,
                fmt::format("invalid {} text (byte not defined in that charset)", charset));
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool is_latin_family(std::string_view name) {
  return name == "ISO-8859-1" || name == "windows-1252" || name == "ISO-8859-15";
}

// Chooses among the 8-bit Latin charsets French text comes in. Bytes 0x80-0x9F are printable only
// in windows-1252 (’ “ ” … œ); without them, œ/Œ/€ at 0xBD/0xBC/0xA4 mean ISO-8859-15.
const char* latin_charset(std::string_view bytes) {
  bool c1 = false, latin9 = false;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 && c <= 0x9F) c1 = true;
    if (c == 0xBD || c == 0xBC || c == 0xA4) latin9 = true;
  }
  if (c1) return "windows-1252";
  return latin9 ? "ISO-8859-15" : "ISO-8859-1";
}

Result<std::string> detect_legacy(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status),
                                                                 ucsdet_close);
  if (U_FAILURE(status)) return fail(Errc::internal, "ICU charset detector unavailable");
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_FAILURE(status) || count == 0)
    return fail(Errc::refused, "not text: no character set matches");
  std::string best = ucsdet_getName(matches[0], &status);
  for (int32_t i = 0; i < count; ++i) {
    const std::string_view name = ucsdet_getName(matches[i], &status);
    if (is_latin_family(name) && ucsdet_getConfidence(matches[i], &status) >= 10) {
      return std::string(latin_charset(bytes));
    }
  }
  return fail(Errc::refused,
              fmt::format("not French text: the bytes are not UTF-8 and look like {}", best),
              "convert the file to UTF-8 first");
}

}  // namespace

Result<void> check_text_head(std::string_view head) {
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return {};
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (looks_binary(head)) return std::unexpected(binary_refusal(head));
  return {};
}

Result<DecodedText> decode_text(std::string_view bytes, std::string_view declared) {
  const bool bom = bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") ||
                   bytes.starts_with("\xFE\xFF");
  if (bom || declared.empty()) return decode_text(bytes);
  std::string label(declared);
  // The WHATWG Encoding standard reads these labels as windows-1252.
  if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii" ||
      label == "l1" || label == "cp1252") {
    label = "windows-1252";
  }
  if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8")
    return decode_text(bytes);
  if (looks_binary(bytes)) return std::unexpected(binary_refusal(bytes));
  if (auto utf8 = convert_to_utf8(bytes, label.c_str()); utf8) {
    return DecodedText{std::move(*utf8), label};
  }
  return decode_text(bytes);
}

Result<DecodedText> decode_text(std::string_view bytes) {
  if (bytes.empty()) return fail(Errc::refused, "empty file");

  if (bytes.size() >= 2 && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))) {
    const bool le = bytes[0] == '\xFF';
    auto utf8 = convert_to_utf8(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE");
    if (!utf8) return propagate(utf8);
    if (looks_binary(*utf8))
      return fail(Errc::refused, "binary data (control characters) in UTF-16 text");
    return DecodedText{std::move(*utf8), le ? "UTF-16LE (BOM)" : "UTF-16BE (BOM)"};
  }

  std::string_view body = bytes;
  const bool bom = body.starts_with("\xEF\xBB\xBF");
  if (bom) body.remove_prefix(3);
  if (body.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    return fail(Errc::refused, bom ? "empty file (only a byte-order mark and white space)"
                                   : "empty file (only white space)");
  }
  if (looks_binary(body)) return std::unexpected(binary_refusal(body));

  const Utf8Scan scan = scan_utf8(body);
  if (scan.valid) return DecodedText{std::string(body), bom ? "UTF-8 (BOM)" : "UTF-8"};
  if (bom || scan.multibyte > 0) {
    return fail(Errc::refused,
                fmt::format("invalid UTF-8 at byte {}", scan.first_invalid + (bom ? 3 : 0)),
                "the file mixes UTF-8 with other bytes; re-save it as UTF-8");
  }
  auto charset = detect_legacy(body);
  if (!charset) return propagate(charset);
  auto utf8 = convert_to_utf8(body, charset->c_str());
  if (!utf8) return propagate(utf8);
  return DecodedText{std::move(*utf8), *charset};
}

}  // namespace kiosque::archive
