#include "alerts/alert_command.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace kiosque::tools {

Result<int> run_command(const CommandRun& run) {
  if (run.argv.empty()) return fail(Errc::invalid_argument, "an alert command is empty");
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (!run.env.contains(std::string(entry.substr(0, entry.find('=')))))
      env_strings.emplace_back(entry);
  }
  for (const auto& [key, value] : run.env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp, argv;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = run.argv;
  for (std::string& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, run.output.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The command runs in a process group of its own, so that killing it on timeout also ends
  // what it started.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned == ENOENT) {
    return fail(Errc::not_found, fmt::format("no program '{}' to run", run.argv[0]));
  }
  if (spawned != 0) {
    return fail(Errc::io_error,
                fmt::format("cannot run '{}': {}", run.argv[0], std::strerror(spawned)));
  }
  const auto deadline = std::chrono::steady_clock::now() + run.timeout;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      return fail(Errc::io_error,
                  fmt::format("cannot wait for '{}': {}", run.argv[0], std::strerror(errno)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return fail(Errc::busy, fmt::format("'{}' ran past {} s and was killed", run.argv[0],
                                          run.timeout.count() / 1000.0));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace kiosque::tools
