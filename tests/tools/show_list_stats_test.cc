// End to end: reading the archive back with show, list and stats.
#include <nlohmann/json.hpp>
#include <sstream>

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

TEST_CASE("show takes several ids, and writes a press review's Markdown", "[e2e][show]") {
  TempDir dir;
  const std::string data = (dir / "data").string();
  write_file(dir / "a.txt", "Le Mali et la Russie\n\nPremier paragraphe.\n\nSecond paragraphe.\n");
  write_file(dir / "b.txt", "Sans titre, une seule phrase sur le Niger.\n");
  write_file(dir / "MANIFEST.tsv",
             "file\tdate\tsource\turl\tauthors\n"
             "a.txt\t2023-09-01\tLe Monde\thttps://www.lemonde.fr/a\tUne Autrice;Un Auteur\n");
  REQUIRE(run_kiosque({"--data", data, "add", (dir / "a.txt").string(), (dir / "b.txt").string(),
                       "--manifest", (dir / "MANIFEST.tsv").string()})
              .exit_code == 0);
  const auto ids_of = [&](const std::string& query) {
    const auto r = run_kiosque({"--data", data, "search", "--json", query});
    return nlohmann::json::parse(r.out)["results"][0]["id"].get<std::string>();
  };
  const std::string a = ids_of("Russie"), b = ids_of("Niger");

  auto md = run_kiosque({"--data", data, "show", "--format", "markdown", a.substr(0, 8), b});
  INFO(md.err);
  REQUIRE(md.exit_code == 0);
  CHECK_THAT(md.out, Catch::StartsWith("## Le Mali et la Russie\n\n"
                                       "*Le Monde — Une Autrice, Un Auteur — 1er septembre 2023* · "
                                       "<https://www.lemonde.fr/a>\n\n"
                                       "Premier paragraphe.\n\nSecond paragraphe.\n"
                                       "\n---\n\n"
                                       "## Sans titre, une seule phrase sur le Niger.\n\n"));
  CHECK_THAT(md.out, Catch::Contains("*non daté, reçu le "));
  CHECK_THAT(md.out, Catch::EndsWith("Sans titre, une seule phrase sur le Niger.\n"));

  auto lines = run_kiosque({"--data", data, "show", "--json", a, b});
  REQUIRE(lines.exit_code == 0);
  std::istringstream stream(lines.out);
  std::vector<std::string> shown;
  for (std::string line; std::getline(stream, line);)
    shown.push_back(nlohmann::json::parse(line)["id"]);
  CHECK(shown == std::vector<std::string>{a, b});
  auto text = run_kiosque({"--data", data, "show", a, b});
  CHECK_THAT(text.out, Catch::Contains("article  " + a));
  CHECK_THAT(text.out, Catch::Contains("\narticle  " + b));

  // A mistyped id among several prints nothing; --raw takes one id.
  auto typo = run_kiosque({"--data", data, "show", a, "ffffffff"});
  CHECK(typo.exit_code == 3);
  CHECK(typo.out.empty());
  CHECK(run_kiosque({"--data", data, "show", "--raw", a, b}).exit_code == 2);
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
