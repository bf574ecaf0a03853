// The French analyser: the one place where text becomes search terms, for indexing and for
// queries alike, so that the two cannot drift.
//
// It folds case and accents (Cédéao, CEDEAO, cedeao meet), strips elisions with ’ or ' (l d j m n
// s t c qu jusqu lorsqu puisqu quoiqu) except in words that keep their apostrophe (aujourd'hui),
// splits hyphenated compounds into parts at consecutive positions plus the joined form, joins
// dotted acronyms (C.É.D.É.A.O. -> cedeao), keeps numbers, and reduces each word to its lemma by
// the French lexicon (hunspell-fr: `élus` -> `élire`, `chevaux` -> `cheval`, `belle` -> `beau`),
// or, for a word the lexicon does not know, to its Snowball French stem; lemmas and stems are
// folded.
//
// Not thread-safe (the stemmer and its cache of word forms have state): use one analyser per
// thread, and keep it: the cache is what makes a long-lived analyser fast.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosque::indexer {

struct Token {
  std::string word;  // lower case, accents kept, elision stripped: "été"
  std::string term;  // folded: "ete"
  std::string stem;  // folded lemma (the one a query word stands for), or Snowball stem
  // Further stems at the same position: the other lemmas of an ambiguous form (`élus`: `elire`
  // beside `elu`), or, for a word the lexicon does not know, the Snowball stem of the folded word
  // when it differs. Mostly empty.
  std::vector<std::string> alt_stems;
  std::uint32_t position = 0;  // 0 for a compound's joined form, which has no position of its own
  std::uint32_t begin = 0,
                end = 0;  // byte range of the surface word in the text (after any elision)
};

class FrenchAnalyser {
 public:
  // Stored in the index; a different value means the index must be rebuilt.
  static constexpr std::string_view kVersion = "fr-3";
  // No word, term or stem is longer than this (in bytes): a longer word is kept, findable, by its
  // first kMaxTermBytes bytes, the same cut for the text and for queries. With the longest index
  // prefix (7 bytes) every term stays far below Xapian's limit of 245 bytes.
  static constexpr std::size_t kMaxTermBytes = 120;

  FrenchAnalyser();
  ~FrenchAnalyser();
  FrenchAnalyser(const FrenchAnalyser&) = delete;
  FrenchAnalyser& operator=(const FrenchAnalyser&) = delete;

  // Appends the tokens of `text` (valid UTF-8) to `out`, numbering positions from `first_position`.
  // Returns the next free position.
  std::uint32_t analyse(std::string_view text, std::vector<Token>& out,
                        std::uint32_t first_position = 1);

  // The folded lemma or stem of a lower-case word, exactly as analyse() computes Token::stem.
  std::string stem(std::string_view lower_word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::indexer
