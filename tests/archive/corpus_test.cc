// The whole fr-news corpus goes in: no rejection, the byte-identical copies are duplicates, and
// the labelled near-duplicate pairs are placed as labelled.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <sstream>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/archive/ingest.h"
#include "test_support.h"

using namespace kiosque::archive;
using kiosque::test::corpus_paths;
using kiosque::test::read_file;
using kiosque::test::TempDir;

TEST_CASE("all of fr-news goes in - its identical copies are reported as duplicates",
          "[corpus][slow]") {
  const auto paths = corpus_paths();
  REQUIRE(paths.size() == 20000);
  // The copies, counted independently of kiosque: files whose bytes an earlier file already had.
  std::map<Digest, int> seen;
  std::size_t copies = 0;
  for (const auto& p : paths) copies += seen[sha256(read_file(p))]++ > 0;
  CHECK(copies > 1000);

  TempDir dir;
  auto store = Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  std::vector<std::string> rejected;
  std::map<std::string, ArticleId> article_of;  // file name -> its article
  auto totals = ingest_files(**store, paths, {}, [&](const FileOutcome& o) {
    if (!*o.result) {
      rejected.push_back(o.path->string() + ": " + o.result->error().message);
    } else {
      article_of[o.path->filename().string()] = (*o.result)->id;
    }
  });
  REQUIRE_OK(totals);
  INFO((rejected.empty() ? "" : rejected.front()));
  CHECK(rejected.empty());
  CHECK(totals->duplicates == copies);
  CHECK(totals->added + totals->new_raw_versions + totals->duplicates == 20000);
  auto stats = (*store)->stats();
  CHECK(stats->articles == totals->added);
  CHECK(stats->raw_versions == totals->added + totals->new_raw_versions);

  // The labelled pairs (../shared/relevance/README.md): every `same` pair near-duplicates, no
  // `different` pair; how many `different` pairs share a story is reported, for they may.
  std::size_t same = 0, same_joined = 0, different = 0, different_joined = 0, different_story = 0;
  std::istringstream labels(
      read_file(kiosque::test::shared_dir() / "relevance" / "near-duplicates-fr-news.tsv"));
  std::string line;
  std::getline(labels, line);
  std::vector<std::string> failures;
  while (std::getline(labels, line)) {
    std::istringstream fields(line);
    std::string a, b, label;
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    std::getline(fields, label, '\t');
    REQUIRE(article_of.contains(a));
    REQUIRE(article_of.contains(b));
    auto pa = (*store)->get(article_of[a]);
    auto pb = (*store)->get(article_of[b]);
    REQUIRE_OK(pa);
    REQUIRE_OK(pb);
    REQUIRE(pa->story);
    REQUIRE(pb->story);
    const bool joined = pa->story->cluster == pb->story->cluster;
    if (label == "same") {
      ++same;
      same_joined += joined;
      if (!joined) failures.push_back("same, apart: " + a + " " + b);
    } else {
      ++different;
      different_joined += joined;
      different_story += pa->story->group == pb->story->group;
      if (joined) failures.push_back("different, joined: " + a + " " + b);
    }
  }
  std::cout << fmt::format(
      "near-duplicates on the labelled pairs of fr-news: {}/{} same pairs joined, {}/{} different "
      "pairs joined ({} of them in one story); {} stories fold {} articles, {} near-duplicates\n",
      same_joined, same, different_joined, different, different_story, stats->story_groups,
      stats->story_folded, stats->near_duplicates);
  for (const auto& f : failures) std::cout << f << "\n";
  CHECK(same == 131);
  CHECK(different == 1342);
  CHECK(same_joined == same);
  CHECK(different_joined == 0);
}
