// The layout of the compiled French lexicon, shared by its compiler (indexer/lexicon/) and its
// reader (lexicon.cc), so that the two cannot drift. All integers are little-endian uint32.
//
//   header   kMagic, form_count, lemma_ref_count, string_bytes
//   forms    form_count + 1 entries {key, first_lemma}: keys sorted bytewise; the lemmas of form i
//            are lemma_refs[first_lemma(i) .. first_lemma(i + 1)), its preferred lemma first; the
//            last entry is a sentinel whose first_lemma is lemma_ref_count
//   lemma_refs  offsets into strings
//   strings  NUL-terminated UTF-8, each distinct string once
//
// Keys and lemmas are folded (kiosque/base/text_fold.h) and at most FrenchAnalyser::kMaxTermBytes.
#pragma once

#include <cstdint>

namespace kiosque::indexer::lexicon_format {

inline constexpr std::uint32_t kMagic = 0x31584c4b;  // "KLX1"
inline constexpr std::uint32_t kHeaderWords = 4;
inline constexpr std::uint32_t kFormWords = 2;

}  // namespace kiosque::indexer::lexicon_format
