// One article the index refuses never stops the others, under `watch` and under `add`: it is set
// aside, logged once, counted by stats, listed by verify (exit 1), and indexed by
// `verify --repair` once the cause is gone. KIOSQUE_MAX_TERM_BYTES lowers the index's term limit
// so that a real article with one long word is refused (the analyser never makes such a term).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::count_of;
using kiosque::test::files_under;
using kiosque::test::index_documents;
using kiosque::test::run_kiosque;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

namespace {

const std::map<std::string, std::string> kLowLimit{{"KIOSQUE_MAX_TERM_BYTES", "80"}};

std::string article(int i, bool poisoned) {
  return fmt::format(
      "Dépêche numéro {}\n\nLe conseil municipal de Lyon a voté la délibération {} jeudi soir.{}\n",
      i, i, poisoned ? " Slogan : " + std::string(100, 'o') + " !" : "");
}

}  // namespace

TEST_CASE("under watch, a poisoned file between good ones blocks none of them",
          "[e2e][watch][set-aside]") {
  TempDir dir;
  const auto data = dir / "data";
  WatchProcess watch(data, {}, kLowLimit);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  for (int i = 0; i < 7; ++i) {
    write_file(DataFolder{data}.inbox() / fmt::format("depeche-{}.txt", i), article(i, i == 2));
    // Each good one is searchable within the usual freshness, those after the poisoned one too.
    if (i != 2) {
      CHECK(wait_until(
          [&] { return index_documents(data) == static_cast<std::uint64_t>(i < 2 ? i + 1 : i); },
          std::chrono::seconds(5)));
    }
  }
  REQUIRE(wait_until([&] { return watch.log().find("not indexed") != std::string::npos; }));
  const auto stats =
      nlohmann::json::parse(run_kiosque({"--data", data.string(), "stats", "--json"}).out);
  CHECK(stats["index"]["set_aside"] == 1);
  CHECK(stats["index"]["documents"] == 6);
  const auto verify = run_kiosque({"--data", data.string(), "verify"});
  CHECK(verify.exit_code == 1);
  CHECK_THAT(verify.out,
             Catch::Contains("depeche-2.txt") && Catch::Contains("could not be indexed"));
  CHECK(watch.stop() == 0);
  CHECK(count_of(watch.log(), "not indexed") == 1);
  CHECK_THAT(watch.log(), Catch::Contains("depeche-2.txt"));

  // Restarted, the watch does not try it again (nor log it again).
  {
    WatchProcess again(data, {}, kLowLimit);
    REQUIRE(wait_until([&] { return again.log().find(" watching ") != std::string::npos; }));
    CHECK(again.stop() == 0);
    CHECK(count_of(again.log(), "not indexed") == 0);
  }
  // After "an upgrade that fixes it", verify --repair indexes it.
  CHECK(run_kiosque({"--data", data.string(), "verify", "--repair"}).exit_code == 0);
  CHECK(index_documents(data) == 7);
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
}

TEST_CASE("add of a folder holding a poisoned article indexes all the others and names it",
          "[e2e][add][set-aside]") {
  TempDir dir;
  const auto data = dir / "data";
  std::filesystem::create_directories(dir / "in");
  for (int i = 0; i < 10; ++i)
    write_file(dir / "in" / fmt::format("depeche-{}.txt", i), article(i, i == 4 || i == 9));
  const auto r = run_kiosque({"--data", data.string(), "add", (dir / "in").string()}, kLowLimit);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(count_of(r.err, "not indexed") == 2);
  CHECK_THAT(r.err, Catch::Contains("depeche-4.txt") && Catch::Contains("depeche-9.txt"));
  CHECK(index_documents(data) == 8);
  // reindex tries them again: with the limit gone, everything is indexed.
  CHECK(run_kiosque({"--data", data.string(), "reindex"}).exit_code == 0);
  CHECK(index_documents(data) == 10);
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
}
