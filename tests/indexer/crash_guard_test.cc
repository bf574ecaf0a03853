// The crash guard, with real signals in real child processes: a crash inside an index call ends
// the process with status 5, a message and the marker; a crash anywhere else stays a crash.
#include "kiosque/indexer/crash_guard.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "folder/data_folder.h"
#include "index_call.h"
#include "test_support.h"

using kiosque::test::TempDir;

namespace {

// Runs `body` in a child with the guard installed; returns its wait status.
template <typename F>
int in_child(F&& body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    kiosque::indexer::install_index_crash_guard("rebuild the index");
    body();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("a crash inside an index call is reported as a damaged index, exit 5, with a marker",
          "[indexer][crash]") {
  TempDir dir;
  const auto index = dir.folder().index();
  for (const int sig : {SIGSEGV, SIGBUS, SIGFPE}) {
    INFO(sig);
    std::filesystem::remove(kiosque::indexer::damaged_marker(index));
    const int status = in_child([&] {
      const kiosque::indexer::detail::IndexCall call(index);
      ::raise(sig);
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 5);
    CHECK(std::filesystem::exists(kiosque::indexer::damaged_marker(index)));
  }
}

TEST_CASE("a crash outside any index call is still a crash", "[indexer][crash]") {
  TempDir dir;
  const auto index = dir.folder().index();
  const int status = in_child([&] {
    { const kiosque::indexer::detail::IndexCall call(index); }
    ::raise(SIGSEGV);
  });
  // Killed by the signal; under a sanitizer, its handler's report and failing exit instead.
  CHECK((WIFSIGNALED(status) ||
         (WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 5)));
  CHECK_FALSE(std::filesystem::exists(kiosque::indexer::damaged_marker(index)));
}
