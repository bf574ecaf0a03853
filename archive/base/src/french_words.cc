#include "kiosque/base/french_words.h"

#include <algorithm>
#include <array>

namespace kiosque::base {

bool is_french_function_word(std::string_view folded) {
  static constexpr std::array<std::string_view, 62> kWords{
      "a",    "ai",   "au",   "aux", "avec", "c",     "ce",  "ces",  "cet",   "cette", "d",
      "dans", "de",   "des",  "du",  "elle", "elles", "en",  "est",  "et",    "eu",    "il",
      "ils",  "j",    "je",   "l",   "la",   "le",    "les", "leur", "leurs", "lui",   "m",
      "ma",   "mais", "me",   "mes", "n",    "ne",    "ni",  "nous", "on",    "ont",   "ou",
      "par",  "pas",  "pour", "qu",  "que",  "qui",   "s",   "sa",   "se",    "ses",   "son",
      "sont", "sur",  "t",    "un",  "une",  "vous",  "y"};
  return std::binary_search(kWords.begin(), kWords.end(), folded);
}

}  // namespace kiosque::base
