// InboxWatcher over a real folder and real inotify.
#include "watch/inbox_watcher.h"

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "test_support.h"

using kiosque::test::TempDir;
using kiosque::test::write_file;
using kiosque::tools::InboxEvents;
using kiosque::tools::InboxWatcher;

namespace {

InboxEvents read_all(InboxWatcher& w) {
  auto events = w.read();
  REQUIRE(events.has_value());
  return *events;
}

bool names(const std::vector<std::filesystem::path>& files, const std::filesystem::path& p) {
  return std::find(files.begin(), files.end(), p) != files.end();
}

}  // namespace

TEST_CASE("a file is named when closed after writing, not when created", "[watcher]") {
  TempDir dir;
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  const auto path = dir / "article.txt";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, "Le début", 9) == 9);
  CHECK(read_all(**w).files.empty());
  ::close(fd);
  const auto events = read_all(**w);
  REQUIRE(events.files.size() == 1);
  CHECK(events.files[0] == path);
  CHECK_FALSE(events.overflow);
}

TEST_CASE("hidden and temporary names are ignored until renamed", "[watcher]") {
  TempDir dir;
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  for (const char* name : {".hidden", "draft~", "a.swp", "b.part", "c.tmp", "d.crdownload"}) {
    write_file(dir / name, "texte");
  }
  CHECK(read_all(**w).files.empty());
  std::filesystem::rename(dir / "b.part", dir / "b.txt");
  const auto events = read_all(**w);
  REQUIRE(events.files.size() == 1);
  CHECK(events.files[0] == dir / "b.txt");
}

TEST_CASE("files moved in are named", "[watcher]") {
  TempDir outside, dir;
  write_file(outside / "x.txt", "texte");
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  std::filesystem::rename(outside / "x.txt", dir / "x.txt");
  CHECK(names(read_all(**w).files, dir / "x.txt"));
}

TEST_CASE("new folders are watched and so are folders moved in with what they hold", "[watcher]") {
  TempDir outside, dir;
  std::filesystem::create_directories(dir / "old" / "deep");
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  CHECK((*w)->watched_folders() == 3);
  write_file(dir / "old" / "deep" / "a.txt", "texte");
  CHECK(names(read_all(**w).files, dir / "old" / "deep" / "a.txt"));

  std::filesystem::create_directory(dir / "new");
  auto events = read_all(**w);
  CHECK(names(events.new_folders, dir / "new"));
  write_file(dir / "new" / "b.txt", "texte");
  CHECK(names(read_all(**w).files, dir / "new" / "b.txt"));

  std::filesystem::create_directories(outside / "batch" / "inner");
  std::filesystem::rename(outside / "batch", dir / "batch");
  events = read_all(**w);
  CHECK(names(events.new_folders, dir / "batch"));
  write_file(dir / "batch" / "inner" / "c.txt", "texte");
  CHECK(names(read_all(**w).files, dir / "batch" / "inner" / "c.txt"));

  // A folder renamed inside the inbox is followed under its new name.
  std::filesystem::rename(dir / "new", dir / "renamed");
  (void)read_all(**w);
  write_file(dir / "renamed" / "d.txt", "texte");
  const auto after = read_all(**w);
  CHECK(names(after.files, dir / "renamed" / "d.txt"));
  CHECK_FALSE(names(after.files, dir / "new" / "d.txt"));
}

TEST_CASE("links and FIFOs are named on creation, to be refused", "[watcher]") {
  TempDir dir;
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  std::filesystem::create_symlink("/etc/passwd", dir / "link.txt");
  REQUIRE(::mkfifo((dir / "fifo.txt").c_str(), 0600) == 0);
  const auto events = read_all(**w);
  CHECK(names(events.files, dir / "link.txt"));
  CHECK(names(events.files, dir / "fifo.txt"));
}

TEST_CASE("an overflowing event queue is reported so that the inbox is rescanned", "[watcher]") {
  TempDir dir;
  auto w = InboxWatcher::open(dir.path());
  REQUIRE_OK(w);
  // More close events than the kernel queues (fs.inotify.max_queued_events, 16384 by default);
  // two files in turn, because the kernel merges identical consecutive events.
  const int fds[2] = {::open((dir / "a").c_str(), O_WRONLY | O_CREAT, 0600),
                      ::open((dir / "b").c_str(), O_WRONLY | O_CREAT, 0600)};
  REQUIRE(fds[0] >= 0);
  REQUIRE(fds[1] >= 0);
  ::close(fds[0]);
  ::close(fds[1]);
  for (int i = 0; i < 40000; ++i) {
    const int fd = ::open((dir / (i % 2 == 0 ? "a" : "b")).c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    ::close(fd);
  }
  CHECK(read_all(**w).overflow);
}

TEST_CASE("a missing inbox is a clear error", "[watcher]") {
  TempDir dir;
  auto w = InboxWatcher::open(dir / "absent");
  REQUIRE_FALSE(w.has_value());
  CHECK(w.error().code == kiosque::Errc::not_found);
  CHECK_THAT(w.error().message, Catch::Contains("absent"));
}

TEST_CASE("inotify limits that are too low are named with the sysctl to raise", "[watcher]") {
  // The child needs a user of its own, so that no other test's inotify instances count.
  if (::geteuid() != 0) kiosque::test::skip_test("needs root, to run a child as nobody");
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  // In a child running as `nobody`: use up that user's inotify instances, then open a watcher.
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
    while (::inotify_init1(IN_CLOEXEC) >= 0) {
    }
    if (errno != EMFILE) ::_exit(3);
    auto w = InboxWatcher::open(dir.path());
    const bool named =
        !w && w.error().code == kiosque::Errc::busy &&
        w.error().message.find("fs.inotify.max_user_instances") != std::string::npos &&
        w.error().hint.find("sysctl fs.inotify.max_user_instances=") != std::string::npos;
    ::_exit(named ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
