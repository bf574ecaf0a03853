#include "story_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "kiosque/base/french_words.h"
#include "kiosque/base/text_fold.h"

namespace kiosque::archive::detail {

namespace {

constexpr std::size_t kShingleWords = 5;
constexpr std::uint64_t kSampleEvery = 16;
constexpr std::size_t kOpeningKeys = 2;
constexpr std::size_t kLeadWords = 60;
constexpr std::size_t kWordStem = 6;

// FNV-1a: stable across runs and machines, unlike std::hash, because its values are stored.
std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// SplitMix64's finaliser: spreads a combined hash so that its low bits sample fairly.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

bool ignorable(UChar32 c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

std::vector<std::uint64_t> sorted_distinct(std::vector<std::uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// The share of `a`'s first shingles found in `b_set`: the two bodies open alike.
double opening_share(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b_set) {
  const std::size_t n = std::min<std::size_t>(8, a.size());
  if (n == 0) return 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < n; ++i) found += std::binary_search(b_set.begin(), b_set.end(), a[i]);
  return static_cast<double>(found) / static_cast<double>(n);
}

// The longest part of the shorter body's shared text that runs in the same order through the
// longer one, as a share of the shorter's distinct shingles: an edited version keeps its order,
// two articles that paste the same background paragraphs usually do not.
double ordered_share(const std::vector<std::uint64_t>& shorter,
                     const std::vector<std::uint64_t>& longer, std::size_t shorter_distinct) {
  std::unordered_map<std::uint64_t, std::size_t> first_at;
  for (std::size_t i = 0; i < longer.size(); ++i) first_at.emplace(longer[i], i);
  std::unordered_map<std::uint64_t, bool> seen;
  std::vector<std::size_t> tails;  // patience sorting: the longest increasing subsequence
  for (const std::uint64_t s : shorter) {
    if (!seen.emplace(s, true).second) continue;
    const auto at = first_at.find(s);
    if (at == first_at.end()) continue;
    const auto slot = std::lower_bound(tails.begin(), tails.end(), at->second);
    if (slot == tails.end()) {
      tails.push_back(at->second);
    } else {
      *slot = at->second;
    }
  }
  return static_cast<double>(tails.size()) / static_cast<double>(shorter_distinct);
}

}  // namespace

std::string_view story_body(std::string_view text, std::string_view title) {
  if (!title.empty() && text.starts_with(title)) {
    const std::string_view rest = text.substr(title.size());
    if (rest.empty()) return rest;
    if (rest.starts_with("\n\n")) return rest.substr(2);
  }
  return text;
}

std::vector<std::uint64_t> shingles(std::string_view body) {
  std::vector<std::uint64_t> words;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty()) words.push_back(fnv1a(word));
    word.clear();
  };
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(body.data());
  const auto length = static_cast<std::int32_t>(body.size());
  for (std::int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // most of French text: no need to ask ICU
      const char a = static_cast<char>(bytes[i++]);
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
        word.push_back(a);
      } else if (a >= 'A' && a <= 'Z') {
        word.push_back(static_cast<char>(a - 'A' + 'a'));
      } else {
        end_word();
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || ignorable(c)) continue;
    if (!u_isalnum(c)) {
      end_word();
      continue;
    }
    c = u_tolower(c);
    char buffer[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, c);
    word.append(buffer, static_cast<std::size_t>(n));
  }
  end_word();
  std::vector<std::uint64_t> out;
  if (words.size() < kShingleWords) return out;
  out.reserve(words.size() - kShingleWords + 1);
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) h = h * 1099511628211ULL + words[i + k];
    out.push_back(mix(h));
  }
  return out;
}

std::vector<std::uint64_t> shingle_keys(const std::vector<std::uint64_t>& shingles) {
  std::vector<std::uint64_t> keys;
  for (std::size_t i = 0; i < shingles.size(); ++i) {
    if (i < kOpeningKeys || shingles[i] % kSampleEvery == 0) keys.push_back(shingles[i]);
  }
  return sorted_distinct(std::move(keys));
}

ShingledBody::ShingledBody(std::vector<std::uint64_t> shingles)
    : in_order(std::move(shingles)), set(sorted_distinct(in_order)) {}

Overlap compare_bodies(const ShingledBody& body_a, const ShingledBody& body_b) {
  const auto& [a, set_a] = body_a;
  const auto& [b, set_b] = body_b;
  Overlap o;
  const std::size_t smaller = std::min(set_a.size(), set_b.size());
  if (smaller == 0) return o;
  const std::size_t shared = shared_count(set_a, set_b);
  o.jaccard =
      static_cast<double>(shared) / static_cast<double>(set_a.size() + set_b.size() - shared);
  o.containment = static_cast<double>(shared) / static_cast<double>(smaller);
  if (smaller < 50) {
    o.near_duplicate = o.jaccard >= 0.5;
  } else if (o.containment < 0.6) {
    o.near_duplicate = false;
  } else if (o.containment >= 0.8) {
    o.near_duplicate = true;
  } else if (std::max(opening_share(a, set_b), opening_share(b, set_a)) >= 0.5) {
    o.near_duplicate = true;
  } else {
    const bool a_shorter = set_a.size() <= set_b.size();
    o.near_duplicate =
        smaller >= 100 && ordered_share(a_shorter ? a : b, a_shorter ? b : a, smaller) >= 0.5;
  }
  return o;
}

LeadTraits lead_traits(std::string_view title, std::string_view body) {
  LeadTraits traits;
  std::size_t words = 0;
  bool sentence_start = true;
  std::string token;
  bool token_upper_first = false, token_all_upper = true, token_sentence_start = false;
  const auto end_token = [&] {
    if (token.empty()) return;
    ++words;
    const std::string folded = base::fold_text(token);
    if (folded.size() >= 3 && !base::is_french_function_word(folded)) {
      const bool acronym = token_all_upper && folded.size() >= 3;
      if (token_upper_first && (!token_sentence_start || acronym)) {
        traits.names.push_back(fnv1a(folded));
      } else if (!token_upper_first && folded.size() >= kWordStem) {
        traits.words.push_back(fnv1a(std::string_view(folded).substr(0, kWordStem)));
      }
    }
    token.clear();
  };
  const auto read = [&](std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length && words < kLeadWords;) {
      const std::int32_t start = i;
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      if (c < 0 || ignorable(c)) continue;
      if (u_isalpha(c) || (c == '-' && !token.empty())) {
        if (token.empty()) {
          token_upper_first = u_isupper(c);
          token_all_upper = true;
          token_sentence_start = sentence_start;
          sentence_start = false;
        }
        if (u_isalpha(c) && !u_isupper(c)) token_all_upper = false;
        token.append(
            text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        continue;
      }
      end_token();
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x00BB || c == '\n') {
        sentence_start = true;
      }
    }
    end_token();
    sentence_start = true;
  };
  read(title);
  read(body);
  traits.names = sorted_distinct(std::move(traits.names));
  traits.words = sorted_distinct(std::move(traits.words));
  return traits;
}

std::vector<int> named_years(std::string_view text) {
  std::vector<int> years;
  const auto digit = [&](std::size_t i) {
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
  };
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1)) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) ||
        digit(i + 4)) {
      continue;
    }
    const int year = (text[i] - '0') * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 +
                     (text[i + 3] - '0');
    if (year >= 1900 && year <= 2099) years.push_back(year);
    i += 3;
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

std::optional<int> latest_of(const std::vector<int>& years, int up_to) {
  const auto past = std::upper_bound(years.begin(), years.end(), up_to);
  if (past == years.begin()) return std::nullopt;
  return *std::prev(past);
}

StoryText story_text(std::string_view text, std::string_view title) {
  const std::string_view body = story_body(text, title);
  StoryText t{shingles(body), {}, lead_traits(title, body), named_years(body)};
  t.keys = shingle_keys(t.body.in_order);
  return t;
}

std::size_t shared_count(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t n = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

}  // namespace kiosque::archive::detail
