// Normalises decoded article text and pulls out its metadata (title, date, source).
//
// The text is put in NFC; line ends become LF; control, zero-width and soft-hyphen characters go;
// runs of white space (the no-break spaces of French typography included) become one space; lines
// are trimmed; paragraphs are kept, runs of blank lines becoming one. Web boilerplate that is not
// the article (comment forms, "Autres articles", "Lire aussi" lines, empty author labels, share
// prompts, picture credits) is removed. A `date 2023-09` header is taken out of the text into the
// date. Two texts that differ only in those respects normalise to the same bytes, and so to the
// same article id. Thread-safe: the normaliser holds only immutable ICU singletons.
#pragma once

#include <string_view>

#include "kiosque/archive/article.h"
#include "kiosque/base/result.h"

namespace kiosque::archive {

struct NormaliseConfig {
  // Dates after this day (YYYYMMDD) are not publication dates; 0 means today.
  std::uint32_t latest_date = 0;
};

// `utf8` must be valid UTF-8 (as decode_text returns). Errors only if ICU fails.
Result<NormalisedText> normalise(std::string_view utf8, const NormaliseConfig& config = {});

}  // namespace kiosque::archive
