// The crash test: kill a real `kiosque watch` with SIGKILL at many moments while files are being
// dropped, restart it each time, and check that nothing was lost and nothing doubled.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "folder/data_folder.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::article_id_of;
using kiosque::test::corpus_paths;
using kiosque::test::files_under;
using kiosque::test::index_copies;
using kiosque::test::index_documents;
using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;
using kiosque::test::write_in_pieces;

TEST_CASE("watch killed with SIGKILL at 20 moments loses nothing and doubles nothing",
          "[e2e][watch][crash]") {
  TempDir dir;
  const auto data = dir / "data";
  const auto inbox = DataFolder{data}.inbox();
  std::filesystem::create_directories(inbox / "sub");

  // What is dropped: corpus articles written in place (in pieces), or under a temporary name and
  // renamed; every twentieth a file that must be refused.
  const auto corpus = corpus_paths(500);
  std::map<std::string, std::string> good;  // inbox-relative name -> article id
  std::vector<std::string> bad;
  std::atomic<bool> dropping = true;
  std::jthread dropper([&] {
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      const std::string name = (i % 3 == 0 ? "sub/" : "") + corpus[i].filename().string();
      if (i % 20 == 19) {
        write_file(inbox / (name + ".bin"), std::string("\x00\x01\x02 not text", 12));
      } else if (i % 2 == 0) {
        write_in_pieces(inbox / name, read_file(corpus[i]));
      } else {
        write_file(inbox / (name + ".tmp"), read_file(corpus[i]));
        std::filesystem::rename(inbox / (name + ".tmp"), inbox / name);
      }
      ::usleep(9000);
    }
    dropping = false;
  });
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const std::string name = (i % 3 == 0 ? "sub/" : "") + corpus[i].filename().string();
    if (i % 20 == 19) {
      bad.push_back(name + ".bin");
    } else {
      good[name] = article_id_of(corpus[i]);
    }
  }

  int kills = 0;
  while (dropping || kills < 20) {
    WatchProcess watch(data);
    // Kill at spread-out moments: during start-up, recovery, intake, syncs and index commits.
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + (kills * 53) % 400));
    const int status = watch.stop(SIGKILL);
    INFO(watch.log());
    CHECK(status == -1);
    ++kills;
  }
  dropper.join();
  REQUIRE(kills >= 20);

  // One last, uninterrupted run takes in what waits in the inbox and indexes what the killed
  // runs archived.
  std::set<std::string> ids;
  for (const auto& [name, id] : good) ids.insert(id);
  WatchProcess watch(data);
  REQUIRE(wait_until(
      [&] { return kiosque::test::intake_done(data) && index_documents(data) == ids.size(); },
      std::chrono::seconds(120)));
  const int status = watch.stop(SIGTERM);
  INFO(watch.log());
  REQUIRE(status == 0);

  // Every good file was archived and indexed exactly once; the archive holds nothing else.
  auto snapshot = kiosque::indexer::ReaderSnapshot::open(
      {.index = DataFolder{data}.index(), .archive = DataFolder{data}.archive()},
      kiosque::indexer::IndexNeed::none);
  REQUIRE_OK(snapshot);
  const kiosque::archive::Store& store = snapshot->archive();
  CHECK(store.stats()->articles == ids.size());
  for (const std::string& id : ids) {
    INFO(id);
    CHECK(store.get(*kiosque::archive::Digest::from_hex(id)).has_value());
    CHECK(index_copies(data, id) == 1);
  }
  CHECK(index_documents(data) == ids.size());
  // Stories survive the kills too: every article placed and listed in its story, no story naming
  // a missing article, and the index filing each article under the archive's story.
  const auto verified = kiosque::test::run_kiosque({"--data", data.string(), "verify", "--json"});
  INFO(verified.out);
  CHECK(verified.exit_code == 0);
  // Every bad file is in rejected/ with a reason, under its name or a -N variant; no good one is.
  const auto rejected = files_under(DataFolder{data}.rejected());
  std::size_t refused = 0;
  for (const auto& path : rejected) {
    if (path.extension() == ".reason") continue;
    ++refused;
    CHECK(path.extension() == ".bin");
    auto reason = path;
    reason += ".reason";
    CHECK_THAT(read_file(reason), Catch::Contains("reason: binary"));
  }
  CHECK(refused == bad.size());
  CHECK(kiosque::test::intake_done(data));
}
