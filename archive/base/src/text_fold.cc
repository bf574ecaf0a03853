#include "kiosque/base/text_fold.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kiosque::base {

namespace {

bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_apostrophe(UChar32 c) { return c == 0x2019 || c == 0x2018 || c == 0x02BC; }

}  // namespace

std::string fold_text(std::string_view utf8) {
  if (is_ascii(utf8)) return ascii_lower(utf8);
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  text.foldCase();
  const icu::UnicodeString decomposed = nfd->normalize(text, status);
  icu::UnicodeString plain;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    switch (c) {
      case 0x0153:
        plain.append(u"oe");
        break;  // œ
      case 0x00E6:
        plain.append(u"ae");
        break;  // æ
      case 0x00F8:
        plain.append(UChar32{'o'});
        break;  // ø
      case 0x0142:
        plain.append(UChar32{'l'});
        break;  // ł
      case 0x0111:
        plain.append(UChar32{'d'});
        break;  // đ
      default:
        plain.append(is_apostrophe(c) ? UChar32{'\''} : c);
    }
  }
  std::string out;
  plain.toUTF8String(out);
  return out;
}

std::string lower_text(std::string_view utf8) {
  if (is_ascii(utf8)) return ascii_lower(utf8);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  text.toLower(icu::Locale::getFrench());
  for (int32_t i = 0; i < text.length(); ++i) {
    if (is_apostrophe(text.charAt(i))) text.setCharAt(i, u'\'');
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace kiosque::base
