#include "cli/pager.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/terminal.h"

extern char** environ;

namespace kiosque::tools {

namespace {

bool pager_running = false;

std::string pager_command() {
  for (const char* name : {"KIOSQUE_PAGER", "PAGER"}) {
    if (const char* value = std::getenv(name); value != nullptr) return value;
  }
  return "less";
}

}  // namespace

bool paging() { return pager_running; }

Pager::Pager(bool wanted) {
  if (!wanted || !stdout_is_terminal()) return;
  const std::string command = pager_command();
  if (command.empty() || command == "cat") return;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  if (std::getenv("LESS") == nullptr) ::setenv("LESS", "FRX", 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  // The pager's command is the user's setting, run by the shell as git runs it; no text of an
  // article ever reaches this command line.
  std::string shell = "sh", flag = "-c", line = command;
  std::vector<char*> argv{shell.data(), flag.data(), line.data(), nullptr};
  const int spawned = ::posix_spawn(&pid_, "/bin/sh", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  if (spawned != 0) {
    pid_ = -1;
    ::close(fds[1]);
    return;
  }
  std::fflush(stdout);
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[1]);
  pager_running = true;
}

Pager::~Pager() {
  if (pid_ < 0) return;
  std::fflush(stdout);
  ::close(STDOUT_FILENO);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace kiosque::tools
