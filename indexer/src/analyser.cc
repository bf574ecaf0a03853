#include "kiosque/indexer/analyser.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <array>
#include <functional>
#include <optional>
#include <unordered_map>

#include "kiosque/archive/text_fold.h"

namespace kiosque::indexer {

namespace {

using archive::fold_text;
using archive::lower_text;

constexpr std::array<std::string_view, 13> kElisions{"l", "d", "j", "m", "n", "s", "t", "c",
                                                     "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
constexpr std::array<std::string_view, 10> kApostropheWords{
    "aujourd'hui", "prud'homme", "prud'hommes", "prud'homal", "prud'homale",
    "presqu'île",  "presqu'îles", "quelqu'un",  "quelqu'une", "entr'acte"};

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (u_isalnum(c)) return true;
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}
bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool is_connector(UChar32 c) { return is_apostrophe(c) || is_hyphen(c) || c == '.'; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view s) {
  for (const auto& item : list) {
    if (item == s) return true;
  }
  return false;
}

// A slice of the analysed text: [begin, end) in bytes.
struct Span {
  std::uint32_t begin, end;
};

// Code points of `text` in [begin, end), with their byte offsets.
template <typename F>
void for_each_code_point(std::string_view text, Span span, F&& f) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(span.begin);
  const auto end = static_cast<int32_t>(span.end);
  while (i < end) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, end, c);
    if (!f(c, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i))) break;
  }
}

// A word's forms, as Token holds them.
struct Forms {
  std::string word, term, stem, alt_stem;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// News text repeats its words, and ICU's case mapping and the Snowball stemmer cost far more per
// word than a lookup; the bound keeps a long-lived analyser's memory flat (about 10 MB).
constexpr std::size_t kMaxCachedWords = 50'000;

}  // namespace

struct FrenchAnalyser::Impl {
  Xapian::Stem stemmer{"french"};
  std::unordered_map<std::string, Forms, StringHash, std::equal_to<>> cache;  // by the word as written

  std::string stem(std::string_view lower_word) { return fold_text(stemmer(std::string(lower_word))); }

  const Forms& forms(std::string_view written) {
    if (const auto hit = cache.find(written); hit != cache.end()) return hit->second;
    if (cache.size() >= kMaxCachedWords) cache.clear();
    Forms f;
    f.word = lower_text(written);
    f.term = fold_text(f.word);
    f.stem = stem(f.word);
    if (f.term != f.word) {
      std::string alt = fold_text(stemmer(f.term));
      if (alt != f.stem) f.alt_stem = std::move(alt);
    }
    return cache.emplace(written, std::move(f)).first->second;
  }

  void emit(std::string_view text, Span s, std::uint32_t position, std::vector<Token>& out) {
    if (s.begin >= s.end) return;
    const Forms& f = forms(text.substr(s.begin, s.end - s.begin));
    Token t;
    t.word = f.word;
    t.term = f.term;
    t.stem = f.stem;
    t.alt_stem = f.alt_stem;
    t.position = position;
    t.begin = s.begin;
    t.end = s.end;
    out.push_back(std::move(t));
  }

  // One part of a compound (no hyphen, no dot): strips elisions, splits other apostrophes.
  std::uint32_t part(std::string_view text, Span s, std::uint32_t pos, std::vector<Token>& out) {
    for (;;) {
      std::optional<Span> apostrophe;
      for_each_code_point(text, s, [&](UChar32 c, std::uint32_t b, std::uint32_t e) {
        if (!is_apostrophe(c)) return true;
        apostrophe = Span{b, e};
        return false;
      });
      if (!apostrophe) break;
      if (contains(kApostropheWords, lower_text(text.substr(s.begin, s.end - s.begin)))) break;
      const std::string before = lower_text(text.substr(s.begin, apostrophe->begin - s.begin));
      if (!contains(kElisions, before)) emit(text, Span{s.begin, apostrophe->begin}, pos++, out);
      s.begin = apostrophe->end;
    }
    emit(text, s, pos++, out);
    return pos;
  }

  // A chunk: word characters joined by apostrophes, hyphens and dots.
  std::uint32_t chunk(std::string_view text, Span s, std::uint32_t pos, std::vector<Token>& out) {
    std::vector<Span> pieces;  // split at hyphens and dots
    std::vector<bool> dot_before;
    std::uint32_t piece_start = s.begin;
    bool acronym = true;  // single letters separated by dots
    bool any_dot = false, any_hyphen = false;
    std::size_t letters_in_piece = 0;
    for_each_code_point(text, s, [&](UChar32 c, std::uint32_t b, std::uint32_t e) {
      if (is_hyphen(c) || c == '.') {
        pieces.push_back({piece_start, b});
        if (letters_in_piece != 1 || is_hyphen(c)) acronym = false;
        any_dot |= c == '.';
        any_hyphen |= is_hyphen(c);
        letters_in_piece = 0;
        piece_start = e;
      } else if (!is_apostrophe(c)) {
        ++letters_in_piece;
      } else {
        acronym = false;
      }
      return true;
    });
    pieces.push_back({piece_start, s.end});
    if (letters_in_piece != 1) acronym = false;

    if (any_dot && acronym && pieces.size() >= 2) {
      Token t;
      for (const Span& p : pieces) t.word += lower_text(text.substr(p.begin, p.end - p.begin));
      t.term = fold_text(t.word);
      t.stem = stem(t.word);
      t.position = pos++;
      t.begin = s.begin;
      t.end = s.end;
      out.push_back(std::move(t));
      return pos;
    }
    const std::size_t first = out.size();
    for (const Span& p : pieces) pos = part(text, p, pos, out);
    if (any_hyphen && !any_dot && out.size() - first >= 2) {
      // The joined form ("burkinafaso") lets a query for the compound written solid find it.
      Token joined;
      for (std::size_t i = first; i < out.size(); ++i) {
        joined.word += out[i].word;
        joined.term += out[i].term;
      }
      joined.stem = stem(joined.word);
      joined.begin = out[first].begin;
      joined.end = out.back().end;
      out.push_back(std::move(joined));
    }
    return pos;
  }
};

FrenchAnalyser::FrenchAnalyser() : impl_(std::make_unique<Impl>()) {}
FrenchAnalyser::~FrenchAnalyser() = default;

std::string FrenchAnalyser::stem(std::string_view lower_word) { return impl_->stem(lower_word); }

std::uint32_t FrenchAnalyser::analyse(std::string_view text, std::vector<Token>& out, std::uint32_t pos) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (!is_word_char(c)) continue;
    // Extend over word characters, and over a connector followed by a word character.
    int32_t end = i;
    while (end < n) {
      int32_t j = end;
      UChar32 d;
      U8_NEXT(p, j, n, d);
      if (is_word_char(d)) {
        end = j;
        continue;
      }
      if (!is_connector(d) || j >= n) break;
      int32_t k = j;
      UChar32 e;
      U8_NEXT(p, k, n, e);
      if (!is_word_char(e)) break;
      end = k;
    }
    pos = impl_->chunk(text, Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)}, pos, out);
    i = end;
  }
  return pos;
}

}  // namespace kiosque::indexer
