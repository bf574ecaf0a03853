// End to end: stories through the real binary: search collapses them, story lists them,
// similar looks past them, stats counts them, verify checks them.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_support.h"
#include "watch_support.h"

using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {

struct Seeds {
  TempDir dir;
  std::string data = (dir / "data").string();
  std::map<std::string, std::string> id;  // "000" -> article id

  Seeds() {
    std::vector<std::string> args{"--data", data, "add", "--json"};
    for (const auto& p : seed_paths()) args.push_back(p.string());
    auto r = run_kiosque(args);
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::size_t i = 0;
    const auto paths = seed_paths();
    while (std::getline(lines, line) && i < paths.size()) {
      id[paths[i++].filename().string().substr(0, 3)] = nlohmann::json::parse(line)["id"];
    }
  }
  kiosque::test::ProcessResult k(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--data", data, "--no-pager"});
    return run_kiosque(args);
  }
};

}  // namespace

TEST_CASE("a search shows the three versions of the call once - with the other two counted",
          "[e2e][stories]") {
  Seeds s;
  auto text = s.k({"search", "Goïta Poutine"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("1 of 1 result"));
  CHECK_THAT(text.out, Catch::Contains("and 2 other versions"));

  auto json = s.k({"search", "--json", "Goïta Poutine"});
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  REQUIRE(j["results"].size() == 1);
  const auto& hit = j["results"][0];
  CHECK(hit["story"] == s.id.at("000"));  // the story is named after its first article
  std::set<std::string> all{hit["id"].get<std::string>()};
  for (const auto& o : hit["other_versions"]) all.insert(o["id"].get<std::string>());
  CHECK(all == std::set<std::string>{s.id.at("000"), s.id.at("001"), s.id.at("002")});

  auto every = s.k({"search", "--all", "--json", "Goïta Poutine"});
  REQUIRE(every.exit_code == 0);
  const auto e = nlohmann::json::parse(every.out);
  CHECK(e["results"].size() == 3);
  for (const auto& h : e["results"]) CHECK(h["other_versions"].empty());
}

TEST_CASE("story lists every version with its relation - similar looks past them",
          "[e2e][stories]") {
  Seeds s;
  // A version of 001 cut short, taken in later: a near-duplicate of it.
  const std::string body = read_file(seed_path("001"));
  write_file(s.dir / "short.txt", body.substr(0, body.rfind("\n\n", body.size() * 2 / 3)));
  auto added = s.k({"add", "--json", (s.dir / "short.txt").string()});
  REQUIRE(added.exit_code == 0);
  const std::string short_id =
      nlohmann::json::parse(added.out.substr(0, added.out.find('\n')))["id"];

  auto json = s.k({"story", "--json", s.id.at("001").substr(0, 8)});
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["count"] == 4);
  std::map<std::string, std::string> relation;
  for (const auto& m : j["members"]) relation[m["id"]] = m["relation"];
  CHECK(relation[s.id.at("001")] == "this");
  CHECK(relation[short_id] == "near-duplicate");
  CHECK(relation[s.id.at("000")] == "same-story");
  CHECK(relation[s.id.at("002")] == "same-story");

  auto text = s.k({"story", s.id.at("003").substr(0, 8)});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains(": 1 article "));

  auto similar = s.k({"similar", "--json", s.id.at("000").substr(0, 8)});
  REQUIRE(similar.exit_code == 0);
  const auto like = nlohmann::json::parse(similar.out);
  CHECK_FALSE(like["results"].empty());
  for (const auto& hit : like["results"]) CHECK(hit["story"] != s.id.at("000"));

  auto stats = s.k({"stats", "--json"});
  REQUIRE(stats.exit_code == 0);
  const auto st = nlohmann::json::parse(stats.out)["archive"];
  CHECK(st["stories"] == 1);
  CHECK(st["folded_in_stories"] == 3);
  CHECK(st["near_duplicates"] == 1);

  auto verify = s.k({"verify"});
  CHECK(verify.exit_code == 0);
}

TEST_CASE("reindex and backup keep the stories", "[e2e][stories]") {
  Seeds s;
  REQUIRE(s.k({"reindex", "--quiet"}).exit_code == 0);
  auto again = nlohmann::json::parse(s.k({"search", "--json", "Goïta Poutine"}).out);
  REQUIRE(again["results"].size() == 1);
  CHECK(again["results"][0]["story"] == s.id.at("000"));
  CHECK(again["results"][0]["other_versions"].size() == 2);

  const auto copy = s.dir / "backup";
  REQUIRE(s.k({"backup", copy.string()}).exit_code == 0);
  auto story = run_kiosque({"--data", copy.string(), "story", "--json", s.id.at("002")});
  REQUIRE(story.exit_code == 0);
  CHECK(nlohmann::json::parse(story.out)["count"] == 3);
}

TEST_CASE(
    "under watch, a new article joins its story - one that joins two stories merges them "
    "in search",
    "[e2e][stories][watch]") {
  kiosque::test::TestFolder f;
  REQUIRE(
      f.k({"add", seed_path("000").string(), seed_path("001").string(), seed_path("003").string()})
          .exit_code == 0);
  const auto results = [&](const std::string& query) {
    auto r = f.k({"search", "--json", query});
    return r.exit_code == 0 ? nlohmann::json::parse(r.out)["results"] : nlohmann::json::array();
  };
  // The story of a result: its article and the other versions shown with it.
  const auto story_of = [](const nlohmann::json& hit) {
    std::set<std::string> ids{hit["id"].get<std::string>()};
    for (const auto& o : hit["other_versions"]) ids.insert(o["id"].get<std::string>());
    return ids;
  };
  REQUIRE(results("Goïta Poutine").size() == 1);
  REQUIRE(results("Niger").size() == 2);  // the call's story, and 003's

  kiosque::test::WatchProcess watch(f.data);
  const auto drop = [&](const std::string& name, const std::string& bytes) {
    write_file(f.dir / name, bytes);
    std::filesystem::rename(f.dir / name, f.inbox / name);
  };
  drop("002.txt", read_file(seed_path("002")));
  CHECK(kiosque::test::wait_until([&] {
    const auto r = results("Goïta Poutine");
    return r.size() == 1 && r[0]["other_versions"].size() == 2;
  }));
  // 001 and 003 in one text: a version of each, so their stories become one, and the index
  // hears of the articles whose story changed.
  drop("both.txt", read_file(seed_path("001")) + "\n\n" + read_file(seed_path("003")));
  const std::string id003 = kiosque::test::article_id_of(seed_path("003"));
  const std::string id000 = kiosque::test::article_id_of(seed_path("000"));
  CHECK(kiosque::test::wait_until([&] {
    const auto r = results("Niger");
    return r.size() == 1 && story_of(r[0]).contains(id003) && story_of(r[0]).contains(id000);
  }));
  CHECK(watch.stop() == 0);
  CHECK(f.k({"verify"}).exit_code == 0);
}
