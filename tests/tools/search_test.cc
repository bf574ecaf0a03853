// End to end: search, similar and reindex through the real binary.
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "kiosque/archive/manifest.h"
#include "test_support.h"

using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;

namespace {
struct Seeded {
  TempDir dir;
  std::string data = (dir / "data").string();
  Seeded() {
    REQUIRE(run_kiosque({"--data", data, "add", (shared_dir() / "seeds").string()}).exit_code == 0);
  }
  kiosque::test::ProcessResult k(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data});
    return run_kiosque(args);
  }
};
}  // namespace

TEST_CASE("what add takes in is searchable when it returns", "[e2e][search]") {
  Seeded s;
  auto r = s.k({"search", "l’appel"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("lancé l’**appel** au président"));  // plain markers off a terminal
  CHECK_THAT(r.out, Catch::Contains("1 of 1 result in"));

  auto j = s.k({"search", "--json", "cedeao"});
  REQUIRE(j.exit_code == 0);
  const auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["schema"] == 1);
  // The five seeds name the Cédéao; three of them tell one story, shown once.
  CHECK(doc["results"].size() == 3);
  CHECK(doc["articles"] == 5);
  for (const auto& hit : doc["results"]) {
    CHECK(hit["id"].get<std::string>().size() == 64);
    CHECK(hit.contains("score"));
    CHECK(hit.contains("snippet"));
    const std::string snippet = hit["snippet"];
    for (const auto& h : hit["highlights"]) {
      const std::string word = snippet.substr(h[0].get<std::size_t>(),
                                              h[1].get<std::size_t>() - h[0].get<std::size_t>());
      CHECK(word.size() >= 6);  // Cédéao, CEDEAO, Cedeao (accented forms are longer in bytes)
    }
  }
}

TEST_CASE("date filters and date sort", "[e2e][search]") {
  Seeded s;
  auto since = s.k({"search", "--json", "--since", "2021", "Russie"});
  REQUIRE(since.exit_code == 0);
  const auto since_hits = nlohmann::json::parse(since.out)["results"];
  for (const auto& hit : since_hits) CHECK(hit["filed_date"] >= "2021");
  auto until = s.k({"search", "--json", "--until", "2020-09", "Russie"});
  const auto u = nlohmann::json::parse(until.out)["results"];
  REQUIRE(u.size() == 1);
  CHECK(u[0]["date"] == "2020-09-01");
  // Newest first by filed date: an article that states no date is filed under its intake day,
  // and says so.
  auto sorted = s.k({"search", "--json", "--sort", "date", "Mali"});
  const auto hits = nlohmann::json::parse(sorted.out)["results"];
  REQUIRE(hits.size() >= 2);
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    kinds.insert(hits[i]["date_kind"]);
    if (hits[i]["date_kind"] == "published") CHECK(hits[i]["filed_date"] == hits[i]["date"]);
    if (hits[i]["date_kind"] == "intake") CHECK(hits[i]["date"] == nullptr);
    if (i > 0) CHECK(hits[i - 1]["filed_date"] >= hits[i]["filed_date"]);
  }
  CHECK(kinds == std::set<std::string>{"published", "intake"});
  auto text = s.k({"search", "--sort", "date", "Mali"});
  CHECK_THAT(text.out, Catch::Contains(" (intake)  "));

  auto bad = s.k({"search", "--since", "hier", "Mali"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("YYYY"));
}

TEST_CASE("no result suggests a spelling and odd queries never crash", "[e2e][search]") {
  Seeded s;
  auto r = s.k({"search", "Kremllin"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Did you mean: kremlin"));
  for (const char* q :
       {"\"unclosed", "AND", "((", "NOT", "title:", "source:", "*", "a NEAR", "'", "’"}) {
    INFO(q);
    auto odd = s.k({"search", q});
    CHECK((odd.exit_code == 0 || odd.exit_code == 2));
  }
  auto wide = s.k({"search", "e*"});
  CHECK(wide.exit_code == 0);
}

TEST_CASE("title and source fields and similar articles", "[e2e][search]") {
  Seeded s;
  auto t = s.k({"search", "--json", "title:junte"});
  CHECK(nlohmann::json::parse(t.out)["results"].size() == 1);
  auto src = s.k({"search", "--json", "source:AFP"});
  const auto hits = nlohmann::json::parse(src.out)["results"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["source"] == "AFP");

  const std::string id = hits[0]["id"];
  auto sim = s.k({"similar", "--json", id.substr(0, 8)});
  REQUIRE(sim.exit_code == 0);
  const auto similar = nlohmann::json::parse(sim.out)["results"];
  CHECK(similar.size() >= 1);
  for (const auto& hit : similar) CHECK(hit["id"] != id);
}

TEST_CASE("reindex rebuilds the same searchable index and stats shows it", "[e2e][reindex]") {
  Seeded s;
  auto before = s.k({"search", "--json", "putschistes"});
  auto re = s.k({"reindex"});
  INFO(re.err);
  REQUIRE(re.exit_code == 0);
  CHECK_THAT(re.out, Catch::Contains("reindexed 5 articles"));
  auto after = s.k({"search", "--json", "putschistes"});
  CHECK(nlohmann::json::parse(after.out)["results"].size() ==
        nlohmann::json::parse(before.out)["results"].size());
  auto st = s.k({"stats", "--json"});
  const auto j = nlohmann::json::parse(st.out);
  CHECK(j["index"]["documents"] == 5);
  CHECK(j["index"]["last_seq"] == 5);
  CHECK(j["index"]["analyser"] == "fr-3");
}

TEST_CASE("search works while another process writes", "[e2e][search][concurrent]") {
  Seeded s;
  std::vector<std::string> args{"--data", s.data, "add"};
  for (const auto& p : kiosque::test::corpus_paths(1500)) args.push_back(p.string());
  const int pid = kiosque::test::spawn_kiosque(args);
  int searches = 0;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    auto r = s.k({"search", "--json", "Russie"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    ++searches;
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(searches >= 1);
  auto st = nlohmann::json::parse(s.k({"stats", "--json"}).out);
  CHECK(st["index"]["documents"] == st["archive"]["articles"]);
}

TEST_CASE("breakdowns: --by, sources and timeline count the matches", "[e2e][search][breakdown]") {
  Seeded s;
  auto by_year = s.k({"search", "Mali", "--by", "year", "-n", "1"});
  INFO(by_year.err);
  REQUIRE(by_year.exit_code == 0);
  CHECK_THAT(by_year.out, Catch::Contains("\nby year:\n"));
  CHECK_THAT(by_year.out, Catch::Contains("  2020\n"));
  CHECK_THAT(by_year.out, Catch::Contains("state no date and are counted at their intake day"));
  const auto j = nlohmann::json::parse(s.k({"count", "--json", "Mali", "--by", "month"}).out);
  CHECK(j["breakdown"]["by"] == "month");
  std::uint64_t in_months = j["breakdown"]["without"];
  for (const auto& row : j["breakdown"]["counts"]) in_months += row["count"].get<std::uint64_t>();
  CHECK(in_months == j["count"]);
  auto bad = s.k({"count", "Mali", "--by", "author"});
  CHECK(bad.exit_code == 2);

  auto bars = s.k({"timeline", "Mali", "--per", "year", "--until", "2023"});
  INFO(bars.err);
  REQUIRE(bars.exit_code == 0);
  CHECK_THAT(bars.out, Catch::StartsWith("2020  1 █"));
  CHECK_THAT(bars.out, Catch::Contains("\n2021  0 \n"));
  CHECK_THAT(bars.out, Catch::Contains("\n2 matches\n"));
  TempDir out;
  auto svg = s.k({"timeline", "Mali", "--format", "svg", "-o", (out / "mali.svg").string()});
  REQUIRE(svg.exit_code == 0);
  CHECK(svg.out.empty());
  CHECK_THAT(read_file(out / "mali.svg"), Catch::Contains("<title>2020-09: 1</title>"));
  auto unwritable = s.k({"timeline", "Mali", "-o", (out / "no" / "such" / "x.csv").string()});
  CHECK(unwritable.exit_code != 0);
  CHECK_THAT(unwritable.err, Catch::Contains("cannot write"));
}

TEST_CASE("search exports every match as CSV, TSV or JSON Lines with the chosen fields",
          "[e2e][search][export]") {
  Seeded s;
  const auto total = nlohmann::json::parse(s.k({"count", "--json", "Mali"}).out)["count"];
  auto json = nlohmann::json::parse(s.k({"search", "--json", "--all", "Mali"}).out)["results"];
  REQUIRE(json.size() == total);

  // A spreadsheet's CSV, and one kiosque reads back as a manifest: path names the file, and a
  // title with a comma is quoted.
  auto csv = s.k({"search", "Mali", "--all", "--format", "csv", "--fields",
                  "path,title,date,source,url,snippet"});
  INFO(csv.err);
  REQUIRE(csv.exit_code == 0);
  CHECK_THAT(csv.out, Catch::StartsWith("path,title,date,source,url,snippet\r\n"));
  TempDir out;
  kiosque::test::write_file(out / "export.csv", csv.out);
  auto table = kiosque::archive::read_manifest(out / "export.csv", 0);
  REQUIRE(table);
  CHECK(table->problems.empty());
  REQUIRE(table->rows.size() == json.size());
  bool saw_comma = false;
  for (const auto& hit : json) {
    const std::string id = hit["id"];
    const auto shown = s.k({"show", "--json", id});
    const auto raw = nlohmann::json::parse(shown.out)["raw_versions"][0]["path"].get<std::string>();
    const auto& row = table->rows.at(kiosque::archive::manifest_key(raw));
    CHECK(row.title == hit["title"]);
    CHECK(row.date->to_string() == hit["filed_date"]);
    saw_comma = saw_comma || row.title.find(',') != std::string::npos;
  }
  CHECK(saw_comma);

  auto tsv = s.k({"search", "Mali", "--all", "--format", "tsv"});
  std::istringstream lines(tsv.out);
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) {
    CHECK(std::count(line.begin(), line.end(), '\t') == 6);
    if (rows == 0) CHECK(line == "id\tdate\tdate_kind\tsource\ttitle\turl\tscore");
  }
  CHECK(rows == json.size() + 1);

  auto jsonl = s.k({"search", "Mali", "-n", "2", "--format", "jsonl", "--fields", "id,score"});
  std::istringstream stream(jsonl.out);
  std::size_t hits = 0;
  for (std::string line; std::getline(stream, line); ++hits) {
    const auto hit = nlohmann::json::parse(line);
    CHECK(hit.size() == 2);
    CHECK(hit["id"] == json[hits]["id"]);
    CHECK(hit["score"].is_number());
  }
  CHECK(hits == 2);
  // Snippets are made only for an export that shows them, and then for every hit.
  auto snippets = s.k({"search", "Mali", "--format", "jsonl", "--fields", "id,snippet"});
  std::istringstream snippet_lines(snippets.out);
  std::size_t with_snippet = 0;
  for (std::string line; std::getline(snippet_lines, line); ++with_snippet)
    CHECK_THAT(nlohmann::json::parse(line)["snippet"].get<std::string>(), Catch::Contains("Mali"));
  CHECK(with_snippet > 0);
  auto bad = s.k({"search", "Mali", "--format", "csv", "--fields", "id,auteur"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("auteur"));
}

namespace {

// Runs kiosque with `args` on a real terminal (a pseudo-terminal), with `env` added; what it
// wrote there.
std::string on_terminal(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::unsetenv("NO_COLOR");
    ::unsetenv("KIOSQUE_PAGER");
    ::setenv("TERM", "xterm", 1);
    // An interactive pager would wait for a key past one screen.
    ::setenv("PAGER", "cat", 1);
    for (const auto& [key, value] : env) ::setenv(key.c_str(), value.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(KIOSQUE_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(KIOSQUE_BINARY, argv.data());
    ::_exit(127);
  }
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child has closed the terminal
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

}  // namespace

TEST_CASE("matches are bold on a terminal, unless NO_COLOR, TERM=dumb or --color never",
          "[e2e][search][color]") {
  Seeded s;
  const std::vector<std::string> args{"--data", s.data, "search", "Mali", "-n", "1"};
  const std::string bold = "\x1b[1mMali\x1b[0m";
  CHECK_THAT(on_terminal(args, {}), Catch::Contains(bold));
  // Through a pager, still bold: the pager shows it on the terminal.
  CHECK_THAT(on_terminal(args, {{"PAGER", "sed s/^/paged:/"}}), Catch::Contains(bold));
  CHECK_THAT(on_terminal(args, {{"NO_COLOR", "1"}}), Catch::Contains("**Mali**"));
  CHECK_THAT(on_terminal(args, {{"TERM", "dumb"}}), Catch::Contains("**Mali**"));
  auto never = args;
  never.insert(never.begin(), {"--color", "never"});
  CHECK_THAT(on_terminal(never, {}), Catch::Contains("**Mali**"));
  // Piped, marks are plain unless asked for.
  CHECK_THAT(s.k({"search", "Mali", "-n", "1"}).out, Catch::Contains("**Mali**"));
  CHECK_THAT(s.k({"--color", "always", "search", "Mali", "-n", "1"}).out, Catch::Contains(bold));
}

TEST_CASE("long output goes through a pager on a terminal only, as git does",
          "[e2e][search][pager]") {
  Seeded s;
  const std::vector<std::string> args{"--data", s.data, "search", "Mali"};
  const std::map<std::string, std::string> pager{{"PAGER", "sed s/^/paged:/"}};
  CHECK_THAT(on_terminal(args, pager), Catch::Contains("paged:1. "));
  auto env = pager;
  env["KIOSQUE_PAGER"] = "sed s/^/kiosque-paged:/";
  CHECK_THAT(on_terminal(args, env), Catch::Contains("kiosque-paged:1. "));
  auto no_pager = args;
  no_pager.insert(no_pager.begin(), "--no-pager");
  const std::string straight = on_terminal(no_pager, pager);
  CHECK_THAT(straight, Catch::Contains("1. "));
  CHECK_THAT(straight, !Catch::Contains("paged:"));
  CHECK_THAT(on_terminal(args, {{"PAGER", "cat"}}), !Catch::Contains("paged:"));
  // Not a terminal: never paged. A raw version is never paged either.
  CHECK_THAT(run_kiosque({"--data", s.data, "search", "Mali"}, pager).out,
             !Catch::Contains("paged:"));
  const auto id = nlohmann::json::parse(s.k({"search", "--json", "Mali"}).out)["results"][0]["id"];
  CHECK_THAT(on_terminal({"--data", s.data, "show", "--raw", id}, pager),
             !Catch::Contains("paged:"));
  CHECK_THAT(on_terminal({"--data", s.data, "show", id}, pager),
             Catch::Contains("paged:article  "));
}

TEST_CASE("counts are exact, -n 0 included, and --offset keeps the numbering", "[e2e][search]") {
  Seeded s;
  // The seeds: five articles name the Cédéao, three the call between Putin and Goïta, which is
  // one story: a result, folding three articles.
  auto none = s.k({"search", "cedeao", "-n", "0"});
  REQUIRE(none.exit_code == 0);
  CHECK_THAT(none.out, Catch::Contains("0 of 3 results (5 articles) in"));
  CHECK_THAT(none.out, !Catch::Contains("Did you mean"));
  auto page = s.k({"search", "cedeao", "-n", "2", "--offset", "1"});
  CHECK_THAT(page.out, Catch::StartsWith("2. "));
  CHECK_THAT(page.out, Catch::Contains("\n3. "));
  CHECK_THAT(page.out, Catch::Contains("2-3 of 3 results (5 articles) in"));
  auto j = nlohmann::json::parse(s.k({"search", "--json", "cedeao", "-n", "1"}).out);
  CHECK(j["total"] == 3);
  CHECK(j["total_lower"] == 3);
  CHECK(j["total_upper"] == 3);
  CHECK(j["articles"] == 5);
  auto every = nlohmann::json::parse(s.k({"search", "--json", "--all", "cedeao"}).out);
  CHECK(every["total"] == 5);
  CHECK(every["articles"] == nullptr);

  auto counted = s.k({"count", "cedeao"});
  INFO(counted.err);
  REQUIRE(counted.exit_code == 0);
  CHECK(counted.out == "5\n");
  CHECK(s.k({"count", "cedeao", "--until", "2019"}).out == "0\n");
  const auto cj = nlohmann::json::parse(s.k({"count", "--json", "Goïta Poutine"}).out);
  CHECK(cj["count"] ==
        nlohmann::json::parse(s.k({"search", "--json", "Goïta Poutine"}).out)["articles"]);
  CHECK(cj["lower"] == cj["upper"]);
}

TEST_CASE("a mistyped command is named with what was meant, and help takes a command",
          "[e2e][cli]") {
  TempDir dir;
  auto typo = run_kiosque({"--data", (dir / "data").string(), "serch", "foo"});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("'serch' is not a command. Did you mean search?"));
  CHECK_THAT(typo.err, Catch::Contains("Commands: add, show, list, search, count"));
  CHECK_FALSE(std::filesystem::exists(dir / "data"));  // nothing was run
  auto far = run_kiosque({"frobnicate"});
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.err, !Catch::Contains("Did you mean"));
  auto help = run_kiosque({"help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("Subcommands:"));
  auto help_count = run_kiosque({"help", "count"});
  CHECK(help_count.exit_code == 0);
  CHECK_THAT(help_count.out, Catch::Contains("Count the articles a query matches"));
  auto help_typo = run_kiosque({"help", "vrify"});
  CHECK(help_typo.exit_code == 2);
  CHECK_THAT(help_typo.err, Catch::Contains("Did you mean verify?"));
}

TEST_CASE("a query kiosque would misread says so", "[e2e][search]") {
  Seeded s;
  auto field = s.k({"search", "auteur:Dupont"});
  CHECK(field.exit_code == 2);
  CHECK_THAT(field.err, Catch::Contains("'auteur:' is not a field; the fields are title: source:"));
  auto star = s.k({"search", "*"});
  CHECK(star.exit_code == 2);
  CHECK_THAT(star.err, Catch::Contains("a lone * stands for no word"));
  auto lower = s.k({"search", "Mali or Niger"});
  CHECK(lower.exit_code == 0);
  CHECK_THAT(lower.err,
             Catch::Contains("note: 'or' is searched as a word; for the operator, write OR"));
}
