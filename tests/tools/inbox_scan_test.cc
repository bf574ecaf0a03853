// Scanning the inbox, and telling a file still being written.
#include "watch/inbox_scan.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "test_support.h"

using kiosque::test::TempDir;
using kiosque::test::write_file;
using kiosque::tools::is_being_written;
using kiosque::tools::scan_inbox;

TEST_CASE("a scan lists files in every folder, sorted, skipping hidden and temporary names",
          "[scan]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "sub" / "deeper");
  std::filesystem::create_directories(dir / ".hidden");
  write_file(dir / "b.txt", "x");
  write_file(dir / "a.txt", "x");
  write_file(dir / "sub" / "deeper" / "c.txt", "x");
  write_file(dir / ".hidden" / "d.txt", "x");
  write_file(dir / "e.part", "x");
  write_file(dir / "f~", "x");
  std::filesystem::create_symlink("/etc/passwd", dir / "link");
  std::filesystem::create_directory_symlink("/etc", dir / "linked-folder");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);

  const std::vector<std::filesystem::path> expected{
      dir / "a.txt", dir / "b.txt",         dir / "fifo",
      dir / "link",  dir / "linked-folder", dir / "sub" / "deeper" / "c.txt"};
  CHECK(scan_inbox(dir.path()) == expected);
}

TEST_CASE("a file open for writing is seen as being written until closed", "[scan]") {
  TempDir dir;
  const auto path = dir / "article.txt";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, "Le début", 9) == 9);
  CHECK(is_being_written(path));
  ::close(fd);
  CHECK_FALSE(is_being_written(path));

  const int reader = ::open(path.c_str(), O_RDONLY);
  CHECK_FALSE(is_being_written(path));  // readers do not count
  ::close(reader);

  std::filesystem::create_symlink(path, dir / "link");
  const int again = ::open(path.c_str(), O_WRONLY);
  CHECK_FALSE(is_being_written(dir / "link"));  // never followed
  ::close(again);
  CHECK_FALSE(is_being_written(dir / "absent"));
}

// The check holds a read lease for a moment; a writer opening the file in that moment breaks it,
// and the kernel tells the lease holder with a signal, SIGIO unless told otherwise, which ends a
// process by default. A watch that checked while a writer rewrote the name died of it. The
// check asks for SIGURG instead, ignored by default; here it is counted, to see the breaks happen.
namespace {
std::atomic<int> urgent_signals = 0;
}  // namespace

TEST_CASE("a writer opening the file while it is checked does not signal the checker",
          "[scan][race]") {
  TempDir dir;
  const auto path = dir / "article.txt";
  write_file(path, "Le début");
  struct sigaction count {
  }, previous{};
  count.sa_handler = [](int) { ++urgent_signals; };
  REQUIRE(::sigaction(SIGURG, &count, &previous) == 0);
  std::atomic<bool> done = false;
  std::thread writer([&] {
    while (!done) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (fd >= 0) ::close(fd);
    }
  });
  for (int i = 0; i < 200'000 && urgent_signals == 0; ++i) (void)is_being_written(path);
  done = true;
  writer.join();
  ::sigaction(SIGURG, &previous, nullptr);
  CHECK(urgent_signals > 0);
}
