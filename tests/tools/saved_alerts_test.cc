// The alerts/ folder: saved alerts, the matches log read since the last look, and commands run
// for a match.
#include "alerts/saved_alerts.h"

#include <fstream>

#include "alerts/alert_command.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::write_file;
using kiosque::tools::AlertFiles;
using kiosque::tools::AlertMatch;
using kiosque::tools::SavedAlert;

namespace {

AlertMatch match_of(const std::string& alert, char digit) {
  AlertMatch m;
  m.alert = alert;
  m.id = *archive::Digest::from_hex(std::string(64, digit));
  m.title = "Titre, avec \"guillemets\"";
  m.date = "2023-09-10";
  m.date_kind = "published";
  return m;
}

SavedAlert alert(const std::string& name, const std::string& query) {
  SavedAlert a;
  a.name = name;
  a.query = query;
  return a;
}

tools::CommandRun command(std::vector<std::string> argv, const std::filesystem::path& out) {
  tools::CommandRun run;
  run.argv = std::move(argv);
  run.output = out;
  return run;
}

}  // namespace

TEST_CASE("alerts are saved, listed in order, refused twice or badly named, and removed",
          "[tools][alerts]") {
  TempDir dir;
  const AlertFiles files(dir.folder());
  REQUIRE(files.load()->empty());
  SavedAlert mali = alert("mali", "Mali");
  mali.after_seq = 7;
  REQUIRE_OK(files.add(mali));
  SavedAlert retraites = alert("retraites", "\"réforme des retraites\"");
  retraites.since = "2019";
  retraites.command = {"notify-send", "kiosque"};
  REQUIRE_OK(files.add(retraites));
  auto loaded = files.load();
  REQUIRE(loaded);
  REQUIRE(loaded->size() == 2);
  CHECK((*loaded)[0].name == "mali");
  CHECK((*loaded)[0].after_seq == 7);
  CHECK((*loaded)[1].command == std::vector<std::string>{"notify-send", "kiosque"});
  CHECK((*loaded)[1].since == "2019");

  auto twice = files.add(alert("mali", "Bamako"));
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == Errc::invalid_argument);
  for (const std::string& bad :
       std::vector<std::string>{"", "a b", "../x", "é", std::string(65, 'a')}) {
    INFO(bad);
    CHECK_FALSE(files.add(alert(bad, "x")));
  }
  REQUIRE_OK(files.remove("mali"));
  CHECK(files.load()->size() == 1);
  auto gone = files.remove("mali");
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == Errc::not_found);

  write_file(dir.folder().root / "alerts" / "saved.json", "{\"schema\": 1, \"alerts\": [");
  auto damaged = files.load();
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().code == Errc::corruption);
}

TEST_CASE("show reads each alert's matches since its last look, past a line a crash cut short",
          "[tools][alerts]") {
  TempDir dir;
  const AlertFiles files(dir.folder());
  REQUIRE_OK(files.append(match_of("mali", 'a')));
  REQUIRE_OK(files.append(match_of("niger", 'b')));
  auto first = files.unseen("mali", false);
  REQUIRE(first);
  REQUIRE(first->matches.size() == 1);
  CHECK(first->matches[0].title == "Titre, avec \"guillemets\"");
  CHECK(first->matches[0].id.hex() == std::string(64, 'a'));
  REQUIRE_OK(files.mark_seen("mali", first->end));
  CHECK(files.unseen("mali", false)->matches.empty());
  CHECK(files.unseen("mali", true)->matches.size() == 1);
  CHECK(files.unseen("niger", false)->matches.size() == 1);

  // A watch killed in the middle of an append leaves half a line: it is skipped, and the next
  // match starts a line of its own.
  {
    std::ofstream log(dir.folder().root / "alerts" / "matches.jsonl", std::ios::app);
    log << "{\"alert\": \"mali\", \"id\": \"cc";
  }
  REQUIRE_OK(files.append(match_of("mali", 'd')));
  auto after = files.unseen("mali", false);
  REQUIRE(after);
  REQUIRE(after->matches.size() == 1);
  CHECK(after->matches[0].id.hex() == std::string(64, 'd'));
  CHECK(files.all_matches()->size() == 3);

  CHECK(*files.checked() == 0);
  REQUIRE_OK(files.set_checked(42));
  CHECK(*files.checked() == 42);
}

TEST_CASE("an alert command gets the article in its environment, and its status",
          "[tools][alerts]") {
  TempDir dir;
  const auto out = dir / "out.log";
  auto run =
      command({"/bin/sh", "-c", "echo \"$KIOSQUE_TITLE|$0\"; exit 3", "l’appel; rm -rf /"}, out);
  run.env = {{"KIOSQUE_TITLE", "Goïta $(reboot) `x` \"y\""}};
  auto ran = tools::run_command(run);
  REQUIRE(ran);
  CHECK(*ran == 3);
  // The title reaches the command as data, never as shell words.
  CHECK(read_file(out) == "Goïta $(reboot) `x` \"y\"|l’appel; rm -rf /\n");

  auto missing = tools::run_command(command({"kiosque-no-such-program"}, out));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::not_found);

  const auto start = std::chrono::steady_clock::now();
  auto sleeper = command({"/bin/sh", "-c", "sleep 30 & sleep 30"}, out);
  sleeper.timeout = std::chrono::milliseconds(200);
  auto slow = tools::run_command(sleeper);
  REQUIRE_FALSE(slow);
  CHECK(slow.error().code == Errc::busy);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
