// The systemd user unit in tools/systemd runs a real `kiosque watch` that stops cleanly on the
// signal systemd sends.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include "test_support.h"
#include "watch_support.h"

using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::wait_until;

namespace {

std::string unit_value(const std::string& unit, const std::string& key) {
  std::istringstream in(unit);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(key + "=")) return line.substr(key.size() + 1);
  }
  return {};
}

}  // namespace

TEST_CASE("the systemd unit runs kiosque watch and stops it with SIGTERM",
          "[e2e][watch][systemd]") {
  const std::string unit =
      read_file(std::filesystem::path(KIOSQUE_SOURCE_DIR) / "tools/systemd/kiosque-watch.service");
  CHECK(unit_value(unit, "KillSignal") == "SIGTERM");
  CHECK(unit_value(unit, "Restart") == "always");
  const std::string exec = unit_value(unit, "ExecStart");
  REQUIRE(exec == "%h/.local/bin/kiosque --data %h/kiosque-data watch");

  // Run that command line with %h a fresh home and the binary under test.
  TempDir home;
  std::filesystem::create_directories(home / ".local/bin");
  std::filesystem::create_symlink(KIOSQUE_BINARY, home / ".local/bin/kiosque");
  const std::string command = std::regex_replace(exec, std::regex("%h"), home.path().string());
  std::vector<std::string> argv;
  std::istringstream words(command);
  for (std::string w; words >> w;) argv.push_back(w);
  const std::string log = (home / "log").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  REQUIRE(wait_until([&] { return read_file(log).find(" watching ") != std::string::npos; }));
  CHECK(std::filesystem::is_directory(home / "kiosque-data/inbox"));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  // systemd's own check, where systemd is installed.
  if (::access("/usr/bin/systemd-analyze", X_OK) == 0) {
    std::string local =
        std::regex_replace(unit, std::regex("%h/.local/bin/kiosque"), std::string(KIOSQUE_BINARY));
    kiosque::test::write_file(home / "kiosque-watch.service", local);
    const std::string verify =
        "/usr/bin/systemd-analyze verify " + (home / "kiosque-watch.service").string() + " 2>&1";
    CHECK(std::system(verify.c_str()) == 0);
  }
}
