// The real-world corpus (tests/data/real-world: emoji, hashtags, links, long words, French
// numbers, other scripts, lone marks) taken in under `add` and under `watch`: every article is
// indexed exactly once, and each is found by its trap.
#include <nlohmann/json.hpp>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::files_under;
using kiosque::test::index_documents;
using kiosque::test::run_kiosque;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;

namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(KIOSQUE_SOURCE_DIR) / "tests" / "data" / "real-world";

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(kCorpus)) {
    if (e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The files of the corpus a search finds, by their titles' first words.
std::vector<std::string> found(const std::filesystem::path& data, const std::string& query) {
  const auto r = run_kiosque({"--data", data.string(), "search", "--json", "-n", "20", query});
  INFO(query << ": " << r.err);
  REQUIRE(r.signal == 0);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> titles;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& hit : j["results"])
    titles.push_back(hit["title"].get<std::string>().substr(0, 12));
  return titles;
}

bool finds(const std::filesystem::path& data, const std::string& query,
           const std::string& title_start) {
  for (const auto& t : found(data, query)) {
    if (title_start.starts_with(t) || t.starts_with(title_start.substr(0, 12))) return true;
  }
  return false;
}

void check_searches(const std::filesystem::path& data) {
  const std::string long_word = "Aaaaaaaaah" + std::string(290, 'a');
  const std::vector<std::pair<std::string, std::string>> cases{
      {"alerte orages", "Orages : l’a"},
      {"\"tweet partagé\"", "Orages : l’a"},
      {"#GiletsJaunes", "Cinq ans apr"},
      {"giletsjaunes", "Cinq ans apr"},
      {"\"gilets jaunes\"", "Cinq ans apr"},
      {"@EmmanuelMacron", "Cinq ans apr"},
      {"macron", "Cinq ans apr"},
      {"lemonde.fr", "Réforme des "},
      {"legifrance", "Réforme des "},
      {"francetvinfo", "Réforme des "},
      {long_word, "Un cri de 30"},
      {"\"1 000 000\" euros", "Budget : 1 0"},
      {"1000000", "Budget : 1 0"},
      {"2,5", "Budget : 1 0"},
      {"839.000", "Budget : 1 0"},
      {"12 000 repas", "Budget : 1 0"},
      {"Москва", "Guerre en Uk"},
      {"Αθήνα", "Guerre en Uk"},
      {"\"人民日报\"", "Guerre en Uk"},
      {"\"appel à témoins\"", "Faits divers"},
      {"Bamako", "Coupe du mon"},
  };
  for (const auto& [query, title] : cases) {
    INFO(query);
    CHECK(finds(data, query, title));
  }
  // Queries of nothing but emoji or marks are no error, and find nothing.
  for (const std::string query : {"⚡️", "\xCC\x81", "🇫🇷"}) {
    const auto r = run_kiosque({"--data", data.string(), "search", query});
    INFO(query << ": " << r.err);
    CHECK(r.signal == 0);
    CHECK((r.exit_code == 0 || r.exit_code == 2));
  }
}

}  // namespace

TEST_CASE("the real-world corpus is indexed exactly once under add, and found by each trap",
          "[e2e][real-world]") {
  TempDir dir;
  const auto data = dir / "data";
  std::vector<std::string> add{"--data", data.string(), "add"};
  for (const auto& p : corpus()) add.push_back(p.string());
  const auto r = run_kiosque(add);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(index_documents(data) == corpus().size());
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
  check_searches(data);
}

TEST_CASE("the real-world corpus is indexed exactly once under watch", "[e2e][real-world][watch]") {
  TempDir dir;
  const auto data = dir / "data";
  WatchProcess watch(data);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  for (const auto& p : corpus())
    std::filesystem::copy_file(p, DataFolder{data}.inbox() / p.filename());
  REQUIRE(wait_until([&] {
    return kiosque::test::intake_done(data) && index_documents(data) == corpus().size();
  }));
  CHECK(watch.stop() == 0);
  CHECK(watch.log().find("not indexed") == std::string::npos);
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
  check_searches(data);
}
