#include "snippet.h"

#include <algorithm>
#include <map>

#include "kiosque/base/french_words.h"

namespace kiosque::indexer::detail {

Snippet SnippetMaker::make(std::string_view text) {
  tokens_.clear();
  positioned_.clear();
  analyser_.analyse(text, tokens_);
  std::map<std::string_view, std::size_t> word_numbers;
  bool any_meaningful = false;
  std::vector<std::pair<std::size_t, bool>> raw;  // (index, meaningful) of each match
  for (std::uint32_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.position == 0) continue;
    const bool match = stems_.contains(t.stem) ||
                       std::any_of(t.alt_stems.begin(), t.alt_stems.end(),
                                   [&](const std::string& alt) { return stems_.contains(alt); }) ||
                       terms_.contains(t.term);
    const bool meaningful = match && !base::is_french_function_word(t.term);
    any_meaningful = any_meaningful || meaningful;
    if (match) raw.emplace_back(positioned_.size(), meaningful);
    positioned_.push_back(i);
  }
  Snippet s;
  if (positioned_.empty()) return s;
  const auto token = [&](std::size_t i) -> const Token& { return tokens_[positioned_[i]]; };
  matched_.assign(positioned_.size(), 0);
  for (const auto& [i, meaningful] : raw) {
    if (any_meaningful && !meaningful) continue;
    const auto [it, added] = word_numbers.emplace(token(i).stem, word_numbers.size() + 1);
    matched_[i] = it->second;
  }

  // The window of `words_` tokens that shows the most of the query's distinct words, then the
  // most matches (the first such window).
  std::size_t best_start = 0;
  std::pair<std::size_t, std::size_t> best{0, 0};
  std::map<std::size_t, std::size_t> in_window;  // word number -> matches in the window
  std::size_t count = 0;
  for (std::size_t i = 0; i < positioned_.size(); ++i) {
    if (matched_[i] != 0) {
      ++in_window[matched_[i]];
      ++count;
    }
    if (i >= words_ && matched_[i - words_] != 0) {
      if (--in_window[matched_[i - words_]] == 0) in_window.erase(matched_[i - words_]);
      --count;
    }
    const std::pair<std::size_t, std::size_t> score{in_window.size(), count};
    if (score > best) {
      best = score;
      best_start = i >= words_ ? i + 1 - words_ : 0;
    }
  }
  const std::size_t last = std::min(positioned_.size(), best_start + words_) - 1;
  const std::size_t from = best_start == 0 ? 0 : token(best_start).begin;
  const std::size_t to = last + 1 == positioned_.size() ? text.size() : token(last).end;

  if (from != 0) s.text = "… ";
  const std::size_t base = s.text.size();
  for (std::size_t i = from; i < to; ++i) s.text += text[i] == '\n' ? ' ' : text[i];
  for (std::size_t i = best_start; i <= last; ++i) {
    if (matched_[i] == 0) continue;
    const std::size_t b = base + token(i).begin - from, e = base + token(i).end - from;
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
