// The Searcher on its own, over the five seeds indexed in-process, read through a ReaderSnapshot.
#include "kiosque/indexer/searcher.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/indexer.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

// The seeds archived and indexed in a temporary data folder, and a snapshot of it.
struct SeedFolder {
  TempDir dir;
  indexer::SnapshotPaths paths{.index = dir.folder().index(), .archive = dir.folder().archive()};
  std::optional<indexer::ReaderSnapshot> snapshot;

  SeedFolder() {
    {
      auto store = archive::Store::open(paths.archive);
      REQUIRE(store);
      REQUIRE(archive::ingest_files(**store, seed_paths(), {}, {}));
      auto index = indexer::Indexer::open(paths.index);
      REQUIRE(index);
      REQUIRE((*index)->update(**store, {}, indexer::Pace::steady));
    }
    auto opened = indexer::ReaderSnapshot::open(paths, indexer::IndexNeed::required);
    REQUIRE(opened);
    snapshot.emplace(std::move(*opened));
  }
  Result<indexer::SearchResults> search(indexer::SearchRequest request) {
    return snapshot->index()->search(request, snapshot->archive());
  }
  Result<indexer::SearchResults> search(const std::string& query) {
    indexer::SearchRequest request;
    request.query = query;
    return search(request);
  }
};

std::set<std::string> ids(const indexer::SearchResults& results) {
  std::set<std::string> out;
  for (const auto& hit : results.hits) out.insert(hit.article.id.hex());
  return out;
}

}  // namespace

TEST_CASE("a search returns the archive's articles, ranked, each with a marked snippet",
          "[indexer][searcher]") {
  SeedFolder f;
  auto found = f.search("Goïta");
  REQUIRE(found);
  CHECK(found->hits.size() == 5);
  CHECK(found->estimated_total == 5);
  for (std::size_t i = 1; i < found->hits.size(); ++i) {
    CHECK(found->hits[i - 1].weight >= found->hits[i].weight);
  }
  for (const auto& hit : found->hits) {
    CHECK_FALSE(hit.article.content.text.empty());
    CHECK(hit.percent > 0);
    CHECK_FALSE(hit.snippet.highlights.empty());
  }
}

TEST_CASE("a search asked for no snippets gives the same hits without them",
          "[indexer][searcher]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Goïta";
  auto with = f.search(request);
  request.snippets = false;
  auto without = f.search(request);
  REQUIRE(with);
  REQUIRE(without);
  REQUIRE(with->hits.size() == without->hits.size());
  for (std::size_t i = 0; i < with->hits.size(); ++i) {
    CHECK(with->hits[i].article.id == without->hits[i].article.id);
    CHECK_FALSE(with->hits[i].snippet.text.empty());
    CHECK(without->hits[i].snippet.text.empty());
    CHECK(without->hits[i].snippet.highlights.empty());
  }
}

TEST_CASE("paging by limit and offset never repeats a hit", "[indexer][searcher]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Goïta";
  request.limit = 2;
  std::set<std::string> seen;
  for (request.offset = 0; request.offset < 6; request.offset += 2) {
    auto page = f.search(request);
    REQUIRE(page);
    CHECK(page->hits.size() == (request.offset < 4 ? 2u : 1u));
    for (const auto& id : ids(*page)) CHECK(seen.insert(id).second);
  }
  CHECK(seen.size() == 5);
}

TEST_CASE("dates bound and sort the results, and a bad date is refused", "[indexer][searcher]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Goïta";
  request.since = "2023";
  auto recent = f.search(request);
  REQUIRE(recent);
  REQUIRE_FALSE(recent->hits.empty());
  for (const auto& hit : recent->hits) {
    CHECK(archive::filed_date(hit.article).date.to_string() >= "2023");
  }
  request.since.clear();
  request.until = "2020-12";
  auto older = f.search(request);
  REQUIRE(older);
  for (const auto& id : ids(*older)) CHECK(ids(*recent).count(id) == 0);

  request.until.clear();
  request.sort = indexer::SearchRequest::Sort::date;
  auto by_date = f.search(request);
  REQUIRE(by_date);
  std::vector<std::string> dates;
  for (const auto& hit : by_date->hits) {
    if (hit.article.content.date) dates.push_back(hit.article.content.date->to_string());
  }
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));

  for (const std::string bad : {"2023-13", "2023-00", "2023-09-32", "23", "2023/09", "20x3"}) {
    INFO(bad);
    request.since = bad;
    auto refused = f.search(request);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::invalid_argument);
  }
}

TEST_CASE("a date known to the month or the year is kept by any bound inside its period",
          "[indexer][searcher]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Goïta";
  // Seed 001 is dated "2023-09" (its byline gives only the month).
  const auto month_only = [&]() -> std::optional<std::string> {
    auto all = f.search(request);
    REQUIRE(all);
    for (const auto& hit : all->hits) {
      const auto& date = hit.article.content.date;
      if (date && date->to_string() == "2023-09") return hit.article.id.hex();
    }
    return std::nullopt;
  }();
  REQUIRE(month_only);
  const auto kept = [&](const std::string& since, const std::string& until) {
    request.since = since;
    request.until = until;
    auto found = f.search(request);
    REQUIRE(found);
    return ids(*found).count(*month_only) == 1;
  };
  CHECK(kept("2023-09-15", ""));
  CHECK(kept("2023-09-01", "2023-09-10"));
  CHECK(kept("2023", ""));
  CHECK(kept("", "2023-09-01"));
  CHECK(kept("2023-09", "2023-09"));
  CHECK_FALSE(kept("2023-10-01", ""));
  CHECK_FALSE(kept("", "2023-08-31"));
  CHECK_FALSE(kept("2024", ""));
}

TEST_CASE("a misspelt query finds nothing and suggests the word the index knows",
          "[indexer][searcher]") {
  SeedFolder f;
  auto found = f.search("Poutinne");
  REQUIRE(found);
  CHECK(found->hits.empty());
  CHECK(found->suggestion == "poutine");
  // Within dates where the corrected word finds nothing either, nothing is suggested.
  indexer::SearchRequest long_ago;
  long_ago.query = "Poutinne";
  long_ago.until = "1990";
  auto none = f.search(long_ago);
  REQUIRE(none);
  CHECK(none->total_upper == 0);
  CHECK(none->suggestion.empty());
}

TEST_CASE("a malformed query is an invalid argument, not a crash", "[indexer][searcher]") {
  SeedFolder f;
  auto refused = f.search("Goïta AND");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::invalid_argument);
  CHECK_THAT(refused.error().message, Catch::Contains("Goïta AND"));
}

TEST_CASE(
    "similar articles are found even in a tiny index, never the article itself nor its "
    "story",
    "[indexer][searcher]") {
  SeedFolder f;
  auto all = f.search("Goïta");
  REQUIRE(all);
  // Each seed shares words with the four others: none may come back empty (stems found in one
  // article alone must not fill the expansion), and none of its own story comes back.
  for (const auto& hit : all->hits) {
    const auto& id = hit.article.id;
    INFO(id.hex());
    REQUIRE(hit.article.story);
    auto story = f.snapshot->archive().story_members(hit.article.story->group);
    REQUIRE(story);
    auto like = f.snapshot->index()->similar(id, 10, f.snapshot->archive());
    REQUIRE(like);
    CHECK(like->hits.size() == 5 - story->size());
    for (const auto& member : *story) CHECK(ids(*like).count(member.id.hex()) == 0);
  }
}

TEST_CASE("stats and a copy of the index describe the same commit", "[indexer][searcher]") {
  SeedFolder f;
  auto stats = f.snapshot->index()->stats();
  REQUIRE(stats);
  CHECK(stats->documents == 5);
  CHECK(stats->last_seq == 5);
  CHECK(stats->set_aside == 0);
  CHECK(stats->analyser == indexer::FrenchAnalyser::kVersion);
  CHECK(stats->terms > 100);
  auto copied = f.snapshot->index()->copy_to(f.dir / "copy");
  REQUIRE(copied);
  CHECK(*copied == 5);
  auto copy = indexer::Searcher::open(f.dir / "copy");
  REQUIRE(copy);
  auto copy_stats = (*copy)->stats();
  REQUIRE(copy_stats);
  CHECK(copy_stats->documents == 5);
  CHECK(copy_stats->terms == stats->terms);
}

TEST_CASE("a snapshot without an index reads the archive alone, or refuses when one is needed",
          "[indexer][searcher][snapshot]") {
  TempDir dir;
  const indexer::SnapshotPaths paths{.index = dir.folder().index(),
                                     .archive = dir.folder().archive()};
  {
    auto store = archive::Store::open(paths.archive);
    REQUIRE(store);
    REQUIRE(archive::ingest_files(**store, seed_paths(), {}, {}));
  }
  auto required = indexer::ReaderSnapshot::open(paths, indexer::IndexNeed::required);
  REQUIRE_FALSE(required);
  CHECK(required.error().code == Errc::not_found);
  CHECK(required.error().part == Part::index);
  int runs = 0;
  auto read = indexer::read_snapshot(paths, indexer::IndexNeed::if_present,
                                     [&](const indexer::ReaderSnapshot& s) -> Result<void> {
                                       ++runs;
                                       CHECK(s.index() == nullptr);
                                       CHECK(s.archive().last_seq() == 5);
                                       return {};
                                     });
  CHECK(read);
  CHECK(runs == 1);
}

TEST_CASE(
    "a step that meets a newer commit is run again on a fresh snapshot, a bounded number of times",
    "[indexer][searcher][snapshot]") {
  SeedFolder f;
  int runs = 0;
  auto read = indexer::read_snapshot(f.paths, indexer::IndexNeed::required,
                                     [&](const indexer::ReaderSnapshot&) -> Result<void> {
                                       ++runs;
                                       if (runs < 3) return fail(Errc::busy, "a commit landed");
                                       return {};
                                     });
  CHECK(read);
  CHECK(runs == 3);
  runs = 0;
  auto gave_up = indexer::read_snapshot(f.paths, indexer::IndexNeed::required,
                                        [&](const indexer::ReaderSnapshot&) -> Result<void> {
                                          ++runs;
                                          return fail(Errc::busy, "a commit landed");
                                        });
  REQUIRE_FALSE(gave_up);
  CHECK(gave_up.error().code == Errc::busy);
  CHECK(runs == 4);
}

TEST_CASE("a breakdown counts every match per period or source, intake days told apart",
          "[indexer][searcher][breakdown]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Mali";
  request.limit = 1;
  request.by = indexer::BreakdownBy::year;
  auto years = f.search(request);
  REQUIRE(years);
  REQUIRE(years->breakdown);
  const indexer::Breakdown& b = *years->breakdown;
  CHECK(b.total == years->total_lower);
  CHECK(years->exact_total());
  std::uint64_t counted = b.without;
  for (const auto& [year, count] : b.counts) counted += count;
  CHECK(counted == b.total);
  // Seeds that state no date are counted at their intake day; the others at their own year.
  request.by.reset();
  request.limit = 10;
  auto all = f.search(request);
  REQUIRE(all);
  std::uint64_t undated = 0;
  std::map<std::string, std::uint64_t> expected;
  for (const auto& hit : all->hits) {
    const auto filed = archive::filed_date(hit.article);
    if (filed.kind == archive::FiledDate::Kind::intake) {
      ++undated;
      CHECK_FALSE(hit.article.content.date);
    }
    ++expected[fmt::format("{:04}", filed.date.year)];
  }
  CHECK(b.intake_dated == undated);
  CHECK(std::map<std::string, std::uint64_t>(b.counts.begin(), b.counts.end()) == expected);

  // Months: a seed dated only to its year would count as less precise; every seed has a month.
  request.by = indexer::BreakdownBy::month;
  auto months = f.search(request);
  REQUIRE(months);
  for (const auto& [month, count] : months->breakdown->counts) CHECK(month.size() == 7);

  // The whole archive by source: every article counted once, with or without a source.
  indexer::SearchRequest everything;
  everything.everything = true;
  everything.limit = 0;
  everything.by = indexer::BreakdownBy::source;
  auto sources = f.search(everything);
  REQUIRE(sources);
  CHECK(sources->breakdown->total == 5);
  std::uint64_t with_source = 0;
  for (const auto& [name, count] : sources->breakdown->counts) with_source += count;
  CHECK(with_source + sources->breakdown->without == 5);
  CHECK(with_source >= 1);
}

TEST_CASE("undated articles are filed under their intake day for date bounds",
          "[indexer][searcher]") {
  SeedFolder f;
  indexer::SearchRequest request;
  request.query = "Mali";
  auto all = f.search(request);
  REQUIRE(all);
  std::set<std::string> undated;
  std::string intake_day;
  for (const auto& hit : all->hits) {
    const auto filed = archive::filed_date(hit.article);
    if (filed.kind != archive::FiledDate::Kind::intake) continue;
    undated.insert(hit.article.id.hex());
    CHECK(filed.date == archive::utc_day(hit.article.added_at_ms));
    intake_day = filed.date.to_string();
  }
  REQUIRE_FALSE(undated.empty());
  request.since = intake_day;
  request.until = intake_day;
  auto that_day = f.search(request);
  REQUIRE(that_day);
  CHECK(ids(*that_day) == undated);
}
