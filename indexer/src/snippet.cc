#include "snippet.h"

#include <vector>

namespace kiosque::indexer::detail {

Snippet make_snippet(std::string_view text, const std::set<std::string>& stems,
                     const std::set<std::string>& terms, FrenchAnalyser& analyser,
                     std::size_t words) {
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  std::vector<Token> positioned;
  std::vector<bool> matched;
  for (Token& t : tokens) {
    if (t.position == 0) continue;
    matched.push_back(stems.contains(t.stem) ||
                      (!t.alt_stem.empty() && stems.contains(t.alt_stem)) ||
                      terms.contains(t.term));
    positioned.push_back(std::move(t));
  }
  Snippet s;
  if (positioned.empty()) return s;

  // The window of `words` tokens with the most matches (the first such window).
  std::size_t best_start = 0, best_count = 0, count = 0;
  for (std::size_t i = 0; i < positioned.size(); ++i) {
    count += matched[i];
    if (i >= words) count -= matched[i - words];
    if (count > best_count) {
      best_count = count;
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
    if (matched[i])
      s.highlights.emplace_back(base + positioned[i].begin - from, base + positioned[i].end - from);
  }
  if (to != text.size()) s.text += " …";
  return s;
}

}  // namespace kiosque::indexer::detail
