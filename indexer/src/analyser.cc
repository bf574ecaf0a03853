#include "kiosque/indexer/analyser.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <unordered_map>

#include "kiosque/base/text_fold.h"
#include "lexicon.h"

namespace kiosque::indexer {

namespace {

using base::fold_text;
using base::lower_text;

constexpr std::array<std::string_view, 13> kElisions{
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
constexpr std::array<std::string_view, 10> kApostropheWords{
    "aujourd'hui", "prud'homme",  "prud'hommes", "prud'homal", "prud'homale",
    "presqu'île",  "presqu'îles", "quelqu'un",   "quelqu'une", "entr'acte"};

bool is_ascii_alnum(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(UChar32 c) { return c >= '0' && c <= '9'; }

// Chinese and Japanese are written without spaces: each of their characters is a word of its own,
// and a quoted name such as 北京 is found as the phrase of its characters.
bool is_ideograph(UChar32 c) {
  if (c < 0x2E80) return false;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

// A word starts with a letter or a digit, never with a mark: a combining accent or a variation
// selector with no letter before it (after an emoji, say) makes no term.
bool starts_word(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(c);
  return u_isalnum(c) && !is_ideograph(c);
}

// Letters, digits and the marks that belong to them. Invisible format characters (variation
// selectors, joiners) end a word: they carry no letter of their own.
bool is_word_char(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(c);
  if (u_isalnum(c)) return !is_ideograph(c);
  const auto type = u_charType(c);
  if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK && type != U_ENCLOSING_MARK)
    return false;
  return !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// The spaces French typography puts between groups of three digits: 1 000 000, 1 000 000.
bool is_digit_group_space(UChar32 c) {
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

std::string capped(std::string s) {
  return base::cut_utf8(std::move(s), FrenchAnalyser::kMaxTermBytes);
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
  std::string word, term, stem;
  std::vector<std::string> alt_stems;
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
  const detail::Lexicon& lexicon = detail::Lexicon::french();
  std::unordered_map<std::string, Forms, StringHash, std::equal_to<>>
      cache;  // by the word as written

  std::string snowball(std::string_view lower_word) {
    return base::fold_text(stemmer(std::string(lower_word)));
  }

  std::string stem(std::string_view lower_word) {
    const detail::Lemmas lemmas = lexicon.lemmas(lower_word);
    return lemmas.empty() ? snowball(lower_word) : std::string(lemmas[0]);
  }

  // The lemmas the lexicon gives, else the Snowball stems of the word as written and as folded.
  void stems(Forms& f) {
    if (const detail::Lemmas lemmas = lexicon.lemmas(f.word); !lemmas.empty()) {
      f.stem = lemmas[0];
      for (std::size_t i = 1; i < lemmas.size(); ++i) f.alt_stems.emplace_back(lemmas[i]);
      return;
    }
    f.stem = capped(snowball(f.word));
    if (f.term != f.word) {
      std::string alt = capped(snowball(f.term));
      if (alt != f.stem) f.alt_stems.push_back(std::move(alt));
    }
  }

  const Forms& forms(std::string_view written) {
    if (const auto hit = cache.find(written); hit != cache.end()) return hit->second;
    if (cache.size() >= kMaxCachedWords) cache.clear();
    Forms f;
    f.word = capped(base::lower_text(written));
    f.term = capped(fold_text(f.word));
    stems(f);
    return cache.emplace(written, std::move(f)).first->second;
  }

  // Returns whether a token was emitted: a word that folds to nothing makes none.
  bool emit(std::string_view text, Span s, std::uint32_t position, std::vector<Token>& out) {
    if (s.begin >= s.end) return false;
    const Forms& f = forms(text.substr(s.begin, s.end - s.begin));
    if (f.term.empty() || f.stem.empty()) return false;
    Token t;
    t.word = f.word;
    t.term = f.term;
    t.stem = f.stem;
    t.alt_stems = f.alt_stems;
    t.position = position;
    t.begin = s.begin;
    t.end = s.end;
    out.push_back(std::move(t));
    return true;
  }

  // A token whose forms are given (a joined compound, an acronym, a number), at `position`.
  void emit_formed(std::string word, Span s, std::uint32_t position, std::vector<Token>& out) {
    Token t;
    t.word = capped(std::move(word));
    t.term = capped(fold_text(t.word));
    t.stem = capped(stem(t.word));
    if (t.term.empty() || t.stem.empty()) return;
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
      if (!contains(kElisions, before) && emit(text, Span{s.begin, apostrophe->begin}, pos, out))
        ++pos;
      s.begin = apostrophe->end;
    }
    if (emit(text, s, pos, out)) ++pos;
    return pos;
  }

  // A number written with French separators: 1 000 000 and 839.000 (groups of three) are one
  // term, 1000000; 2,5 and 2.5 (a decimal) are one term, 2,5. Returns false for anything else.
  bool number(std::string_view text, Span s, std::uint32_t& pos, std::vector<Token>& out) {
    std::vector<std::string> groups(1);
    std::vector<UChar32> separators;
    bool ok = true;
    for_each_code_point(text, s, [&](UChar32 c, std::uint32_t, std::uint32_t) {
      if (is_digit(c)) {
        groups.back() += static_cast<char>(c);
      } else if (c == '.' || c == ',' || is_digit_group_space(c)) {
        separators.push_back(c);
        groups.emplace_back();
      } else {
        ok = false;
      }
      return ok;
    });
    if (!ok || separators.empty()) return false;
    for (const auto& g : groups) {
      if (g.empty()) return false;
    }
    const bool grouped = groups.front().size() <= 3 &&
                         std::all_of(groups.begin() + 1, groups.end(),
                                     [](const auto& g) { return g.size() == 3; }) &&
                         std::all_of(separators.begin(), separators.end(), [&](UChar32 c) {
                           return c != ',' && (c == '.') == (separators.front() == '.');
                         });
    std::string word;
    if (grouped) {
      for (const auto& g : groups) word += g;
    } else if (groups.size() == 2 && (separators[0] == '.' || separators[0] == ',')) {
      word = groups[0] + "," + groups[1];
    } else {
      return false;
    }
    emit_formed(std::move(word), s, pos++, out);
    return true;
  }

  // A hashtag or mention written in camel case (#GiletsJaunes, @EmmanuelMacron): its words at
  // consecutive positions, so that "gilets jaunes" finds it, and the joined form, so that
  // giletsjaunes does. Returns false when there is no case change to split at.
  bool camel_case(std::string_view text, Span s, std::uint32_t& pos, std::vector<Token>& out) {
    std::vector<Span> words;
    std::uint32_t word_start = s.begin;
    bool previous_lower = false;
    for_each_code_point(text, s, [&](UChar32 c, std::uint32_t b, std::uint32_t) {
      if (u_isupper(c) && previous_lower) {
        words.push_back({word_start, b});
        word_start = b;
      }
      previous_lower = u_islower(c) || is_digit(c);
      return true;
    });
    if (words.empty()) return false;
    words.push_back({word_start, s.end});
    const std::size_t first = out.size();
    for (const Span& w : words) {
      if (emit(text, w, pos, out)) ++pos;
    }
    join(first, out);
    return true;
  }

  // Appends the joined form of the tokens from `first` on ("burkinafaso"), with no position.
  void join(std::size_t first, std::vector<Token>& out) {
    if (out.size() - first < 2) return;
    std::string word;
    for (std::size_t i = first; i < out.size(); ++i) word += out[i].word;
    emit_formed(std::move(word), Span{out[first].begin, out.back().end}, 0, out);
  }

  // A chunk: word characters joined by apostrophes, hyphens and dots.
  std::uint32_t chunk(std::string_view text, Span s, std::uint32_t pos, std::vector<Token>& out,
                      bool tagged) {
    if (number(text, s, pos, out)) return pos;
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
      std::string word;
      for (const Span& p : pieces) word += lower_text(text.substr(p.begin, p.end - p.begin));
      const std::size_t before = out.size();
      emit_formed(std::move(word), s, pos, out);
      return out.size() > before ? pos + 1 : pos;
    }
    if (tagged && pieces.size() == 1 && !any_hyphen && camel_case(text, s, pos, out)) return pos;
    const std::size_t first = out.size();
    for (const Span& p : pieces) pos = part(text, p, pos, out);
    // The joined form ("burkinafaso") lets a query for the compound written solid find it.
    if (any_hyphen && !any_dot) join(first, out);
    return pos;
  }
};

FrenchAnalyser::FrenchAnalyser() : impl_(std::make_unique<Impl>()) {}
FrenchAnalyser::~FrenchAnalyser() = default;

std::string FrenchAnalyser::stem(std::string_view lower_word) { return impl_->stem(lower_word); }

std::uint32_t FrenchAnalyser::analyse(std::string_view text, std::vector<Token>& out,
                                      std::uint32_t pos) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  // The code point at byte `at`, and where the next one starts (c < 0 for invalid UTF-8 and at the
  // end).
  const auto peek = [&](int32_t at, int32_t& next) {
    UChar32 c = -1;
    next = at;
    if (at < n) U8_NEXT(p, next, n, c);
    return c;
  };
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && is_ideograph(c)) {
      impl_->emit_formed(std::string(text.substr(start, i - start)),
                         Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)},
                         pos++, out);
      continue;
    }
    if (c < 0 || !starts_word(c)) continue;
    // Extend over word characters, over a connector followed by a word character, over a comma
    // between digits (2,5), and over a space before a group of three digits (1 000 000).
    int32_t end = i;
    UChar32 last = c;
    bool digits_only = is_digit(c);
    int32_t group_digits = digits_only ? 1 : 0;
    while (end < n) {
      int32_t j;
      const UChar32 d = peek(end, j);
      if (d >= 0 && is_word_char(d)) {
        digits_only = digits_only && is_digit(d);
        group_digits = is_digit(d) ? group_digits + 1 : 0;
        last = d;
        end = j;
        continue;
      }
      int32_t k;
      const UChar32 e = peek(j, k);
      if (e < 0) break;
      if (digits_only && is_digit_group_space(d) && group_digits >= 1 && group_digits <= 3) {
        // Exactly three digits follow, and then no more word characters.
        int32_t q = j;
        int digits = 0;
        for (; digits < 3; ++digits) {
          int32_t r;
          const UChar32 f = peek(q, r);
          if (f < 0 || !is_digit(f)) break;
          q = r;
        }
        int32_t r;
        const UChar32 after = peek(q, r);
        if (digits == 3 && !(after >= 0 && is_word_char(after))) {
          group_digits = 0;
          end = j;
          continue;
        }
        break;
      }
      const bool decimal_comma = d == ',' && is_digit(last) && is_digit(e);
      if ((!is_connector(d) && !decimal_comma) || !is_word_char(e)) break;
      digits_only = false;  // spaces group the digits of plain numbers only
      group_digits = 0;
      end = j;
    }
    const bool tagged = start > 0 && (text[start - 1] == '#' || text[start - 1] == '@');
    pos =
        impl_->chunk(text, Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)},
                     pos, out, tagged);
    i = end;
  }
  return pos;
}

}  // namespace kiosque::indexer
