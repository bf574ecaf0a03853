// End to end: reading the archive back with show, list and stats.
#include <nlohmann/json.hpp>

#include "test_support.h"

using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {
std::string add_one(const std::string& data, const std::filesystem::path& file) {
  auto r = run_kiosque({"--data", data, "add", "--json", file.string()});
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(
      r.out.substr(0, r.out.find('\n')))["id"];  // the file's line, before the summary
}
}  // namespace

TEST_CASE("show --raw gives back the exact bytes - show accepts an id prefix", "[e2e][show]") {
  TempDir dir;
  const std::string data = (dir / "data").string();
  const std::string weird =
      "\xEF\xBB\xBFTitre\r\n\r\nTexte\xC2\xA0"
      "avec  espaces.\r\n";
  write_file(dir / "weird.txt", weird);
  const std::string id = add_one(data, dir / "weird.txt");

  auto raw = run_kiosque({"--data", data, "show", "--raw", id.substr(0, 10)});
  CHECK(raw.exit_code == 0);
  CHECK(raw.out == weird);

  auto shown = run_kiosque({"--data", data, "show", id.substr(0, 6)});
  CHECK(shown.exit_code == 0);
  CHECK_THAT(shown.out, Catch::Contains("title    Titre"));
  CHECK_THAT(shown.out, Catch::EndsWith("Titre\n\nTexte avec espaces.\n"));

  auto json = run_kiosque({"--data", data, "show", "--json", id});
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["id"] == id);
  CHECK(j["raw_versions"][0]["encoding"] == "UTF-8 (BOM)");
  CHECK(j["raw_versions"][0]["bytes"] == weird.size());

  auto missing = run_kiosque({"--data", data, "show", "ffffffff"});
  CHECK(missing.exit_code == 3);
  CHECK_THAT(missing.err, Catch::Contains("no article id starts with"));
}

TEST_CASE("list is newest first - stats counts", "[e2e][list][stats]") {
  TempDir dir;
  const std::string data = (dir / "data").string();
  auto add = run_kiosque({"--data", data, "add", (shared_dir() / "seeds").string()});
  REQUIRE(add.exit_code == 0);

  auto list = run_kiosque({"--data", data, "list", "--json"});
  REQUIRE(list.exit_code == 0);
  std::vector<std::uint64_t> seqs;
  std::size_t pos = 0;
  while ((pos = list.out.find('\n')) != std::string::npos) {
    seqs.push_back(nlohmann::json::parse(list.out.substr(0, pos))["seq"]);
    list.out.erase(0, pos + 1);
  }
  CHECK(seqs == std::vector<std::uint64_t>{5, 4, 3, 2, 1});

  auto human = run_kiosque({"--data", data, "list", "-n", "1"});
  CHECK_THAT(human.out, Catch::Contains("Mali : la Russie, véritable soutien"));

  auto stats = run_kiosque({"--data", data, "stats", "--json"});
  REQUIRE(stats.exit_code == 0);
  const auto s = nlohmann::json::parse(stats.out);
  CHECK(s["archive"]["articles"] == 5);
  CHECK(s["archive"]["raw_versions"] == 5);
  CHECK(s["archive"]["earliest_date"] == "2020-09-01");
  CHECK(s["archive"]["latest_date"] == "2023-09");
}

TEST_CASE("reading commands on a folder with no archive explain what to do", "[e2e]") {
  TempDir dir;
  for (const char* cmd : {"list", "stats"}) {
    auto r = run_kiosque({"--data", (dir / "none").string(), cmd});
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains("kiosque add"));
  }
}
