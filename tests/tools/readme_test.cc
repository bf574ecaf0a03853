// Every kiosque command the README shows in its code blocks runs as written, on a data folder
// holding the seeds (as after the quick start), and succeeds.
#include <fstream>
#include <sstream>

#include "test_support.h"

using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::shared_dir;
using kiosque::test::TempDir;

namespace {

// Splits a command line as a POSIX shell would for the README's needs: words, '…' and "…".
std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = line.find(c, i + 1);
      REQUIRE(end != std::string_view::npos);
      word.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == ' ') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

// The kiosque command lines of the README's code blocks, without comments and redirections.
std::vector<std::string> readme_commands() {
  std::istringstream readme(read_file(std::filesystem::path(KIOSQUE_SOURCE_DIR) / "README.md"));
  std::vector<std::string> out;
  bool in_code = false;
  for (std::string line; std::getline(readme, line);) {
    if (line.starts_with("```")) {
      in_code = !in_code;
      continue;
    }
    if (!in_code || line.starts_with("#")) continue;
    // A comment starts at " #"; an output redirection at " > ".
    for (const std::string_view cut : {" #", " > "}) {
      if (const auto at = line.find(cut); at != std::string::npos) line.resize(at);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    for (const std::string_view program : {"build/release/tools/kiosque ", "kiosque "}) {
      if (line.starts_with(program)) {
        out.push_back(line.substr(program.size()));
        break;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every command the README shows runs as written", "[e2e][readme]") {
  TempDir dir;
  const std::string data = (dir / "data").string();
  REQUIRE(run_kiosque({"--data", data, "add", (shared_dir() / "seeds").string()}).exit_code == 0);
  const auto commands = readme_commands();
  REQUIRE(commands.size() >= 10);
  std::size_t ran = 0;
  for (const std::string& command : commands) {
    INFO(command);
    auto words = shell_words(command);
    REQUIRE_FALSE(words.empty());
    if (words[0] == "watch") continue;  // runs until stopped: the watch tests drive it
    for (std::string& w : words) {
      // The README's places, made this test's own.
      if (w.starts_with("../shared")) w = (shared_dir() / w.substr(10)).string();
      if (w.starts_with("/srv/backups/")) w = (dir / w.substr(13)).string();
    }
    if (words[0] != "--data") words.insert(words.begin(), {"--data", data});
    const auto r = run_kiosque(words);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    ++ran;
  }
  CHECK(ran + 1 >= commands.size());
}
