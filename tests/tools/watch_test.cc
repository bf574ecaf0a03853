// End to end: a real `kiosque watch` on a real inbox, fed the ways people drop files.
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::article_id_of;
using kiosque::test::corpus_paths;
using kiosque::test::count_of;
using kiosque::test::files_under;
using kiosque::test::index_copies;
using kiosque::test::index_documents;
using kiosque::test::read_file;
using kiosque::test::run_kiosque;
using kiosque::test::seed_path;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;
using kiosque::test::write_in_pieces;

namespace {

using Folder = kiosque::test::TestFolder;

}  // namespace

TEST_CASE("watch takes in the seeds and 2000 corpus files dropped every way",
          "[e2e][watch][slow]") {
  Folder f;
  WatchProcess watch(f.data);
  TempDir staging;
  std::filesystem::create_directories(f.inbox / "sub");

  std::vector<std::filesystem::path> sources = seed_paths();
  const auto corpus = corpus_paths(2000);
  sources.insert(sources.end(), corpus.begin(), corpus.end());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& src = sources[i];
    const std::string name = src.filename().string();
    ids.insert(article_id_of(src));
    switch (i % 5) {
      case 0:
        write_in_pieces(f.inbox / name, read_file(src));
        break;
      case 1:
        std::filesystem::copy_file(src, f.inbox / name);
        break;
      case 2:
        std::filesystem::copy_file(src, staging / name);
        std::filesystem::rename(staging / name, f.inbox / name);
        break;
      case 3:
        write_file(f.inbox / (name + ".part"), read_file(src));
        std::filesystem::rename(f.inbox / (name + ".part"), f.inbox / name);
        break;
      case 4: {
        // Into a subfolder, and half of those into a folder made on the way.
        const auto folder =
            i % 10 == 4 ? f.inbox / "sub" : f.inbox / "sub" / fmt::format("new-{}", i / 500);
        std::filesystem::create_directories(folder);
        write_file(folder / name, read_file(src));
        break;
      }
    }
  }
  ids.erase("");
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == ids.size(); },
                     std::chrono::seconds(120)));
  CHECK(f.archived() == ids.size());
  for (const std::string& id : ids) CHECK(index_copies(f.data, id) == 1);

  auto search = f.k({"search", "--json", "Goïta"});
  REQUIRE(search.exit_code == 0);
  CHECK(nlohmann::json::parse(search.out)["results"].size() >= 3);

  CHECK(watch.stop(SIGTERM) == 0);
  const std::string log = watch.log();
  CHECK(count_of(log, " added ") == ids.size());
  CHECK(count_of(log, " added ") + count_of(log, " duplicate ") +
            count_of(log, " new raw version ") ==
        sources.size());
  CHECK_THAT(log, Catch::Contains("stopping on SIGTERM"));
  CHECK_FALSE(std::filesystem::exists(DataFolder{f.data}.rejected()));
}

TEST_CASE("files dropped while watch is stopped are taken in at the next start", "[e2e][watch]") {
  Folder f;
  std::filesystem::copy_file(seed_path("000"), f.inbox / "000.txt");
  std::filesystem::create_directories(f.inbox / "sub");
  std::filesystem::copy_file(seed_path("001"), f.inbox / "sub" / "001.txt");
  {
    WatchProcess watch(f.data);
    REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 2; }));
    CHECK(watch.stop(SIGINT) == 0);
    CHECK_THAT(watch.log(), Catch::Contains("stopping on SIGINT"));
  }
  std::filesystem::copy_file(seed_path("002"), f.inbox / "002.txt");
  WatchProcess watch(f.data);
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 3; }));
  CHECK(f.archived() == 3);
  CHECK(watch.stop() == 0);
}

TEST_CASE("bad files end in rejected/ with a reason while the watcher keeps going",
          "[e2e][watch]") {
  Folder f;
  WatchProcess watch(f.data);
  const std::string article = read_file(seed_path("000"));
  write_file(f.inbox / "binary.bin", std::string("\x7f"
                                                 "ELF\x02\x01\x01\x00\x00\x00",
                                                 10));
  write_file(f.inbox / "empty.txt", "");
  write_file(f.inbox / "mixed.txt", "caf\xC3\xA9 et caf\xE9, l’appel du Mali");
  std::filesystem::create_symlink(seed_path("001"), f.inbox / "link.txt");
  REQUIRE(::mkfifo((f.inbox / "fifo.txt").c_str(), 0600) == 0);
  const std::vector<std::string> odd_names{"a name with spaces.txt",
                                           "quotes 'single' \"double\".txt", "latin1 caf\xE9.txt",
                                           "-leading dash.txt", "tab\tand\nnewline.txt"};
  for (const auto& name : odd_names) write_file(f.inbox / name, "\x01\x02 binary");
  // The watcher keeps going: a good article after all that, under an odd name too.
  write_file(f.inbox / "bon article caf\xE9 'ok'.txt", article);

  const std::size_t bad = 5 + odd_names.size();
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 1; }));
  const auto rejected = files_under(DataFolder{f.data}.rejected());
  CHECK(rejected.size() == 2 * bad);
  for (const std::string name : {"binary.bin", "empty.txt", "mixed.txt", "link.txt", "fifo.txt"}) {
    INFO(name);
    const std::string reason = read_file(DataFolder{f.data}.rejected() / (name + ".reason"));
    CHECK_THAT(reason, Catch::Contains("reason: "));
  }
  CHECK_THAT(read_file(DataFolder{f.data}.rejected() / "link.txt.reason"),
             Catch::Contains("symbolic link"));
  CHECK_THAT(read_file(DataFolder{f.data}.rejected() / "mixed.txt.reason"),
             Catch::Contains("invalid UTF-8"));
  CHECK(std::filesystem::is_symlink(DataFolder{f.data}.rejected() / "link.txt"));
  for (const auto& name : odd_names) {
    INFO(name);
    CHECK(std::filesystem::exists(DataFolder{f.data}.rejected() / name));
    CHECK(std::filesystem::exists(DataFolder{f.data}.rejected() / (name + ".reason")));
  }
  // Names are escaped in logs and reasons: no raw control character or invalid UTF-8 byte.
  const std::string log = watch.log();
  CHECK_THAT(log, Catch::Contains("latin1 caf\\xe9.txt"));
  CHECK_THAT(log, Catch::Contains("tab\\x09and\\x0anewline.txt"));
  CHECK_THAT(read_file(DataFolder{f.data}.rejected() / "tab\tand\nnewline.txt.reason"),
             Catch::Contains("file: tab\\x09and\\x0anewline.txt"));

  // The same bad name again: the first rejection is never overwritten.
  write_file(f.inbox / "binary.bin", "\x01 second");
  REQUIRE(wait_until([&] {
    return f.inbox_empty() &&
           std::filesystem::exists(DataFolder{f.data}.rejected() / "binary-2.bin");
  }));
  CHECK(read_file(DataFolder{f.data}.rejected() / "binary.bin") ==
        std::string("\x7f"
                    "ELF\x02\x01\x01\x00\x00\x00",
                    10));
  CHECK(read_file(DataFolder{f.data}.rejected() / "binary-2.bin") == "\x01 second");
  CHECK(watch.stop() == 0);
}

TEST_CASE("temporary names wait for their rename and --keep moves taken files to processed/",
          "[e2e][watch]") {
  Folder f;
  WatchProcess watch(f.data, {"--keep"});
  const std::string article = read_file(seed_path("000"));
  write_file(f.inbox / "draft.txt.part", article);
  write_file(f.inbox / "first.txt", read_file(seed_path("001")));
  REQUIRE(wait_until([&] { return index_documents(f.data) == 1; }));
  CHECK(std::filesystem::exists(f.inbox / "draft.txt.part"));
  std::filesystem::rename(f.inbox / "draft.txt.part", f.inbox / "draft.txt");
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 2; }));
  CHECK(read_file(DataFolder{f.data}.processed() / "draft.txt") == article);
  CHECK(read_file(DataFolder{f.data}.processed() / "first.txt") == read_file(seed_path("001")));

  // A duplicate is logged with the id of the article it repeats, and kept under a new name.
  write_file(f.inbox / "draft.txt", article);
  REQUIRE(wait_until([&] {
    return f.inbox_empty() &&
           std::filesystem::exists(DataFolder{f.data}.processed() / "draft-2.txt");
  }));
  CHECK(f.archived() == 2);
  CHECK(watch.stop() == 0);
  const std::string id = article_id_of(seed_path("000")).substr(0, 12);
  CHECK_THAT(watch.log(), Catch::Contains("duplicate draft.txt: already archived as " + id));
}

TEST_CASE(
    "beside a running watch search and show and stats work while a second watch and add refuse "
    "clearly",
    "[e2e][watch]") {
  Folder f;
  WatchProcess watch(f.data);
  std::filesystem::copy_file(seed_path("000"), f.inbox / "000.txt");
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 1; }));

  auto search = f.k({"search", "--json", "Poutine"});
  REQUIRE(search.exit_code == 0);
  const auto hits = nlohmann::json::parse(search.out)["results"];
  REQUIRE(hits.size() == 1);
  CHECK(f.k({"show", hits[0]["id"].get<std::string>().substr(0, 12)}).exit_code == 0);
  CHECK(f.k({"stats"}).exit_code == 0);

  auto second = f.k({"watch"});
  CHECK(second.exit_code == 4);
  CHECK_THAT(second.err, Catch::Contains("kiosque watch is already running on"));
  CHECK_THAT(second.err, Catch::Contains(fmt::format("pid {}", watch.pid())));

  auto add = f.k({"add", seed_path("001").string()});
  CHECK(add.exit_code == 4);
  CHECK_THAT(add.err, Catch::Contains("kiosque watch"));
  CHECK_THAT(add.err, Catch::Contains("drop the files into " + f.inbox.string()));
  CHECK(add.err.find("LOCK") == std::string::npos);

  CHECK(watch.stop() == 0);
  // Once the watch is gone, add works again.
  CHECK(f.k({"add", seed_path("001").string()}).exit_code == 0);
}

TEST_CASE("watch --help describes the inbox", "[e2e][watch]") {
  auto help = run_kiosque({"watch", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("rejected/"));
  CHECK_THAT(help.out, Catch::Contains("--keep"));
  CHECK_THAT(help.out, Catch::Contains("--quiet"));
}

TEST_CASE("what inotify does not report is found by the timer's rescan", "[e2e][watch]") {
  Folder f;
  TempDir outside;
  write_file(outside / "article.txt", read_file(seed_path("000")));
  WatchProcess watch(f.data, {"--rescan", "0.3"});
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  // A hard link raises IN_CREATE only: no close, no move.
  std::filesystem::create_hard_link(outside / "article.txt", f.inbox / "linked.txt");
  REQUIRE(wait_until([&] { return f.inbox_empty() && index_documents(f.data) == 1; },
                     std::chrono::seconds(10)));
  CHECK(watch.stop() == 0);
}
