// End to end: saved alerts checked by a real `kiosque watch` as files arrive in its inbox.
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"
#include "watch_support.h"

using kiosque::test::article_id_of;
using kiosque::test::read_file;
using kiosque::test::seed_path;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

namespace {

// Matches per alert, as `kiosque alert list --json` counts them.
std::map<std::string, int> matches(const kiosque::test::TestFolder& f) {
  std::map<std::string, int> out;
  const auto listed = f.k({"alert", "list", "--json"});
  std::istringstream lines(listed.out);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    out[j["name"]] = j["matches"];
  }
  return out;
}

std::size_t lines_in(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return 0;
  const std::string text = read_file(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("watch fires alerts for new matches only, runs their commands, and never twice",
          "[e2e][watch][alerts]") {
  kiosque::test::TestFolder f;
  // Seed 000 names Mali but is archived before the alert is saved: it never matches.
  REQUIRE(f.k({"add", seed_path("000").string()}).exit_code == 0);
  const auto hook = f.dir / "hook.txt";
  const auto tries = f.dir / "tries.txt";
  auto saved = f.k({"alert", "add", "mali", "Mali", "--", "/bin/sh", "-c",
                    "echo \"$KIOSQUE_ID|$KIOSQUE_ALERT|$KIOSQUE_DATE_KIND\" >> " + hook.string()});
  INFO(saved.err);
  REQUIRE(saved.exit_code == 0);
  REQUIRE(f.k({"alert", "add", "wagner", "Wagner", "--", "/bin/sh", "-c",
               "echo x >> " + tries.string() + "; exit 4"})
              .exit_code == 0);
  auto bad = f.k({"alert", "add", "typo", "auteur:Dupont"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("not a field"));
  CHECK(f.k({"alert", "add", "mali", "Bamako"}).exit_code == 2);

  WatchProcess watch(f.data);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  const std::string mali_only = article_id_of(seed_path("004"));
  std::filesystem::copy_file(seed_path("004"), f.inbox / "mali.txt");
  write_file(f.inbox / "tour.txt", "Le Tour de France\n\nLe peloton arrive à Paris dimanche.\n");
  REQUIRE(wait_until([&] { return lines_in(hook) == 1; }, std::chrono::seconds(20)));
  CHECK(read_file(hook) == mali_only + "|mali|published\n");
  CHECK(matches(f) == std::map<std::string, int>{{"mali", 1}, {"wagner", 0}});

  // Saved while watch runs: checked from the next batch on.
  REQUIRE(f.k({"alert", "add", "burkina", "Burkina"}).exit_code == 0);
  const std::string three = article_id_of(seed_path("003"));  // Mali, Burkina and Wagner
  std::filesystem::copy_file(seed_path("003"), f.inbox / "sahel.txt");
  REQUIRE(wait_until([&] { return lines_in(hook) == 2; }, std::chrono::seconds(20)));
  // The failing command: 3 runs in all (1 s, then 2 s apart), then given up, while intake goes
  // on.
  REQUIRE(wait_until([&] { return watch.log().find("given up") != std::string::npos; },
                     std::chrono::seconds(20)));
  CHECK(lines_in(tries) == 3);
  CHECK_THAT(watch.log(), Catch::Contains("alert wagner: the command failed for article " +
                                          three.substr(0, 12) + " (exit status 4)"));
  CHECK(matches(f) == std::map<std::string, int>{{"burkina", 1}, {"mali", 2}, {"wagner", 1}});
  REQUIRE(watch.stop() == 0);

  auto shown = f.k({"alert", "show", "mali", "--json"});
  REQUIRE(shown.exit_code == 0);
  CHECK(shown.out.find(mali_only) < shown.out.find(three));
  CHECK(f.k({"alert", "show", "mali"}).out == "0 matches since the last look\n");

  // A second run checks nothing twice and runs no command again.
  WatchProcess again(f.data);
  REQUIRE(wait_until([&] { return again.log().find(" watching ") != std::string::npos; }));
  REQUIRE(again.stop() == 0);
  CHECK(lines_in(hook) == 2);
  CHECK(lines_in(tries) == 3);
  CHECK(matches(f) == std::map<std::string, int>{{"burkina", 1}, {"mali", 2}, {"wagner", 1}});
  REQUIRE(f.k({"alert", "remove", "wagner"}).exit_code == 0);
  auto removed = f.k({"alert", "show", "wagner"});
  CHECK(removed.exit_code == 3);
  CHECK_THAT(removed.err, Catch::Contains("there is no alert named 'wagner'"));
}
