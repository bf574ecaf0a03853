// A full disk under a running watch: intake pauses with a clear log line, nothing is lost or
// refused for it, and intake resumes when space returns. The data folder lives on a small
// tmpfs of its own (mounting one needs root).
#include <fmt/format.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::corpus_paths;
using kiosque::test::files_under;
using kiosque::test::index_documents;
using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

namespace {

class SmallDisk {
 public:
  explicit SmallDisk(const std::filesystem::path& where) : where_(where) {
    if (::geteuid() != 0) kiosque::test::skip_test("needs root, to mount a small tmpfs");
    if (::mount("tmpfs", where.c_str(), "tmpfs", 0, "size=32m") != 0) {
      kiosque::test::skip_test("cannot mount a tmpfs here");
    }
  }
  ~SmallDisk() { ::umount2(where_.c_str(), MNT_DETACH); }
  std::uint64_t free_bytes() const {
    struct statvfs st {};
    ::statvfs(where_.c_str(), &st);
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
  }

 private:
  std::filesystem::path where_;
};

void add_seeds(const std::filesystem::path& data) {
  std::vector<std::string> add{"--data", data.string(), "add", "--quiet"};
  for (const auto& p : seed_paths()) add.push_back(p.string());
  REQUIRE(run_kiosque(add).exit_code == 0);
}

}  // namespace

TEST_CASE("a full disk pauses watch intake until space returns and loses nothing",
          "[e2e][watch][disk]") {
  TempDir dir;
  const SmallDisk disk(dir.path());
  const auto data = dir / "data";
  add_seeds(data);

  WatchProcess watch(data, {"--min-free", "8MiB", "--verbose"});
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  // Written under temporary names while there is room, then filled up, then renamed in.
  const auto corpus = corpus_paths(20);
  for (const auto& p : corpus)
    write_file(DataFolder{data}.inbox() / ("." + p.filename().string() + ".tmp"), read_file(p));
  const std::uint64_t keep = 4u << 20;
  write_file(dir / "filler", std::string(disk.free_bytes() - keep, 'x'));
  for (const auto& p : corpus) {
    std::filesystem::rename(DataFolder{data}.inbox() / ("." + p.filename().string() + ".tmp"),
                            DataFolder{data}.inbox() / p.filename());
  }
  REQUIRE(wait_until([&] { return watch.log().find("intake paused: only") != std::string::npos; }));
  // Two attempts to resume, each refused: nothing may have moved meanwhile.
  REQUIRE(
      wait_until([&] { return kiosque::test::count_of(watch.log(), "still cannot write") >= 2; }));
  CHECK(files_under(DataFolder{data}.inbox()).size() == corpus.size());
  CHECK_FALSE(std::filesystem::exists(DataFolder{data}.rejected()));

  std::filesystem::remove(dir / "filler");
  REQUIRE(wait_until(
      [&] { return kiosque::test::intake_done(data) && index_documents(data) >= 5 + 19; }));
  CHECK_THAT(watch.log(), Catch::Contains("intake resumed"));
  CHECK(watch.stop() == 0);
  CHECK_FALSE(std::filesystem::exists(DataFolder{data}.rejected()));
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
}

TEST_CASE("a full disk is never a crash: a paused watch stops cleanly, and add and watch exit 6",
          "[e2e][watch][disk]") {
  TempDir dir;
  const SmallDisk disk(dir.path());
  const auto data = dir / "data";
  add_seeds(data);

  {
    WatchProcess watch(data, {"--min-free", "8MiB"});
    REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
    write_file(dir / "filler", std::string(disk.free_bytes() - (4u << 20), 'x'));
    write_file(DataFolder{data}.inbox() / "a.txt", read_file(corpus_paths(1)[0]));
    REQUIRE(wait_until([&] { return watch.log().find("intake paused") != std::string::npos; }));
    CHECK(watch.stop(SIGTERM) == 0);
    CHECK_THAT(watch.log(), Catch::Contains("stopping on SIGTERM"));
  }
  // Now nothing at all is free.
  const auto corpus = corpus_paths(3);
  std::uint64_t i = 0;
  while (disk.free_bytes() > 0) {
    std::ofstream out(dir / fmt::format("more-filler-{}", i++));
    out << std::string(std::min<std::uint64_t>(disk.free_bytes(), 1u << 20), 'y');
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    const auto watch = run_kiosque({"--data", data.string(), "watch"});
    INFO(watch.err);
    CHECK(watch.signal == 0);
    CHECK(watch.exit_code == 6);
    CHECK_THAT(watch.err, Catch::Contains("No space left") || Catch::Contains("disk is full"));
  }
  const auto added = run_kiosque({"--data", data.string(), "add", corpus[1].string()});
  CHECK(added.signal == 0);
  CHECK(added.exit_code == 6);
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"reindex"},
        std::vector<std::string>{"backup", (dir / "bk").string()}}) {
    std::vector<std::string> args{"--data", data.string()};
    args.insert(args.end(), command.begin(), command.end());
    const auto r = run_kiosque(args);
    INFO(command[0] << ": " << r.err);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 6);
  }
  CHECK(files_under(DataFolder{data}.inbox()).size() +
            files_under(DataFolder{data}.staging()).size() ==
        1);  // a.txt waits
  CHECK(run_kiosque({"--data", data.string(), "search", "Goïta"}).exit_code ==
        0);  // reads still work
}
