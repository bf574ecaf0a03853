// `kiosque watch` as a hostile system treats it: signals, a log nobody reads, paths deeper than
// PATH_MAX, names too long for their .reason, a deleted inbox, hard links (one still being
// written), backups aimed at the data folder, a symlinked inbox, and many watches started at once.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::count_of;
using kiosque::test::files_under;
using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::spawn_kiosque;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

extern char** environ;

namespace {

using Folder = kiosque::test::TestFolder;

// True when the article `original` holds is archived in `f`.
bool archived(const Folder& f, const std::filesystem::path& original) {
  const std::string id = kiosque::test::article_id_of(original);
  return !id.empty() && f.k({"show", id.substr(0, 16)}).exit_code == 0;
}

bool watching(const WatchProcess& watch) {
  return watch.log().find(" watching ") != std::string::npos;
}

// Makes folders `relative` under `root` one level at a time (the whole path may be longer than
// the kernel accepts) and writes `bytes` to `name` at the bottom.
void write_deep(const std::filesystem::path& root, const std::filesystem::path& relative,
                const std::string& name, const std::string& bytes) {
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(root);
  for (const auto& part : relative) {
    std::filesystem::create_directory(part);
    std::filesystem::current_path(part);
  }
  write_file(std::filesystem::path(".") / ("." + name + ".tmp"), bytes);
  std::filesystem::rename("." + name + ".tmp", name);
  std::filesystem::current_path(cwd);
}

}  // namespace

TEST_CASE("SIGHUP rescans the inbox and is logged, and the watch goes on",
          "[e2e][watch][signals]") {
  Folder f;
  WatchProcess watch(f.data, {"--rescan", "600"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  REQUIRE(::kill(watch.pid(), SIGHUP) == 0);
  REQUIRE(wait_until(
      [&] { return watch.log().find("SIGHUP: rescanning the inbox") != std::string::npos; }));
  std::filesystem::copy_file(seed_path("003"), f.inbox / "after-hup.txt");
  REQUIRE(wait_until([&] { return archived(f, seed_path("003")); }));
  CHECK(watch.stop() == 0);
}

TEST_CASE("a log written to a closed pipe never stops the watch (SIGPIPE)",
          "[e2e][watch][signals]") {
  Folder f;
  int pipe_fds[2];
  REQUIRE(::pipe2(pipe_fds, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  const std::string binary = KIOSQUE_BINARY, data = f.data.string();
  std::vector<char*> argv{const_cast<char*>(binary.c_str()), const_cast<char*>("--data"),
                          const_cast<char*>(data.c_str()), const_cast<char*>("watch"), nullptr};
  pid_t pid = 0;
  REQUIRE(::posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  char first[64];
  REQUIRE(::read(pipe_fds[0], first, sizeof first) > 0);  // like `| head -c 64`, then gone
  ::close(pipe_fds[0]);

  std::filesystem::copy_file(seed_path("004"), f.inbox / "a.txt");
  const bool taken = wait_until([&] { return archived(f, seed_path("004")); });
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(taken);
  CHECK_FALSE(WIFSIGNALED(status));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a file deeper than PATH_MAX is taken in, at start and by a rescan",
          "[e2e][watch][paths]") {
  Folder f;
  std::filesystem::path relative;
  while (relative.native().size() < 4300) relative /= std::string(250, 'p');
  write_deep(f.inbox, relative, "deep-at-start.txt", read_file(seed_path("000")));
  WatchProcess watch(f.data, {"--rescan", "0.5"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  REQUIRE(wait_until([&] { return archived(f, seed_path("000")); }));
  write_deep(f.inbox, relative, "deep-later.txt", read_file(seed_path("001")));
  REQUIRE(wait_until([&] { return archived(f, seed_path("001")); }));
  CHECK(watch.stop() == 0);
  CHECK(files_under(f.inbox).empty());
  CHECK_FALSE(std::filesystem::exists(DataFolder{f.data}.rejected()));
}

TEST_CASE("an empty file with a 255-byte name is rejected once, its .reason name shortened",
          "[e2e][watch][paths]") {
  Folder f;
  const std::string name = std::string(251, 'v') + ".txt";
  WatchProcess watch(f.data, {"--rescan", "0.5", "--verbose"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  write_file(f.inbox / name, "");
  REQUIRE(wait_until([&] { return watch.log().find("rejected ") != std::string::npos; }));
  const std::size_t before = count_of(watch.log(), "rescanned the inbox");
  // Four rescans after the rejection: none may repeat it.
  REQUIRE(wait_until([&] { return count_of(watch.log(), "rescanned the inbox") >= before + 4; }));
  CHECK(watch.stop() == 0);
  CHECK(count_of(watch.log(), "rejected ") == 1);
  CHECK(count_of(watch.log(), "warning") == 0);
  CHECK(files_under(f.inbox).empty());
  const auto rejected = files_under(DataFolder{f.data}.rejected());
  REQUIRE(rejected.size() == 2);
  for (const auto& p : rejected) CHECK(p.filename().string().size() <= 255);
}

TEST_CASE("a deleted or moved-away inbox is made again and watched", "[e2e][watch][paths]") {
  Folder f;
  WatchProcess watch(f.data, {"--rescan", "600"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  std::filesystem::remove_all(f.inbox);
  REQUIRE(wait_until(
      [&] { return watch.log().find("a new one is in its place") != std::string::npos; }));
  REQUIRE(std::filesystem::is_directory(f.inbox));
  std::filesystem::copy_file(seed_path("002"), f.inbox / "after-delete.txt");
  REQUIRE(wait_until([&] { return archived(f, seed_path("002")); }));

  std::filesystem::rename(f.inbox, f.dir / "old-inbox");
  REQUIRE(wait_until([&] { return count_of(watch.log(), "a new one is in its place") == 2; }));
  std::filesystem::copy_file(seed_path("003"), f.inbox / "after-move.txt");
  REQUIRE(wait_until([&] { return archived(f, seed_path("003")); }));
  CHECK(watch.stop() == 0);
}

TEST_CASE("a file hard-linked into the inbox is taken at once, and its other name is left alone",
          "[e2e][watch][paths]") {
  Folder f;
  WatchProcess watch(f.data, {"--rescan", "600"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  std::filesystem::copy_file(seed_path("004"), f.dir / "original.txt");
  std::filesystem::create_hard_link(f.dir / "original.txt", f.inbox / "linked.txt");
  CHECK(wait_until([&] { return archived(f, seed_path("004")); }, std::chrono::seconds(10)));
  CHECK(wait_until([&] { return kiosque::test::intake_done(f.data); }, std::chrono::seconds(10)));
  CHECK(read_file(f.dir / "original.txt") == read_file(seed_path("004")));
  CHECK(watch.stop() == 0);
}

// Its writer holds the file through its other name, outside the inbox: its close raises no event
// the watch can see, so the watch must look again by itself, not wait for the timer's rescan.
TEST_CASE("a file linked into the inbox while still being written is taken once its writer closes",
          "[e2e][watch][paths]") {
  Folder f;
  WatchProcess watch(f.data, {"--rescan", "600", "--verbose"});
  REQUIRE(wait_until([&] { return watching(watch); }));
  const std::string article = read_file(seed_path("002"));
  const auto original = f.dir / "original.txt";
  const int fd = ::open(original.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  const std::size_t half = article.size() / 2;
  REQUIRE(::write(fd, article.data(), half) == static_cast<ssize_t>(half));
  std::filesystem::create_hard_link(original, f.inbox / "linked.txt");
  REQUIRE(wait_until([&] { return watch.log().find("still being written") != std::string::npos; },
                     std::chrono::seconds(10)));
  REQUIRE(::write(fd, article.data() + half, article.size() - half) ==
          static_cast<ssize_t>(article.size() - half));
  REQUIRE(::close(fd) == 0);
  CHECK(wait_until([&] { return archived(f, seed_path("002")); }, std::chrono::seconds(10)));
  CHECK(wait_until([&] { return kiosque::test::intake_done(f.data); }, std::chrono::seconds(10)));
  CHECK_FALSE(std::filesystem::exists(DataFolder{f.data}.rejected()));
  CHECK(watch.stop() == 0);
}

TEST_CASE("backup refuses a destination inside the data folder, and nothing lands in the inbox",
          "[e2e][backup][paths]") {
  Folder f;
  REQUIRE(f.k({"add", "--quiet", seed_path("000").string()}).exit_code == 0);
  for (const auto& dest : {f.inbox / "bk", f.data / "bk", f.data}) {
    INFO(dest);
    const auto r = f.k({"backup", dest.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("inside the data folder"));
  }
  CHECK(files_under(f.inbox).empty());
  CHECK_FALSE(std::filesystem::exists(f.data / "bk"));
  // Nor may another data folder be made in an inbox.
  const auto nested =
      run_kiosque({"--data", (f.inbox / "nested").string(), "add", seed_path("001").string()});
  CHECK(nested.exit_code == 2);
  CHECK_THAT(nested.err, Catch::Contains("inside the inbox"));
  CHECK(files_under(f.inbox).empty());
}

TEST_CASE("a symlinked inbox is refused with the reason", "[e2e][watch][paths]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "data");
  std::filesystem::create_directories(dir / "elsewhere");
  std::filesystem::create_directory_symlink(dir / "elsewhere", DataFolder{dir / "data"}.inbox());
  const auto r = run_kiosque({"--data", (dir / "data").string(), "watch"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("symbolic link"));
}

TEST_CASE("of ten watches started at once, one runs and every other names its pid",
          "[e2e][watch][lock]") {
  Folder f;
  std::vector<int> pids;
  for (int i = 0; i < 10; ++i) {
    pids.push_back(
        spawn_kiosque({"--data", f.data.string(), "watch"}, {}, f.dir / fmt::format("w{}.log", i)));
  }
  // Nine end, in whatever order a loaded machine runs them; the tenth keeps running.
  std::map<int, int> ended;  // index -> wait status
  wait_until(
      [&] {
        for (int i = 0; i < 10; ++i) {
          int status = 0;
          if (!ended.contains(i) && ::waitpid(pids[i], &status, WNOHANG) == pids[i])
            ended[i] = status;
        }
        return ended.size() >= 9;
      },
      std::chrono::seconds(60));
  int refused = 0;
  int running = -1;
  for (int i = 0; i < 10; ++i) {
    if (!ended.contains(i)) {
      running = pids[i];
      continue;
    }
    const int status = ended[i];
    const std::string log = read_file(f.dir / fmt::format("w{}.log", i));
    INFO(log);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 4);
    CHECK_THAT(log, Catch::Contains("already running") && Catch::Contains("(pid "));
    ++refused;
  }
  CHECK(refused == 9);
  REQUIRE(running > 0);
  ::kill(running, SIGTERM);
  int status = 0;
  ::waitpid(running, &status, 0);
  CHECK(WIFEXITED(status));
}
