// Searching the index the way a French reader expects.
//
// Queries use Xapian's syntax (AND, OR, NOT, "phrases", NEAR, prefix*, title:, source:); every
// word in them goes through the same FrenchAnalyser as the indexed text. Results carry the
// article's metadata and a snippet of its normalised text with the matched words marked.
// A Searcher reads while another process writes: when a commit lands under a search, it reopens
// and retries. Used from one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosque/archive/store.h"

namespace kiosque::indexer {

// How matches spread: per outlet (the source as articles name it), or per year, month or day
// of their filed date (archive::filed_date).
enum class BreakdownBy { source, year, month, day };

struct SearchRequest {
  std::string query;
  bool everything = false;  // match every article; `query` must then be empty
  std::string since;        // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty for no bound
  std::string until;
  enum class Sort { relevance, date } sort = Sort::relevance;
  std::size_t limit = 10;  // past the number of articles: every match
  std::size_t offset = 0;
  // Counts every match per bucket, which makes the total exact however many match.
  std::optional<BreakdownBy> by;
  // When not empty, only these articles can match (an alert checks a newly indexed batch).
  std::vector<archive::ArticleId> among;
  // One hit per story (archive::StoryPlace::group), its best-ranked article, carrying the
  // story's other matching articles; totals then count stories. Articles of an archive not yet
  // grouped are each their own story.
  bool per_story = false;
  // Whether each hit carries its snippet, which is most of a hit's cost (its whole text is
  // analysed): off for what never shows one (an export without the field, an alert).
  bool snippets = true;
};

struct Breakdown {
  BreakdownBy by = BreakdownBy::source;
  // Bucket ("Le Figaro", "2023", "2023-09", "2023-09-10") and its matches: outlets most first,
  // periods in order.
  std::vector<std::pair<std::string, std::uint64_t>> counts;
  std::uint64_t total = 0;         // every match
  std::uint64_t without = 0;       // matches with no source, or a date coarser than the bucket
  std::uint64_t intake_dated = 0;  // by date: matches filed by their intake day
};

struct Snippet {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> highlights;  // byte ranges in `text`
};

// Another article of a hit's story that matches the query too.
struct OtherVersion {
  archive::ArticleId id;
  std::string source;  // as the article names its outlet; empty when unknown
};

struct SearchHit {
  archive::Article article;  // text included
  int percent = 0;           // relevance, 0-100
  double weight = 0;
  Snippet snippet;
  // With SearchRequest::per_story: every other matching article of its story, best first.
  std::vector<OtherVersion> other_versions;
};

// Up to this many matching articles, a search counts them exactly; past it, it gives Xapian's
// bounds, which the matcher narrows as it goes.
inline constexpr std::uint64_t kExactCountUpTo = 20000;

struct SearchResults {
  std::vector<SearchHit> hits;
  std::size_t offset = 0;  // results skipped before hits.front() (the request's)
  // How many articles match: exactly when total_lower == total_upper, which holds whenever at
  // most kExactCountUpTo do; else between the bounds, most likely about estimated_total.
  std::uint64_t estimated_total = 0;
  std::uint64_t total_lower = 0;
  std::uint64_t total_upper = 0;
  bool exact_total() const { return total_lower == total_upper; }
  // With SearchRequest::per_story, where the totals count stories: the matching articles, exact
  // when the totals are (else at least this many).
  std::optional<std::uint64_t> articles;
  std::string suggestion;  // a corrected query when nothing was found, else empty
  std::vector<std::string>
      notes;  // how the query was read, where it may surprise ("'or' is a word")
  std::optional<Breakdown> breakdown;  // when the request asked for one
  double seconds = 0;
};

struct IndexStats {
  std::uint64_t documents = 0;
  std::uint64_t terms = 0;
  std::uint64_t last_seq = 0;
  std::uint64_t set_aside = 0;  // articles that could not be indexed (kiosque verify lists them)
  std::uint64_t disk_bytes = 0;
  std::string analyser;
};

class Searcher {
 public:
  // Opens the index in `dir` for reading. Errc::not_found when there is no index,
  // version_mismatch for an index of another analyser. Open the archive store that supplies the
  // articles' text AFTER this: the index only names articles already synced in the archive, so a
  // store opened later sees every article the index names.
  static Result<std::unique_ptr<Searcher>> open(const std::filesystem::path& dir);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Errc::invalid_argument for a malformed query, a bad date or too wide a wildcard. Errc::busy
  // when writers kept committing, or when a reopened index named an article newer than `store`:
  // open a new store (after this searcher) and retry.
  Result<SearchResults> search(const SearchRequest& request, const archive::Store& store);
  // Articles like `id`, by Xapian relevance feedback on its terms; never of its own story.
  Result<SearchResults> similar(const archive::ArticleId& id, std::size_t limit,
                                const archive::Store& store);
  Result<IndexStats> stats();
  // Copies the index as this searcher reads it to the new folder `dest`, compacted; returns the
  // log sequence number it covers. Errc::busy when writers' commits overtook it: open afresh.
  Result<std::uint64_t> copy_to(const std::filesystem::path& dest);

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::indexer
