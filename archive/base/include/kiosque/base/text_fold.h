// Folding for matching: lower case, no accents, no ligatures, one apostrophe.
//
// Shared by the archive (boilerplate and date patterns) and the indexer's French analyser, so that
// what both consider "the same word" cannot drift. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kiosque::base {

// "Cédéao" -> "cedeao", "CŒUR" -> "coeur", "Goïta" -> "goita", "l’Été" -> "l'ete".
// `utf8` must be valid UTF-8.
std::string fold_text(std::string_view utf8);

// Lower case only, accents kept, typographic apostrophes as ': "L’Été" -> "l'été".
std::string lower_text(std::string_view utf8);

// `text` cut to at most `max_bytes`, never inside a UTF-8 sequence (a longer text loses its end).
std::string cut_utf8(std::string text, std::size_t max_bytes);

}  // namespace kiosque::base
