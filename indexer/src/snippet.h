// Chooses the part of an article's text that best shows why it matched, and marks the matches.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosque/indexer/analyser.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::indexer::detail {

// Makes the snippets of one query's results. `stems` and `terms` are the query's stems and its
// title words (`title:`), without their prefixes. A snippet is a window of about `words` words with
// the most matches; each matched surface word is highlighted, after any elision ("l’[appel]").
//
// Keeps its token buffers from one text to the next: a search process is mostly start-up, and a
// page of results then touches one article's worth of fresh memory rather than ten (fresh pages
// cost a page fault each: 40 % of a one-query process's faults went to snippets).
// Not thread-safe; holds a reference to the analyser, which must outlive it.
class SnippetMaker {
 public:
  SnippetMaker(FrenchAnalyser& analyser, std::set<std::string> stems, std::set<std::string> terms,
               std::size_t words = 30)
      : analyser_(analyser), stems_(std::move(stems)), terms_(std::move(terms)), words_(words) {}

  Snippet make(std::string_view text);

 private:
  FrenchAnalyser& analyser_;
  std::set<std::string> stems_;
  std::set<std::string> terms_;
  std::size_t words_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> positioned_;  // indexes into tokens_ of the words with a position
  // Per positioned word, 0: no match; else the match's number among the query's distinct
  // matched words, from 1.
  std::vector<std::size_t> matched_;
};

}  // namespace kiosque::indexer::detail
