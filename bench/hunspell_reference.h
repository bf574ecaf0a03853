// Debian's French Hunspell dictionary (the files the indexer's lexicon is compiled from), through
// libhunspell itself: the reference the lexicon test and the morphology evaluation hold kiosque's
// analyser to. Not thread-safe.
#pragma once

#include <hunspell/hunspell.hxx>
#include <map>
#include <string>

namespace kiosque::bench {

// A lemma Hunspell gives a word.
struct HunspellLemma {
  bool participle = false;  // through a past participle
  bool common = false;      // a common word (written in lower case, not a name or an acronym)
  char pos = '?';           // 'n' noun, 'a' adjective, 'v' verb, '?' anything else
};

class HunspellReference {
 public:
  HunspellReference();

  // The folded lemmas of a lower-case word, written as it is, capitalised or in capitals (the
  // analyser lowers proper nouns and acronyms: `paris` is `Paris` and a form of `pari`). Readings
  // through a prefix that adds letters are left out: an elision (`dp:`), which the analyser
  // strips, and a unit's multiple (`km`: `k` before `st:m`; `kilomètres`: `fl:Um st:mètre`),
  // which the lexicon deliberately does not join to its unit.
  std::map<std::string, HunspellLemma> lemmas(const std::string& word);

  bool spell(const std::string& word) { return hunspell_.spell(word); }

 private:
  Hunspell hunspell_;
};

}  // namespace kiosque::bench
