// End to end: kiosque verify and --repair, and every command facing damaged RocksDB and Xapian
// files: a clear message naming the damaged part and what to do, never a crash.
#include <xapian.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "folder/data_folder.h"
#include "test_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::corpus_paths;
using kiosque::test::run_kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

struct Folder {
  TempDir dir;
  std::string data = (dir / "data").string();
  explicit Folder(std::size_t corpus) {
    std::vector<std::string> args{"--data", data, "add", "--quiet"};
    for (const auto& p : seed_paths()) args.push_back(p.string());
    for (const auto& p : corpus_paths(corpus)) args.push_back(p.string());
    REQUIRE(run_kiosque(args).exit_code == 0);
  }
  kiosque::test::ProcessResult k(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--data", data});
    return run_kiosque(args);
  }
};

constexpr std::uint64_t kXapianBlockSize = 8192;  // Xapian's default, which kiosque keeps

// The largest file of `folder` whose name ends in `suffix`.
std::filesystem::path largest(const std::filesystem::path& folder, const std::string& suffix) {
  std::filesystem::path biggest;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    if (e.path().string().ends_with(suffix) &&
        (biggest.empty() || e.file_size() > std::filesystem::file_size(biggest))) {
      biggest = e.path();
    }
  }
  REQUIRE_FALSE(biggest.empty());
  return biggest;
}

// Inverts `count` bytes in the middle of the largest file of `folder` whose name ends in `suffix`.
std::filesystem::path damage(const std::filesystem::path& folder, const std::string& suffix,
                             std::size_t count = 64) {
  const auto file = largest(folder, suffix);
  kiosque::test::invert_bytes(file, std::filesystem::file_size(file) / 2, count);
  return file;
}

// Inverts `count` bytes at `at` in every `stride`th block of a Xapian table. Which blocks are in
// use depends on how many commits built the table (a commit frees the blocks it rewrote), so
// damaging one block could miss; every `stride`th one always meets blocks in use.
void damage_blocks(const std::filesystem::path& table, std::uint64_t stride, std::uint64_t at,
                   std::size_t count) {
  const auto blocks = std::filesystem::file_size(table) / kXapianBlockSize;
  for (std::uint64_t b = 0; b < blocks; b += stride)
    kiosque::test::invert_bytes(table, b * kXapianBlockSize + at, count);
}

}  // namespace

TEST_CASE("verify passes an intact folder and repairs an index that lost or gained documents",
          "[e2e][verify]") {
  Folder f(40);
  auto ok = f.k({"verify"});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("re-hashed: OK"));
  CHECK_THAT(ok.out, Catch::Contains("0 missing, 0 doubled, 0 naming no article: OK"));

  std::string removed;
  {
    Xapian::WritableDatabase db(f.data + "/index");
    removed = db.get_document(3).get_data();
    db.delete_document("Q" + removed);
    Xapian::Document orphan;
    orphan.set_data(std::string(64, 'b'));
    orphan.add_boolean_term("Q" + std::string(64, 'b'));
    db.add_document(orphan);
    db.commit();
  }
  auto bad = f.k({"verify"});
  CHECK(bad.exit_code == 5);
  CHECK_THAT(bad.out, Catch::Contains("1 missing, 0 doubled, 1 naming no article"));
  auto bad_json = f.k({"verify", "--json"});
  CHECK(bad_json.exit_code == 5);
  const auto j = nlohmann::json::parse(bad_json.out);
  CHECK(j["schema"] == 1);
  CHECK(j["ok"] == false);
  CHECK(j["archive"]["ok"] == true);
  // One document lost, one naming no article: as many documents as articles.
  CHECK(j["archive"]["articles"] == j["index"]["documents"]);
  CHECK(j["index"]["ok"] == false);
  CHECK(j["index"]["missing"] == 1);
  CHECK(j["index"]["orphans"] == 1);
  CHECK(j["index"]["problems"].dump().find(removed) != std::string::npos);
  CHECK_THAT(bad.out, Catch::Contains("article " + removed));
  CHECK_THAT(bad.out, Catch::Contains("kiosque verify --repair"));

  auto repaired = f.k({"verify", "--repair"});
  CHECK(repaired.exit_code == 0);
  CHECK_THAT(repaired.out, Catch::Contains("repaired 2"));
  auto again = f.k({"verify"});
  CHECK(again.exit_code == 0);
  const auto good = nlohmann::json::parse(f.k({"verify", "--json"}).out);
  CHECK(good["ok"] == true);
  CHECK(good["index"]["documents"] == good["archive"]["articles"]);
  CHECK(f.k({"show", removed.substr(0, 12)}).exit_code == 0);
}

TEST_CASE("a damaged archive table is named by every command that meets it",
          "[e2e][verify][corruption]") {
  Folder f(300);
  // The articles' table: list and search below read every article record.
  const auto table = kiosque::test::largest_table(DataFolder{f.data}.archive(), "articles");
  REQUIRE_FALSE(table.empty());
  kiosque::test::invert_bytes(table, std::filesystem::file_size(table) / 2, 64);
  auto verify = f.k({"verify"});
  CHECK(verify.exit_code == 5);
  CHECK_THAT(verify.out, Catch::Contains(table.filename().string()));
  CHECK_THAT(verify.err, Catch::Contains("the archive is damaged"));

  // Reading every article meets the damaged block: a clear error and exit 5, never a crash.
  auto list = f.k({"list", "-n", "100000", "--json"});
  auto search = f.k({"search", "-n", "400", "le"});
  bool met = false;
  for (const auto& r : {list, search}) {
    CHECK(r.signal == 0);
    if (r.exit_code == 5) {
      met = true;
      CHECK_THAT(r.err, Catch::Contains("the archive is damaged"));
      CHECK_THAT(r.err, Catch::Contains("kiosque verify"));
    }
  }
  CHECK(met);
}

TEST_CASE("a damaged index says to run reindex and reindex mends it", "[e2e][verify][corruption]") {
  Folder f(300);
  // Damaged blocks in a table: Xapian's B-trees carry no checksums, so verify runs its check,
  // which counts some damage and stops at other damage with an error.
  const auto postlist = DataFolder{f.data}.index() / "postlist.glass";
  SECTION("block headers") { damage_blocks(postlist, 5, 0, 16); }
  SECTION("items, which fill a block from its end") {
    damage_blocks(postlist, 5, kXapianBlockSize - 64, 64);
  }
  auto verify = f.k({"verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 5);
  CHECK_THAT(verify.err, Catch::Contains("the index is damaged"));
  CHECK_THAT(verify.err, Catch::Contains("kiosque reindex"));
  // A damaged version file: every reader stops at once.
  damage(DataFolder{f.data}.index(), "iamglass", 16);
  for (const auto& r : {f.k({"search", "France"}), f.k({"stats"})}) {
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 5);
    CHECK_THAT(r.err, Catch::Contains("the index is damaged"));
    CHECK_THAT(r.err, Catch::Contains("kiosque reindex"));
  }

  auto reindex = f.k({"reindex", "--quiet"});
  INFO(reindex.err);
  REQUIRE(reindex.exit_code == 0);
  CHECK(f.k({"verify"}).exit_code == 0);
  CHECK(f.k({"search", "France"}).exit_code == 0);
}

TEST_CASE("verify --help", "[e2e][verify]") {
  auto help = run_kiosque({"verify", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--repair"));
}
