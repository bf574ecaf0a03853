#include "kiosque/indexer/searcher.h"

#include <fmt/format.h>
#include <xapian.h>

#include <chrono>
#include <map>
#include <set>
#include <unordered_set>

#include "breakdown_spy.h"
#include "index_call.h"
#include "index_meta.h"
#include "kiosque/base/folder_bytes.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/crash_guard.h"
#include "query_text.h"
#include "schema.h"
#include "snippet.h"
#include "wildcard_query.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

constexpr int kRetries = 5;  // reopen after a writer's commit lands under a search

// Lets Xapian's QueryParser stem query words exactly as the analyser stems indexed words.
class AnalyserStem : public Xapian::StemImplementation {
 public:
  explicit AnalyserStem(FrenchAnalyser& analyser) : analyser_(analyser) {}
  std::string operator()(const std::string& word) override { return analyser_.stem(word); }
  std::string get_description() const override { return "kiosque French analyser"; }

 private:
  FrenchAnalyser& analyser_;
};

// "2020" -> "20200000" (since) or "20201299" (until); "2020-09" -> "20200900" / "20200999".
Result<std::string> date_bound(const std::string& text, bool upper) {
  const auto digits = [&](std::size_t at, std::size_t n) {
    return text.substr(at, n).find_first_not_of("0123456789") == std::string::npos;
  };
  const auto number = [&](std::size_t at) { return std::stoi(text.substr(at, 2)); };
  const bool shaped = (text.size() == 4 || text.size() == 7 || text.size() == 10) && digits(0, 4) &&
                      (text.size() < 7 || (text[4] == '-' && digits(5, 2))) &&
                      (text.size() < 10 || (text[7] == '-' && digits(8, 2)));
  const bool ok = shaped && (text.size() < 7 || (number(5) >= 1 && number(5) <= 12)) &&
                  (text.size() < 10 || (number(8) >= 1 && number(8) <= 31));
  if (!ok) {
    return fail(Errc::invalid_argument,
                fmt::format("'{}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", text));
  }
  std::string v = text.substr(0, 4);
  v += text.size() >= 7 ? text.substr(5, 2) : (upper ? "12" : "00");
  v += text.size() == 10 ? text.substr(8, 2) : (upper ? "99" : "00");
  return v;
}

// Articles whose date may fall between `since` and `until` (either may be empty). A date known only
// to the month or the year (stored as 20230900, 20230000) stands for that whole month or year, so
// a bound inside it keeps it: `--since 2023-09-15` keeps an article of "septembre 2023". Such dates
// sort before the days of their period, so the upper bound keeps them already; the lower bound
// needs its own month and year added.
Result<Xapian::Query> date_filter(const std::string& since, const std::string& until) {
  auto low = since.empty() ? Result<std::string>("00000000") : date_bound(since, false);
  auto high = until.empty() ? Result<std::string>("99999999") : date_bound(until, true);
  if (!low) return propagate(low);
  if (!high) return propagate(high);
  Xapian::Query filter(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, *low, *high);
  const std::string year = low->substr(0, 4) + "0000", month = low->substr(0, 6) + "00";
  for (const std::string& coarse : {year, month}) {
    if (coarse < *low && coarse <= *high) {
      filter = Xapian::Query(
          Xapian::Query::OP_OR, filter,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, coarse, coarse));
    }
  }
  return filter;
}

// Counts the matches the matcher sees, before collapsing folds a story's articles into one, and
// the stories they make: once it has seen every match, both counts are exact, where Xapian's
// bounds on collapsed matches stay estimates.
class StoryCounter : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++articles_;
    const std::string story = doc.get_value(schema::kStorySlot);
    if (story.empty()) {
      ++alone_;
    } else {
      stories_.insert(story);
    }
  }
  std::uint64_t articles() const { return articles_; }
  std::uint64_t stories() const { return alone_ + stories_.size(); }

 private:
  std::uint64_t articles_ = 0, alone_ = 0;
  std::unordered_set<std::string> stories_;
};

}  // namespace

struct Searcher::Impl {
  std::filesystem::path dir;
  Xapian::Database db;
  FrenchAnalyser analyser;
  // Set when a search reopened the index: it may now name articles newer than the caller's
  // archive snapshot.
  bool reopened = false;

  Xapian::QueryParser parser() {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(new AnalyserStem(analyser)));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.set_default_op(Xapian::Query::OP_AND);
    for (const schema::QueryField& f : schema::kQueryFields) {
      if (f.boolean) {
        qp.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
      } else {
        qp.add_prefix(std::string(f.name), std::string(f.prefix));
      }
    }
    qp.add_prefix(std::string(schema::kWildcardField),
                  (new detail::WildcardQuery(analyser))->release());
    qp.set_max_expansion(detail::kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_ERROR);
    return qp;
  }

  static constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
      Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

  // Runs `query` and builds hits, reading each article from the archive.
  Result<SearchResults> run(const archive::Store& store, const Xapian::Query& query,
                            const SearchRequest& request,
                            const Xapian::Query& exclude = Xapian::Query()) {
    Xapian::Enquire enquire(db);
    Xapian::Query q = query;
    if (!exclude.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, exclude);
    if (!request.among.empty()) {
      std::vector<std::string> ids;
      for (const archive::ArticleId& id : request.among) ids.push_back(schema::id_term(id.hex()));
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
    }
    if (!request.since.empty() || !request.until.empty()) {
      auto dates = date_filter(request.since, request.until);
      if (!dates) return propagate(dates);
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, *dates);
    }
    enquire.set_query(q);
    if (request.sort == SearchRequest::Sort::date)
      enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    std::optional<detail::BreakdownSpy> spy;
    // A limit past the index's size asks for every match.
    const std::uint64_t documents = db.get_doccount();
    const std::uint64_t offset = std::min<std::uint64_t>(request.offset, documents);
    const std::uint64_t limit = std::min<std::uint64_t>(request.limit, documents);
    std::uint64_t check_at_least = std::max<std::uint64_t>(kExactCountUpTo, offset + limit);
    StoryCounter counter;
    if (request.per_story) {
      enquire.set_collapse_key(schema::kStorySlot);
      enquire.add_matchspy(&counter);
    }
    if (request.by) {
      spy.emplace(*request.by);
      enquire.add_matchspy(&*spy);
      check_at_least = std::max(check_at_least, documents);
    }
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                               static_cast<Xapian::doccount>(limit),
                                               static_cast<Xapian::doccount>(check_at_least));

    std::set<std::string> stems, terms;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.starts_with(schema::kTitleStem)) {
        stems.insert(term.substr(schema::kTitleStem.size()));
      } else if (term.starts_with(schema::kStem)) {
        stems.insert(term.substr(schema::kStem.size()));
      } else if (term.starts_with(schema::kTitle)) {
        terms.insert(term.substr(schema::kTitle.size()));
      }
    }

    SearchResults results;
    results.offset = request.offset;
    results.estimated_total = mset.get_matches_estimated();
    results.total_lower = mset.get_matches_lower_bound();
    results.total_upper = mset.get_matches_upper_bound();
    if (spy) results.breakdown = spy->result();
    if (request.per_story) {
      results.articles = counter.articles();
      // Fewer matches than the matcher had to look at: it saw them all.
      if (counter.articles() < check_at_least) {
        results.estimated_total = results.total_lower = results.total_upper = counter.stories();
      }
    }
    detail::SnippetMaker snippets(analyser, std::move(stems), std::move(terms));
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const std::string hex = m.get_document().get_data();
      const auto id = archive::Digest::from_hex(hex);
      if (!id)
        return fail(Part::index, Errc::corruption,
                    fmt::format("the index is damaged: its document {} names no article", *m));
      auto article = store.get(*id);
      if (!article) {
        if (article.error().code == Errc::not_found && reopened) {
          return fail(Errc::busy, "the index moved past the archive snapshot during the search",
                      "open the archive again and retry");
        }
        if (article.error().code == Errc::not_found) {
          return fail(Part::index, Errc::corruption,
                      fmt::format("the index names article {} which the archive lacks", hex));
        }
        return propagate(article);
      }
      SearchHit hit;
      hit.percent = m.get_percent();
      hit.weight = m.get_weight();
      if (request.snippets) hit.snippet = snippets.make(article->content.text);
      hit.article = std::move(*article);
      results.hits.push_back(std::move(hit));
    }
    if (request.per_story) add_other_versions(q, mset, results);
    return results;
  }

  // The other matching articles of each hit's story: the query again, within those stories, in
  // full, so that the count is exact whatever Xapian's collapse counted on the way.
  void add_other_versions(const Xapian::Query& q, const Xapian::MSet& mset,
                          SearchResults& results) {
    std::vector<std::string> story_terms;
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const std::string story = m.get_collapse_key();
      if (!story.empty()) story_terms.push_back(std::string(schema::kStory) + story);
    }
    if (story_terms.empty()) return;
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_OR, story_terms.begin(), story_terms.end())));
    const Xapian::doccount all = db.get_doccount();
    const Xapian::MSet versions = enquire.get_mset(0, all, all);
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_story;
    for (auto m = versions.begin(); m != versions.end(); ++m) {
      const Xapian::Document doc = m.get_document();
      by_story[doc.get_value(schema::kStorySlot)].emplace_back(doc.get_data(),
                                                               doc.get_value(schema::kSourceSlot));
    }
    for (SearchHit& hit : results.hits) {
      if (!hit.article.story) continue;
      const auto found = by_story.find(hit.article.story->group.hex());
      if (found == by_story.end()) continue;
      for (const auto& [hex, source] : found->second) {
        const auto id = archive::Digest::from_hex(hex);
        if (id && *id != hit.article.id) hit.other_versions.push_back({*id, source});
      }
    }
  }

  template <typename F>
  Result<SearchResults> with_retries(F&& attempt) {
    const auto start = std::chrono::steady_clock::now();
    reopened = false;
    for (int tries = 0;; ++tries) {
      try {
        Result<SearchResults> r = attempt();
        if (r)
          r->seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return r;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (tries == kRetries)
          return fail(Errc::busy, "the index kept changing under the search", "try again");
        db.reopen();
        reopened = true;
      } catch (const Xapian::Error& e) {
        return std::unexpected(detail::xapian_error(e, "search"));
      }
    }
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const std::filesystem::path& dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  if (std::filesystem::exists(damaged_marker(dir))) {
    return fail(Part::index, Errc::corruption,
                "the index is damaged: a kiosque process crashed reading it");
  }
  if (!std::filesystem::exists(dir / "iamglass")) {
    return fail(Part::index, Errc::not_found, fmt::format("there is no index in {}", dir.string()));
  }
  const detail::IndexCall call(dir);
  try {
    impl->db = Xapian::Database(dir.string());
    if (auto same = detail::check_analyser(impl->db); !same) return propagate(same);
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "open the index"));
  }
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResults> Searcher::search(const SearchRequest& request, const archive::Store& store) {
  const detail::IndexCall call(impl_->dir);
  if (request.everything) {
    return impl_->with_retries([&] { return impl_->run(store, Xapian::Query::MatchAll, request); });
  }
  if (request.query.find_first_not_of(" \t\n") == std::string::npos) {
    return fail(Errc::invalid_argument, "the query is empty");
  }
  auto notes = detail::check_query(request.query);
  if (!notes) return propagate(notes);
  return impl_->with_retries([&]() -> Result<SearchResults> {
    Xapian::QueryParser qp = impl_->parser();
    const std::string prepared = detail::prepare_query(request.query, impl_->analyser);
    Xapian::Query query;
    try {
      query = qp.parse_query(prepared, Impl::kFlags);
    } catch (const Xapian::QueryParserError& e) {
      return fail(Errc::invalid_argument,
                  fmt::format("cannot understand the query '{}': {}", request.query, e.get_msg()),
                  "check quotes and parentheses; operators are AND, OR, NOT, NEAR in capitals");
    }
    Result<SearchResults> results;
    try {
      results = impl_->run(store, query, request);
    } catch (const Xapian::WildcardError&) {
      return fail(Errc::invalid_argument,
                  fmt::format("a wildcard in '{}' matches more than {} words", request.query,
                              detail::kMaxWildcardExpansion),
                  "make the part before * longer");
    }
    if (results && results->total_upper == 0) {
      // A correction is offered only when it would find something.
      const std::string corrected = qp.get_corrected_query_string();
      if (!corrected.empty()) {
        SearchRequest tried = request;
        tried.limit = 0;
        tried.offset = 0;
        tried.by.reset();
        auto found = impl_->run(store, qp.parse_query(corrected, Impl::kFlags), tried);
        if (found && found->total_upper > 0) results->suggestion = corrected;
      }
    }
    if (results) results->notes = *notes;
    return results;
  });
}

Result<SearchResults> Searcher::similar(const archive::ArticleId& id, std::size_t limit,
                                        const archive::Store& store) {
  const detail::IndexCall call(impl_->dir);
  return impl_->with_retries([&]() -> Result<SearchResults> {
    const std::string id_term = schema::id_term(id.hex());
    Xapian::PostingIterator p = impl_->db.postlist_begin(id_term);
    if (p == impl_->db.postlist_end(id_term)) {
      return fail(Part::index, Errc::not_found,
                  fmt::format("article {} is not in the index", id.hex()));
    }
    Xapian::RSet rset;
    rset.add_document(*p);
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(Xapian::Query(id_term));
    // Stems this article shares with at least one other: a stem found in it alone has the
    // highest expand weight and can find nothing, and in a small index such stems would fill the
    // whole expansion.
    struct SharedStems : Xapian::ExpandDecider {
      explicit SharedStems(const Xapian::Database& index) : db(index) {}
      bool operator()(const std::string& term) const override {
        return term.size() > 4 && term.starts_with(schema::kStem) &&
               !term.starts_with(schema::kTitleStem) && db.get_termfreq(term) > 1;
      }
      const Xapian::Database& db;
    } stems_only(impl_->db);
    const Xapian::ESet eset = enquire.get_eset(40, rset, &stems_only);
    Xapian::Query query(Xapian::Query::OP_OR, eset.begin(), eset.end());
    SearchRequest request;
    request.limit = limit;
    Xapian::Query exclude(id_term);
    const std::string story = impl_->db.get_document(*p).get_value(schema::kStorySlot);
    if (!story.empty()) {
      exclude = Xapian::Query(Xapian::Query::OP_OR, exclude,
                              Xapian::Query(std::string(schema::kStory) + story));
    }
    return impl_->run(store, query, request, exclude);
  });
}

Result<IndexStats> Searcher::stats() {
  const detail::IndexCall call(impl_->dir);
  try {
    impl_->db.reopen();
    IndexStats s;
    s.documents = impl_->db.get_doccount();
    const auto seq = detail::read_watermark(impl_->db);
    if (!seq) return propagate(seq);
    s.last_seq = *seq;
    s.analyser = detail::read_analyser(impl_->db);
    s.set_aside = detail::count_set_aside(impl_->db);
    for (auto t = impl_->db.allterms_begin(); t != impl_->db.allterms_end(); ++t) ++s.terms;
    s.disk_bytes = base::folder_bytes(impl_->dir);
    return s;
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "read the index's figures"));
  }
}

Result<std::uint64_t> Searcher::copy_to(const std::filesystem::path& dest) {
  const detail::IndexCall call(impl_->dir);
  try {
    // Compaction writes the commit this searcher reads out in full blocks.
    const auto seq = detail::read_watermark(impl_->db);
    if (!seq) return seq;
    impl_->db.compact(dest.string());
    return seq;
  } catch (const Xapian::DatabaseModifiedError&) {
    std::error_code ec;
    std::filesystem::remove_all(dest, ec);
    return fail(Errc::busy, "the index changed during the copy");
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "copy the index"));
  } catch (const std::exception& e) {
    // Compaction reads every block; a damaged one can make it fail outside Xapian's own errors.
    return fail(Part::index, Errc::corruption,
                fmt::format("the index is damaged: its copy failed ({})", e.what()));
  }
}

}  // namespace kiosque::indexer
