// Two ways for a search to meet a French word's inflected forms, built side by side so that the
// choice between them is made by measurement (indexer/README.md, "The French lexicon"):
// - lemmas: each word is indexed, with positions, under its folded lemmas (`élus` under `elu`
//   and `elire`), beside its folded form without positions (kiosque's layout until this
//   evaluation); a query word looks up one term, its lemma;
// - lemmas only (kiosque's layout since): the same without the folded forms;
// - expansion (Recoll's way, with kiosque's lexicon): each word is indexed as written, folded,
//   with positions, and under nothing else; a query word looks up every form of its lemma that
//   the lexicon knows, as one term (Xapian's OP_SYNONYM).
// Both are bare Xapian databases of the articles' bodies, from the same analyser's tokens: what
// differs is the terms alone. A word the lexicon does not know is its own only form under
// expansion (its Snowball stem would need terms of its own).
//
// Not thread-safe. Xapian's errors are thrown, as the workloads throw theirs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "morphology_cases.h"
#include "sample_stats.h"

namespace kiosque::bench {

enum class TermLayout { lemmas, lemmas_only, expansion };
const char* layout_name(TermLayout layout);

struct LayoutBuild {
  double analysis_seconds = 0;  // the analyser, shared by both layouts
  double index_seconds = 0;     // the rest: documents made, added, committed and compacted
  std::uint64_t bytes = 0;      // the compacted database on disk
  std::uint64_t terms = 0;      // distinct terms
};

// Builds a database of `files` (articles as text) in `layout` at `db`, made anew; document k is
// files[k]. Throws std::runtime_error for a file it cannot read.
LayoutBuild build_layout(const std::vector<std::filesystem::path>& files, TermLayout layout,
                         const std::filesystem::path& db);

// Searches a database build_layout made, as its layout requires; each word of a query must match
// (BM25 ranks). Opens the database once.
class LayoutSearch {
 public:
  LayoutSearch(const std::filesystem::path& db, TermLayout layout);
  ~LayoutSearch();
  LayoutSearch(LayoutSearch&&) noexcept;

  // The files (documents) a query finds, best first, at most `limit` of them.
  std::vector<std::size_t> search(const std::string& query, std::size_t limit);
  // The same search as a morphology_cases engine, valid while this object lives.
  FileSearch as_file_search();

  // The terms the query words looked up so far, per word.
  double terms_per_word() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The time of each query's first ten results, `repeat` times over, in milliseconds.
SampleStats time_queries(LayoutSearch& search, const std::vector<std::string>& queries,
                         std::size_t repeat);

}  // namespace kiosque::bench
