// Analysing text in tests: the tokens, or their folded terms, of a fresh analyser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosque/indexer/analyser.h"

namespace kiosque::test {

inline std::vector<indexer::Token> analyse(std::string_view text) {
  indexer::FrenchAnalyser a;
  std::vector<indexer::Token> out;
  a.analyse(text, out);
  return out;
}

inline std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : analyse(text)) out.push_back(t.term);
  return out;
}

}  // namespace kiosque::test
