#include "hunspell_reference.h"

#include <unicode/unistr.h>

#include "kiosque/base/text_fold.h"

namespace kiosque::bench {

namespace {

std::string upper_form(const std::string& word) {
  std::string out;
  icu::UnicodeString::fromUTF8(word).toUpper().toUTF8String(out);
  return out;
}

std::string capitalised_form(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  const int32_t first = u.moveIndex32(0, 1);
  icu::UnicodeString head(u, 0, first), tail(u, first);
  std::string out;
  head.toUpper().append(tail).toUTF8String(out);
  return out;
}

char part_of_speech(const std::string& analysis) {
  if (analysis.find("po:v") != std::string::npos) return 'v';  // a participle is an adj too
  if (analysis.find("po:nom") != std::string::npos) return 'n';
  if (analysis.find("po:adj") != std::string::npos) return 'a';
  return '?';
}

}  // namespace

HunspellReference::HunspellReference()
    : hunspell_(KIOSQUE_HUNSPELL_FR_AFF, KIOSQUE_HUNSPELL_FR_DIC) {}

std::map<std::string, HunspellLemma> HunspellReference::lemmas(const std::string& word) {
  std::map<std::string, HunspellLemma> out;
  const std::string capitalised = capitalised_form(word);
  for (const std::string& written : {word, capitalised, upper_form(word)}) {
    for (const std::string& analysis : hunspell_.analyze(written)) {
      const auto st = analysis.find("st:");
      if (st == std::string::npos || analysis.find("dp:") != std::string::npos) continue;
      const auto end = analysis.find_first_of(" \t", st);
      const std::string lemma = analysis.substr(st + 3, end - st - 3);
      const auto first = analysis.find_first_not_of(' ');
      const bool leading_morph =
          first < st &&
          analysis.substr(first, analysis.find(' ', first) - first).find(':') == std::string::npos;
      const bool unit_multiple =
          analysis.find("fl:U") != std::string::npos &&
          kiosque::base::lower_text(written).rfind(kiosque::base::lower_text(lemma), 0) != 0;
      if (leading_morph || unit_multiple) continue;
      auto& found = out[kiosque::base::fold_text(lemma)];
      found.participle = found.participle || analysis.find("po:ppas") != std::string::npos;
      found.common = found.common || kiosque::base::lower_text(lemma) == lemma;
      if (found.pos == '?') found.pos = part_of_speech(analysis);
    }
  }
  return out;
}

}  // namespace kiosque::bench
