// End to end: a backup taken while watch takes files in is a consistent data folder that
// verifies, searches, and restores.
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::corpus_paths;
using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

TEST_CASE("a backup taken while watch runs verifies and restores", "[e2e][backup]") {
  TempDir dir;
  const auto data = dir / "data";
  std::vector<std::string> add{"--data", data.string(), "add", "--quiet"};
  for (const auto& p : seed_paths()) add.push_back(p.string());
  REQUIRE(run_kiosque(add).exit_code == 0);

  WatchProcess watch(data);
  const auto corpus = corpus_paths(600);
  std::atomic<bool> dropping = true;
  std::jthread dropper([&] {
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      write_file(DataFolder{data}.inbox() / corpus[i].filename(), read_file(corpus[i]));
      if (i % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    dropping = false;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto backup = run_kiosque({"--data", data.string(), "backup", (dir / "backup").string()});
  INFO(backup.err);
  REQUIRE(backup.exit_code == 0);
  CHECK_THAT(backup.out, Catch::Contains("backed up"));
  dropper.join();
  CHECK(watch.stop() == 0);

  // The backup is a data folder of its own: intact, its index matching its archive.
  auto verify = run_kiosque({"--data", (dir / "backup").string(), "verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  auto stats = run_kiosque({"--data", (dir / "backup").string(), "stats", "--json"});
  REQUIRE(stats.exit_code == 0);
  const auto j = nlohmann::json::parse(stats.out);
  CHECK(j["archive"]["articles"].get<int>() >= 5);
  CHECK(j["index"]["last_seq"].get<std::uint64_t>() <=
        j["archive"]["last_seq"].get<std::uint64_t>());

  // A second backup into the same folder is refused: nothing is overwritten.
  auto again = run_kiosque({"--data", data.string(), "backup", (dir / "backup").string()});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("not empty"));

  // Restore: copy the backup in place of a lost data folder; a watch there catches the index up.
  std::filesystem::remove_all(data);
  std::filesystem::copy(dir / "backup", data, std::filesystem::copy_options::recursive);
  auto search = run_kiosque({"--data", data.string(), "search", "--json", "Goïta"});
  REQUIRE(search.exit_code == 0);
  CHECK(nlohmann::json::parse(search.out)["results"].size() >= 3);
  WatchProcess restored(data);
  REQUIRE(wait_until([&] {
    const auto s =
        nlohmann::json::parse(run_kiosque({"--data", data.string(), "stats", "--json"}).out);
    return s["index"]["last_seq"] == s["archive"]["last_seq"];
  }));
  CHECK(restored.stop() == 0);
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
}
