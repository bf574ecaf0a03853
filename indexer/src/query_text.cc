#include "query_text.h"

#include <array>
#include <vector>

#include "kiosque/archive/text_fold.h"

namespace kiosque::indexer::detail {

namespace {

constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool is_syntax(char c) { return c == '"' || c == '(' || c == ')' || c == ' ' || c == '\t' || c == '\n'; }

bool is_operator(std::string_view word) {
  const std::string_view head = word.substr(0, word.find('/'));  // NEAR/3
  for (const auto op : kOperators) {
    if (head == op) return true;
  }
  return false;
}

std::string analysed_words(std::string_view chunk, FrenchAnalyser& analyser, bool wildcard) {
  std::vector<Token> tokens;
  analyser.analyse(chunk, tokens);
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].position == 0) continue;  // a compound's joined form
    if (!out.empty()) out += '-';
    const bool last = i + 1 == tokens.size() || (i + 2 == tokens.size() && tokens[i + 1].position == 0);
    out += wildcard && last ? tokens[i].term + "*" : tokens[i].word;
  }
  return out;
}

}  // namespace

std::string prepare_query(std::string_view query, FrenchAnalyser& analyser) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (is_syntax(c)) {
      out += c;
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && !is_syntax(query[end])) ++end;
    std::string_view word = query.substr(i, end - i);
    i = end;
    if (is_operator(word)) {
      out += word;
      continue;
    }
    while (!word.empty() && (word.front() == '+' || word.front() == '-')) {
      out += word.front();
      word.remove_prefix(1);
    }
    const std::size_t colon = word.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view field = word.substr(0, colon);
      if (field == "title" || field == "source") {
        out += field;
        out += ':';
        word.remove_prefix(colon + 1);
        if (field == "source") {
          out += archive::fold_text(word);
          continue;
        }
      }
    }
    const bool wildcard = word.ends_with('*');
    if (wildcard) word.remove_suffix(1);
    out += analysed_words(word, analyser, wildcard);
  }
  return out;
}

}  // namespace kiosque::indexer::detail
