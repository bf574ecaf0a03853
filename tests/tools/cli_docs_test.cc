// The completion script and the man page, made from the command line itself, cover every
// command and work in the real bash and groff.
#include <sys/wait.h>

#include <cstdio>
#include <sstream>

#include "test_support.h"

using kiosque::test::run_kiosque;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {

std::vector<std::string> commands() {
  const auto top = run_kiosque({"--help"});
  std::vector<std::string> out;
  std::istringstream lines(top.out.substr(top.out.find("Subcommands:")));
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 3 && line.starts_with("  ") && line[2] != ' ')
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return out;
}

// What `_kiosque` offers for the words typed so far (the last one being completed).
std::string completed(const std::filesystem::path& script, const std::string& typed) {
  const std::string command =
      "bash -c 'source " + script.string() + "; COMP_WORDS=(" + typed +
      "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _kiosque; echo \"${COMPREPLY[*]}\"' 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  REQUIRE(::pclose(pipe) == 0);
  return out;
}

}  // namespace

TEST_CASE("bash completes commands, subcommands and options from kiosque's own definition",
          "[e2e][docs]") {
  TempDir dir;
  const auto r = run_kiosque({"completion", "bash"});
  REQUIRE(r.exit_code == 0);
  write_file(dir / "kiosque.bash", r.out);
  CHECK(completed(dir / "kiosque.bash", "kiosque sea") == "search\n");
  CHECK(completed(dir / "kiosque.bash", "kiosque --data /tmp/d al") == "alert\n");
  CHECK(completed(dir / "kiosque.bash", "kiosque alert re") == "remove\n");
  CHECK(completed(dir / "kiosque.bash", "kiosque search Mali --fo") == "--format\n");
  CHECK(completed(dir / "kiosque.bash", "kiosque timeline x --p") == "--per\n");
  const std::string all = completed(dir / "kiosque.bash", "kiosque \"\"");
  for (const std::string& command : commands()) CHECK_THAT(all, Catch::Contains(command));
  CHECK(run_kiosque({"completion", "zsh"}).exit_code == 2);
}

TEST_CASE("the man page has every command and option, and groff reads it cleanly", "[e2e][docs]") {
  const auto r = run_kiosque({"manpage"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with(".TH KIOSQUE 1 "));
  for (const std::string& command : commands()) {
    INFO(command);
    CHECK_THAT(r.out, Catch::Contains(".SS \"kiosque " + command + "\""));
  }
  CHECK_THAT(r.out, Catch::Contains(".SS \"kiosque alert show\""));
  CHECK_THAT(r.out, Catch::Contains("\\fB\\-\\-fields\\fR"));
  if (std::filesystem::exists("/usr/bin/groff")) {
    TempDir dir;
    write_file(dir / "kiosque.1", r.out);
    const std::string command =
        "groff -k -man -Tutf8 -ww -Wbreak -z " + (dir / "kiosque.1").string() + " 2>&1";
    std::string warnings;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) warnings += buffer;
    CHECK(::pclose(pipe) == 0);
    CHECK(warnings.empty());
  }
}
