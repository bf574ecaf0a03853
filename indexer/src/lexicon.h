// The French lexicon: every form of Debian's French Hunspell dictionary (hunspell-fr) and the
// lemmas it is a form of, compiled at build time (lexicon/compile_lexicon.cc) and embedded in the
// binary, so that a search process pays only for the pages its few lookups touch.
//
// Immutable: thread-safe, and its views live as long as the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kiosque::indexer::detail {

// The folded lemmas of one form, the one a query word stands for first.
class Lemmas {
 public:
  Lemmas() = default;
  Lemmas(const std::uint32_t* refs, std::size_t count, const char* strings)
      : refs_(refs), count_(count), strings_(strings) {}
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  std::string_view operator[](std::size_t i) const { return strings_ + refs_[i]; }

 private:
  const std::uint32_t* refs_ = nullptr;
  std::size_t count_ = 0;
  const char* strings_ = nullptr;
};

class Lexicon {
 public:
  // The embedded French lexicon.
  static const Lexicon& french();

  // The lemmas of a lower-case word, by its form as written (`dû` is `devoir`'s, `du` the
  // article's) or, for a word written without its accents (`elus`), by every form that folds to it;
  // empty for a word the dictionary does not know (proper nouns it lacks, new words).
  Lemmas lemmas(std::string_view lower_word) const;

  // Every form in key order with its lemmas, for a tool that reads the whole table (the
  // evaluation of query expansion inverts it): `i` < form_count().
  std::size_t form_count() const { return form_count_; }
  std::string_view form(std::size_t i) const { return key(i); }
  Lemmas lemmas_of_form(std::size_t i) const;

 private:
  Lexicon(const unsigned char* data, std::size_t size);
  std::string_view key(std::size_t i) const { return strings_ + forms_[2 * i]; }
  std::string_view block_key(std::size_t b) const { return block_strings_ + block_keys_[b]; }

  const std::uint32_t* forms_ = nullptr;
  const std::uint32_t* lemma_refs_ = nullptr;
  const std::uint32_t* block_keys_ = nullptr;
  const char* strings_ = nullptr;
  const char* block_strings_ = nullptr;
  std::size_t form_count_ = 0, block_count_ = 0;
};

}  // namespace kiosque::indexer::detail
