#include "lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "lexicon_format.h"

// The table, placed in the binary's read-only data by lexicon_data.cc.
extern "C" const unsigned char kiosque_fr_lexicon[];
extern "C" const unsigned char kiosque_fr_lexicon_end[];

namespace kiosque::indexer::detail {

namespace {

std::uint32_t word_at(const unsigned char* data, std::size_t index) {
  std::uint32_t v;
  std::memcpy(&v, data + 4 * index, 4);
  return v;
}

}  // namespace

Lexicon::Lexicon(const unsigned char* data, std::size_t size) {
  using namespace lexicon_format;
  // The table is written by this build's own compiler; anything else is a broken build.
  if (size < 4 * kHeaderWords || word_at(data, 0) != kMagic) std::abort();
  form_count_ = word_at(data, 1);
  const std::size_t ref_count = word_at(data, 2), string_bytes = word_at(data, 3);
  block_count_ = word_at(data, 4);
  const std::size_t block_bytes = word_at(data, 5);
  const std::size_t forms_words = kFormWords * (form_count_ + 1);
  if (4 * (kHeaderWords + forms_words + ref_count + block_count_) + string_bytes + block_bytes !=
          size ||
      block_count_ != (form_count_ + kBlockForms - 1) / kBlockForms)
    std::abort();
  // The embedded table is aligned to 16 bytes (lexicon_data.cc), so its words can be read in place.
  forms_ = reinterpret_cast<const std::uint32_t*>(data + 4 * kHeaderWords);
  lemma_refs_ = forms_ + forms_words;
  block_keys_ = lemma_refs_ + ref_count;
  strings_ = reinterpret_cast<const char*>(block_keys_ + block_count_);
  block_strings_ = strings_ + string_bytes;
}

const Lexicon& Lexicon::french() {
  static const Lexicon lexicon(
      kiosque_fr_lexicon, static_cast<std::size_t>(kiosque_fr_lexicon_end - kiosque_fr_lexicon));
  return lexicon;
}

Lemmas Lexicon::lemmas(std::string_view lower_word) const {
  // The last block whose first key is not after the word, then the word within it.
  std::size_t lo = 0, hi = block_count_;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (block_key(mid) <= lower_word) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0) return {};
  const std::size_t block = lo - 1;
  lo = block * lexicon_format::kBlockForms;
  hi = std::min(form_count_, lo + lexicon_format::kBlockForms);
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (key(mid) < lower_word) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == form_count_ || key(lo) != lower_word) return {};
  return lemmas_of_form(lo);
}

Lemmas Lexicon::lemmas_of_form(std::size_t i) const {
  const std::uint32_t first = forms_[2 * i + 1], next = forms_[2 * i + 3];
  return Lemmas(lemma_refs_ + first, next - first, strings_);
}

}  // namespace kiosque::indexer::detail
