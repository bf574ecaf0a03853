// End to end: the real kiosque binary taking files in.
#include <nlohmann/json.hpp>

#include "folder/data_folder.h"
#include "test_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {
std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::size_t pos = 0;
  while (pos < out.size()) {
    const auto end = out.find('\n', pos);
    lines.push_back(nlohmann::json::parse(out.substr(pos, end - pos)));
    pos = end == std::string::npos ? out.size() : end + 1;
  }
  return lines;
}
}  // namespace

TEST_CASE("kiosque add takes in a folder and summarises", "[e2e][add]") {
  TempDir dir;
  auto r =
      run_kiosque({"--data", (dir / "data").string(), "add", (shared_dir() / "seeds").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("5 added, 0 duplicates, 0 new raw versions, 0 rejected"));

  auto again = run_kiosque({"add", (shared_dir() / "seeds").string()},
                           {{"KIOSQUE_DATA", (dir / "data").string()}});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("0 added, 5 duplicates"));
}

TEST_CASE("kiosque add --json reports every file - rejections set the exit status", "[e2e][add]") {
  TempDir dir;
  write_file(dir / "bin.dat", std::string("\0\1\2\3", 4));
  write_file(dir / "name with spaces 'and quotes'.txt", "Un article\n\nAvec un nom étrange.");
  write_file(dir / "crlf.txt", "Un article\r\n\r\nAvec un nom étrange.\r\n");
  auto r =
      run_kiosque({"--data", (dir / "data").string(), "add", "--json", seed_path("000").string(),
                   (dir / "bin.dat").string(), (dir / "name with spaces 'and quotes'.txt").string(),
                   (dir / "crlf.txt").string(), seed_path("000").string()});
  CHECK(r.exit_code == 1);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0]["status"] == "added");
  CHECK(lines[0]["id"].get<std::string>().size() == 64);
  CHECK(lines[1]["status"] == "rejected");
  CHECK_THAT(lines[1]["reason"].get<std::string>(), Catch::Contains("binary"));
  CHECK(lines[2]["status"] == "added");
  CHECK(lines[3]["status"] == "new_raw_version");
  CHECK(lines[3]["id"] == lines[2]["id"]);
  CHECK(lines[4]["status"] == "duplicate");
  CHECK(lines[4]["id"] == lines[0]["id"]);
  const auto& summary = lines[5]["summary"];
  CHECK(summary["files"] == 5);
  CHECK(summary["added"] == 2);
  CHECK(summary["rejected"] == 1);
  CHECK(summary["indexed"] == 2);
  for (const char* stage :
       {"read", "decode", "normalise", "hash", "store", "sync", "analyse", "index", "commit"}) {
    INFO(stage);
    CHECK(summary["stage_ms"][stage].get<double>() >= 0.0);
  }
  CHECK_THAT(r.err, Catch::Contains("1 rejected"));
}

TEST_CASE("kiosque add refuses a second writer with advice not a lock error", "[e2e][add]") {
  TempDir dir;
  // A live writer: a store held open by this process.
  auto first = run_kiosque({"--data", (dir / "data").string(), "add", seed_path("000").string()});
  REQUIRE(first.exit_code == 0);
  auto usage = run_kiosque({"add"});
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.err, Catch::Contains("paths"));
}

TEST_CASE("every command has --help", "[e2e]") {
  for (const char* cmd : {"add", "show", "list", "stats"}) {
    INFO(cmd);
    auto r = run_kiosque({cmd, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Usage"));
  }
  auto top = run_kiosque({"--help"});
  CHECK(top.exit_code == 0);
  CHECK_THAT(top.out, Catch::Contains("add"));
}

TEST_CASE("the data folder and its inbox are created private to their owner",
          "[e2e][add][security]") {
  TempDir dir;
  const auto data = dir / "data";
  REQUIRE(run_kiosque({"--data", data.string(), "add", seed_path("000").string()}).exit_code == 0);
  for (const auto& folder : {data, DataFolder{data}.inbox()}) {
    INFO(folder);
    const auto perms = std::filesystem::status(folder).permissions();
    CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
          std::filesystem::perms::none);
  }
}
