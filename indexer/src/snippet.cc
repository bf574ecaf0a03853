#include "snippet.h"

#include <algorithm>
#include <map>
#include <vector>

#include "kiosque/base/french_words.h"

namespace kiosque::indexer::detail {

Snippet make_snippet(std::string_view text, const std::set<std::string>& stems,
                     const std::set<std::string>& terms, FrenchAnalyser& analyser,
                     std::size_t words) {
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  std::vector<Token> positioned;
  // 0: no match; else the match's number among the query's distinct matched words, from 1.
  std::vector<std::size_t> matched;
  std::map<std::string, std::size_t> word_numbers;
  bool any_meaningful = false;
  std::vector<std::pair<std::size_t, bool>> raw;  // (index, meaningful) of each match
  for (Token& t : tokens) {
    if (t.position == 0) continue;
    const bool match = stems.contains(t.stem) ||
                       (!t.alt_stem.empty() && stems.contains(t.alt_stem)) ||
                       terms.contains(t.term);
    const bool meaningful = match && !base::is_french_function_word(t.term);
    any_meaningful = any_meaningful || meaningful;
    if (match) raw.emplace_back(positioned.size(), meaningful);
    positioned.push_back(std::move(t));
  }
  Snippet s;
  if (positioned.empty()) return s;
  matched.assign(positioned.size(), 0);
  for (const auto& [i, meaningful] : raw) {
    if (any_meaningful && !meaningful) continue;
    const auto [it, added] = word_numbers.emplace(positioned[i].stem, word_numbers.size() + 1);
    matched[i] = it->second;
  }

  // The window of `words` tokens that shows the most of the query's distinct words, then the
  // most matches (the first such window).
  std::size_t best_start = 0;
  std::pair<std::size_t, std::size_t> best{0, 0};
  std::map<std::size_t, std::size_t> in_window;  // word number -> matches in the window
  std::size_t count = 0;
  for (std::size_t i = 0; i < positioned.size(); ++i) {
    if (matched[i] != 0) {
      ++in_window[matched[i]];
      ++count;
    }
    if (i >= words && matched[i - words] != 0) {
      if (--in_window[matched[i - words]] == 0) in_window.erase(matched[i - words]);
      --count;
    }
    const std::pair<std::size_t, std::size_t> score{in_window.size(), count};
    if (score > best) {
      best = score;
      best_start = i >= words ? i + 1 - words : 0;
    }
  }
  const std::size_t last = std::min(positioned.size(), best_start + words) - 1;
  const std::size_t from = best_start == 0 ? 0 : positioned[best_start].begin;
  const std::size_t to = last + 1 == positioned.size() ? text.size() : positioned[last].end;

  if (from != 0) s.text = "… ";
  const std::size_t base = s.text.size();
  for (std::size_t i = from; i < to; ++i) s.text += text[i] == '\n' ? ' ' : text[i];
  for (std::size_t i = best_start; i <= last; ++i) {
    if (matched[i] == 0) continue;
    const std::size_t b = base + positioned[i].begin - from, e = base + positioned[i].end - from;
    // Parts of one written word (Tixierae/OrangeSum) can overlap: one mark covers them.
    if (!s.highlights.empty() && b <= s.highlights.back().second) {
      s.highlights.back().second = std::max(s.highlights.back().second, e);
    } else {
      s.highlights.emplace_back(b, e);
    }
  }
  if (to != text.size()) s.text += " …";
  return s;
}

}  // namespace kiosque::indexer::detail
