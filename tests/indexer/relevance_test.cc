// Every case of ../shared/relevance/seeds.tsv, run through the same search code as `kiosque
// search`.
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/indexer.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::seed_paths;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;

namespace {

struct Case {
  std::string name, query, exercises;
  std::set<std::string> must, must_not;
};

std::set<std::string> seed_set(const std::string& field) {
  std::set<std::string> out;
  if (field == "-") return out;
  std::istringstream in(field);
  for (std::string s; in >> s;) out.insert(s);
  return out;
}

std::vector<Case> load_cases() {
  std::ifstream in(shared_dir() / "relevance" / "seeds.tsv");
  REQUIRE(in);
  std::vector<Case> cases;
  bool header = true;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    REQUIRE(cols.size() >= 5);
    cases.push_back({cols[0], cols[1], cols[4], seed_set(cols[2]), seed_set(cols[3])});
  }
  return cases;
}

}  // namespace

TEST_CASE("every relevance case over the seeds holds", "[indexer][relevance]") {
  TempDir dir;
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  std::map<std::string, std::string> seed_of_id;  // article id hex -> "000"
  const auto paths = seed_paths();
  REQUIRE_OK(archive::ingest_files(**store, paths, {}, [&](const archive::FileOutcome& o) {
    REQUIRE(*o.result);
    seed_of_id[(*o.result)->id.hex()] = o.path->filename().string().substr(0, 3);
  }));
  auto index = indexer::Indexer::open(dir.folder().index());
  REQUIRE_OK(index);
  REQUIRE_OK((*index)->update(**store, {}, indexer::Pace::steady));
  auto snapshot = indexer::ReaderSnapshot::open(
      {.index = dir.folder().index(), .archive = dir.folder().archive()},
      indexer::IndexNeed::required);
  REQUIRE_OK(snapshot);

  const auto cases = load_cases();
  CHECK(cases.size() >= 26);
  std::vector<std::string> failures;
  for (const Case& c : cases) {
    indexer::SearchRequest request;
    request.query = c.query;
    request.limit = 100;
    auto results = snapshot->index()->search(request, snapshot->archive());
    if (!results) {
      failures.push_back(
          fmt::format("{} [{}]: error {}", c.name, c.query, results.error().message));
      continue;
    }
    std::set<std::string> found;
    for (const auto& hit : results->hits) found.insert(seed_of_id[hit.article.id.hex()]);
    for (const auto& s : c.must) {
      if (!found.contains(s))
        failures.push_back(fmt::format("{} [{}] misses {} ({})", c.name, c.query, s, c.exercises));
    }
    for (const auto& s : c.must_not) {
      if (found.contains(s))
        failures.push_back(
            fmt::format("{} [{}] wrongly finds {} ({})", c.name, c.query, s, c.exercises));
    }
  }
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failures.empty());
}
