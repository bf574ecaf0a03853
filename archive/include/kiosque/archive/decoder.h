// Turns the bytes of an article file into UTF-8 text.
//
// Accepted: UTF-8 with or without a byte-order mark; UTF-16 with a byte-order mark; legacy 8-bit
// French text (Windows-1252, ISO-8859-15, ISO-8859-1), recognised with ICU's charset detector,
// which runs only when the bytes are not valid UTF-8 (it is slow). Refused with Errc::refused and
// a reason: empty text, binary data (NUL bytes or many control characters), text that mixes UTF-8
// with invalid sequences, and text in a charset that is not French 8-bit text. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "kiosque/base/result.h"

namespace kiosque::archive {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // what the bytes were: "UTF-8", "UTF-8 (BOM)", "windows-1252", …
};

Result<DecodedText> decode_text(std::string_view bytes);

// The same for bytes that name their charset (a web page's <meta charset>): a byte-order mark
// wins, then `declared` (a WHATWG label such as "utf-8", "iso-8859-1", "windows-1252"), then
// detection as above when the declared charset is unknown or the bytes do not fit it.
Result<DecodedText> decode_text(std::string_view bytes, std::string_view declared);

// The same refusal of binary data, from a file's first bytes only, so that a large binary file is
// refused before it is read whole. UTF-16 saved without a byte-order mark is named as such.
Result<void> check_text_head(std::string_view head);

}  // namespace kiosque::archive
