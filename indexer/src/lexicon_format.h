// The layout of the compiled French lexicon, shared by its compiler (indexer/lexicon/) and its
// reader (lexicon.cc), so that the two cannot drift. All integers are little-endian uint32.
//
//   header   kMagic, form_count, lemma_ref_count, string_bytes, block_count, block_key_bytes
//   forms    form_count + 1 entries {key, first_lemma}: keys sorted bytewise; the lemmas of form i
//            are lemma_refs[first_lemma(i) .. first_lemma(i + 1)), its preferred lemma first; the
//            last entry is a sentinel whose first_lemma is lemma_ref_count
//   lemma_refs  offsets into strings
//   block_keys  block_count offsets into block_key_strings: the key of every kBlockForms-th form
//   strings  NUL-terminated UTF-8, each distinct string once, in the order of the forms
//   block_key_strings  NUL-terminated, the block keys' copies
//
// A lookup searches the block keys, a few pages every lookup shares, then one block of forms,
// whose entries and keys lie together: a process touches a few pages per word rather than the
// twenty a binary search over the whole table would.
//
// Keys and lemmas are folded (kiosque/base/text_fold.h) and at most FrenchAnalyser::kMaxTermBytes.
#pragma once

#include <cstdint>

namespace kiosque::indexer::lexicon_format {

inline constexpr std::uint32_t kMagic = 0x32584c4b;  // "KLX2"
inline constexpr std::uint32_t kHeaderWords = 6;
inline constexpr std::uint32_t kBlockForms = 64;
inline constexpr std::uint32_t kFormWords = 2;

}  // namespace kiosque::indexer::lexicon_format
