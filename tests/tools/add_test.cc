// End to end: the real kiosque binary taking files in.
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

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

TEST_CASE("every command has --help, with examples", "[e2e]") {
  auto top = run_kiosque({"--help"});
  REQUIRE(top.exit_code == 0);
  // The commands as the top-level help lists them: "  name   description" after "Subcommands:".
  std::vector<std::string> commands;
  std::istringstream lines(top.out.substr(top.out.find("Subcommands:")));
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 3 && line.starts_with("  ") && line[2] != ' ') {
      commands.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  CHECK(commands.size() >= 13);
  for (const std::string& cmd : commands) {
    INFO(cmd);
    auto r = run_kiosque({cmd, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Usage: kiosque " + cmd));
    CHECK_THAT(r.out, Catch::Contains("Examples:\n  kiosque "));
  }
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

TEST_CASE("add reads a folder's manifest as metadata and skips what is not an article",
          "[e2e][add][manifest]") {
  TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directory(in);
  write_file(in / "a.txt", "Premier article\n\nLa réforme des retraites passe au Sénat.\n");
  write_file(in / "b.txt", "Second article\n\nLa Cédéao se réunit à Abuja.\n");
  write_file(in / "MANIFEST.tsv",
             "file\ttitle\tdate\tsource\turl\n"
             "a.txt\tLa réforme au Sénat\t2019-12-05\tAFP\thttps://www.example.fr/a\n"
             "b.txt\tLa Cédéao\t2019-13\tLe Figaro\t\n");
  write_file(in / "README.md", "# Ce dossier\n\nDes articles.\n");
  write_file(in / "notes.json", "{\"a\": 1}\n");
  write_file(in / "chiffres.csv", "pays,population\nMali,22000000\n");
  const std::string data = (dir / "data").string();
  auto r = run_kiosque({"--data", data, "add", in.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);  // a manifest row was left out
  CHECK_THAT(r.err, Catch::Contains("MANIFEST.tsv line 3: '2019-13' is not a date: no month 13"));
  CHECK_THAT(r.out, Catch::Contains("2 added, 0 duplicates, 0 new raw versions, 0 rejected"));
  CHECK_THAT(r.out,
             Catch::Contains("1 manifests read: metadata given with 1 files, 1 rows left out"));
  CHECK_THAT(r.out, Catch::Contains("3 files skipped as not articles"));
  CHECK_THAT(r.out, Catch::Contains("README.md (a folder's notes, not an article)"));
  CHECK_THAT(r.out, Catch::Contains("chiffres.csv (a table, not an article)"));
  CHECK_THAT(r.out, Catch::Contains("notes.json (data, not an article)"));

  auto found = run_kiosque(
      {"--data", data, "search", "retraites", "--since", "2019-12", "--until", "2019", "--json"});
  REQUIRE(found.exit_code == 0);
  const auto hits = nlohmann::json::parse(found.out)["results"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["title"] == "La réforme au Sénat");
  CHECK(hits[0]["date"] == "2019-12-05");
  CHECK(hits[0]["source"] == "AFP");
  auto shown = run_kiosque({"--data", data, "show", hits[0]["id"].get<std::string>()});
  CHECK_THAT(shown.out, Catch::Contains("url      https://www.example.fr/a"));
  CHECK_THAT(shown.out, Catch::Contains("given    title, date, source, url from " +
                                        (in / "MANIFEST.tsv").string()));

  // The row put right, given with --manifest: the archived article takes it in, and the index
  // follows without a reindex; the original bytes are untouched.
  write_file(dir / "fixed.csv", "file,date,source\nin/b.txt,2019-11-30,Le Figaro\n");
  auto fixed = run_kiosque(
      {"--data", data, "add", "--manifest", (dir / "fixed.csv").string(), (in / "b.txt").string()});
  INFO(fixed.out << fixed.err);
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.out, Catch::Contains("0 added, 1 duplicates"));
  CHECK_THAT(fixed.out, Catch::Contains("metadata given with 1 files"));
  auto cedeao = run_kiosque({"--data", data, "search", "cedeao", "--since", "2019-11-30", "--until",
                             "2019-11-30", "--json"});
  const auto dated = nlohmann::json::parse(cedeao.out)["results"];
  REQUIRE(dated.size() == 1);
  CHECK(dated[0]["source"] == "Le Figaro");
  auto raw = run_kiosque({"--data", data, "show", "--raw", dated[0]["id"].get<std::string>()});
  CHECK(raw.out == read_file(in / "b.txt"));
  auto verified = run_kiosque({"--data", data, "verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);

  // Outlets are found by any word of their name; the credit a text states stays searchable
  // beside the outlet a manifest gives.
  const auto count = [&](const std::string& query) {
    return run_kiosque({"--data", data, "count", query}).out;
  };
  CHECK(count("source:figaro") == "1\n");
  CHECK(count("source:\"Le Figaro\"") == "1\n");
  CHECK(count("source:afp") == "1\n");
  CHECK(count("source:le") == "0\n");
  write_file(dir / "credited.txt", "Un article crédité\n\nLe Sénat vote la réforme.\n\nAvec AFP\n");
  write_file(dir / "outlet.csv", "file,source\ncredited.txt,Libération\n");
  REQUIRE(run_kiosque({"--data", data, "add", "--manifest", (dir / "outlet.csv").string(),
                       (dir / "credited.txt").string()})
              .exit_code == 0);
  CHECK(count("source:afp") == "2\n");
  CHECK(count("source:liberation senat") == "1\n");
  auto credited = nlohmann::json::parse(
      run_kiosque({"--data", data, "search", "--json", "source:liberation"}).out)["results"];
  REQUIRE(credited.size() == 1);
  CHECK(credited[0]["source"] == "Libération");
  CHECK(credited[0]["credit"] == "AFP");
  auto sources = run_kiosque({"--data", data, "sources", "--json"});
  INFO(sources.err);
  REQUIRE(sources.exit_code == 0);
  const auto listed = nlohmann::json::parse(sources.out);
  CHECK(listed["total"] == 3);
  CHECK(listed["without"] == 0);
  std::map<std::string, int> by_source;
  for (const auto& row : listed["sources"]) by_source[row["source"]] = row["count"];
  CHECK(by_source == std::map<std::string, int>{{"AFP", 1}, {"Le Figaro", 1}, {"Libération", 1}});
  CHECK_THAT(run_kiosque({"--data", data, "sources"}).out, Catch::Contains("1  Le Figaro\n"));

  auto not_a_manifest = run_kiosque({"--data", data, "add", "--manifest",
                                     (in / "chiffres.csv").string(), (in / "a.txt").string()});
  CHECK(not_a_manifest.exit_code != 0);
  CHECK_THAT(not_a_manifest.err, Catch::Contains("is not a manifest"));
}

#if !defined(__SANITIZE_ADDRESS__)
// fr-news as a press desk takes it in: its MANIFEST.tsv gives every article its date and outlet,
// and nothing but the articles is archived. (Twenty thousand files: left to the plain build.)
TEST_CASE("fr-news taken in with its manifest: every article dated, only articles archived",
          "[e2e][add][manifest][slow]") {
  TempDir dir;
  const std::string data = (dir / "data").string();
  auto r = run_kiosque(
      {"--data", data, "add", "--json", (shared_dir() / "corpus" / "fr-news").string()});
  REQUIRE(r.exit_code == 0);
  const auto lines = json_lines(r.out);
  std::size_t archived_other = 0;
  for (const auto& line : lines) {
    if (!line.contains("path")) continue;
    const std::string path = line["path"];
    if (line["status"] != "skipped" && !path.ends_with(".txt")) ++archived_other;
  }
  CHECK(archived_other == 0);
  const auto& summary = lines.back()["summary"];
  CHECK(summary["files"] == 20000);
  CHECK(summary["skipped"] == 1);
  CHECK(summary["manifests"] == 1);
  CHECK(summary["manifest_problems"] == 0);

  auto stats = run_kiosque({"--data", data, "stats", "--json"});
  const auto s = nlohmann::json::parse(stats.out);
  CHECK(s["archive"]["earliest_date"] == "2011-05-30");
  CHECK(s["archive"]["latest_date"] == "2020-09-27");

  auto found = run_kiosque({"--data", data, "search", "\"réforme des retraites\"", "--since",
                            "2019", "--until", "2020", "--sort", "date", "-n", "50", "--json"});
  REQUIRE(found.exit_code == 0);
  const auto hits = nlohmann::json::parse(found.out)["results"];
  REQUIRE(hits.size() == 50);
  std::string previous = "9999";
  for (const auto& hit : hits) {
    const std::string date = hit["date"];
    CHECK(date.size() == 10);
    CHECK(date >= "2019");
    CHECK(date <= previous);  // newest first
    previous = date;
    CHECK(hit["source"] == "Orange Actu");
    CHECK(hit["date_kind"] == "published");
  }

  // The same matches per month, as a spreadsheet takes them: every match in one month's row.
  auto counted = run_kiosque(
      {"--data", data, "count", "\"réforme des retraites\"", "--since", "2019", "--until", "2020"});
  auto csv = run_kiosque({"--data", data, "timeline", "\"réforme des retraites\"", "--since",
                          "2019", "--until", "2020", "--format", "csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK_THAT(csv.out, Catch::StartsWith("month,count\r\n2019-"));
  std::uint64_t in_rows = 0;
  std::istringstream rows(csv.out);
  std::string row;
  std::getline(rows, row);
  while (std::getline(rows, row)) in_rows += std::stoull(row.substr(row.find(',') + 1));
  CHECK(std::to_string(in_rows) + "\n" == counted.out);
  CHECK(in_rows > 50);
  // The outlet is Orange Actu for all; the AFP's own reporting republished there stays found
  // by source:afp ("a déclaré à l'AFP").
  const auto afp = run_kiosque({"--data", data, "count", "source:afp"});
  INFO(afp.err);
  CHECK(std::stoi(afp.out) > 2000);
  auto outlets = nlohmann::json::parse(run_kiosque({"--data", data, "sources", "--json"}).out);
  REQUIRE(outlets["sources"].size() == 1);
  CHECK(outlets["sources"][0]["source"] == "Orange Actu");
  CHECK(outlets["sources"][0]["count"] == outlets["total"]);
}
#endif

TEST_CASE("a large table with no line break, or binary under a table's name, is skipped cheaply",
          "[e2e][add][manifest]") {
  TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directory(in);
  write_file(in / "a.txt", "Un article\n\nLe Mali et la Cédéao.\n");
  write_file(in / "one-line.csv", "file,title," + std::string(8 << 20, 'x'));
  write_file(in / "binary.tsv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto r = run_kiosque({"--data", (dir / "data").string(), "add", in.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("1 added"));
  CHECK_THAT(r.out, Catch::Contains("2 files skipped as not articles"));
}

TEST_CASE("add takes a sidecar beside a file as its metadata, over the manifest's row",
          "[e2e][add][sidecar]") {
  TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directory(in);
  write_file(in / "a.txt", "Un article\n\nLe Mali et la Cédéao à Bamako.\n");
  write_file(in / "b.txt", "Un autre\n\nLe Niger et la Cédéao à Niamey.\n");
  write_file(in / "MANIFEST.tsv", "file\tsource\na.txt\tAFP\nb.txt\tAFP\n");
  write_file(in / "a.meta.json", R"({"source": "Le Monde", "authors": ["Une Autrice"]})");
  write_file(in / "b.txt.meta.json", "{\"date\": ");
  const std::string data = (dir / "data").string();
  auto r = run_kiosque({"--data", data, "add", in.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);  // the broken sidecar
  CHECK_THAT(r.err, Catch::Contains("b.txt.meta.json: not JSON"));
  CHECK_THAT(r.out, Catch::Contains("2 added"));
  const auto source_of = [&](const std::string& query) {
    const auto hits = nlohmann::json::parse(
        run_kiosque({"--data", data, "search", "--json", query}).out)["results"];
    return hits.size() == 1 ? hits[0]["source"].get<std::string>() : std::string("?");
  };
  CHECK(source_of("Bamako") == "Le Monde");
  CHECK(source_of("Niamey") == "AFP");
  CHECK(run_kiosque({"--data", data, "count", "author:autrice"}).out == "1\n");
}
