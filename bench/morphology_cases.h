// The morphology evaluation, one definition for the test (tests/bench/morphology_test.cc) and
// the `morphology` workload, which runs it through kiosque, omindex and Recoll alike.
//
// Families come from the French Hunspell dictionary through libhunspell (hunspell_reference.h),
// not from kiosque's compiled lexicon, over the words of real articles as kiosque's analyser cuts
// them:
// - family cases: a lemma attested in two forms or more (the most attested nouns, adjectives and
//   verbs, and named irregular verbs and -x plurals), typed as a reader types it; recall is the
//   share of the files holding one of its unambiguous forms that a search finds, by part of
//   speech; "outside" is the share of results that hold no form of it at all;
// - known-item cases: four uncommon words of an article's body, the first put in another form of
//   its lemma, the second without accents; the article's rank among the first ten (MRR@10).
//
// Not thread-safe (the Hunspell reference has state).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kiosque/base/result.h"

namespace kiosque::bench {

struct FamilyCase {
  std::string query;  // the lemma as a reader types it ("élire")
  char pos = '?';     // 'n', 'a' or 'v'
  bool named = false;
  std::set<std::size_t> relevant;  // files holding a form of this lemma only
  std::set<std::size_t> family;    // files holding any form of it, ambiguous ones included
  std::size_t forms = 0;           // unambiguous forms attested
};

struct KnownItemCase {
  std::string query;
  std::size_t file = 0;
  bool other_form = false;  // the first word is in another form of its lemma than the article's
};

struct MorphologyCases {
  std::vector<FamilyCase> families;
  std::vector<KnownItemCase> known_items;
};

// The cases over `files` (articles as text), indexed by their place in `files`. Throws
// std::runtime_error for a file it cannot read, as the workloads do.
MorphologyCases morphology_cases(const std::vector<std::filesystem::path>& files);

// A search engine under test: the files (by their place) a query finds, best first, at most
// `limit` of them.
using FileSearch =
    std::function<Result<std::vector<std::size_t>>(const std::string& query, std::size_t limit)>;

struct MorphologyScore {
  struct Tally {
    std::size_t lemmas = 0, found = 0, outside = 0;
    double recall_sum = 0;
    double recall() const { return lemmas ? recall_sum / static_cast<double>(lemmas) : 0; }
    double outside_share() const {
      return found ? static_cast<double>(outside) / static_cast<double>(found) : 0;
    }
  };
  Tally nouns, adjectives, verbs, named, all;
  std::vector<std::string> weakest;  // family cases under 80 % recall, with theirs
  double mrr = 0;
  std::size_t known_items = 0, other_forms = 0;
  std::vector<std::string> missed;  // known-item queries whose article is not in the first ten

  nlohmann::json to_json() const;
  std::string report() const;  // a few lines for a person
};

Result<MorphologyScore> score_morphology(const MorphologyCases& cases, std::size_t file_count,
                                         const FileSearch& search);

// kiosque in-process on `files`: archived and indexed into the data folder `data` (made anew),
// searched as `kiosque search` searches.
Result<FileSearch> kiosque_file_search(const std::vector<std::filesystem::path>& files,
                                       const std::filesystem::path& data);

}  // namespace kiosque::bench
