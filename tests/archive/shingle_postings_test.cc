// The shingle postings (archive/src/stories/shingle_postings.h): gathered in memory, filed in
// bulk, and filed again from the archive when a writer stopped before filing them.
#include "stories/shingle_postings.h"

#include <rocksdb/db.h>

#include <algorithm>

#include "fault_fs.h"
#include "kiosque/archive/store.h"
#include "story_test_support.h"
#include "test_support.h"

using namespace kiosque::archive;
using namespace kiosque::archive::detail;
using kiosque::test::body_of;
using kiosque::test::FaultFs;
using kiosque::test::place_of;
using kiosque::test::put_text;
using kiosque::test::TempDir;

namespace {

// The archive in `dir` opened with RocksDB itself, each family with RocksDB's defaults.
class RawArchive {
 public:
  RawArchive(const std::filesystem::path& dir, bool read_only) {
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names_).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names_) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    const auto s = read_only ? rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir.string(),
                                                            families, &handles_, &raw)
                             : rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families,
                                                 &handles_, &raw);
    REQUIRE(s.ok());
    db_.reset(raw);
  }
  ~RawArchive() {
    for (auto* h : handles_) CHECK(db_->DestroyColumnFamilyHandle(h).ok());
  }
  rocksdb::DB& db() { return *db_; }
  rocksdb::ColumnFamilyHandle* family(const std::string& name) {
    const auto it = std::find(names_.begin(), names_.end(), name);
    REQUIRE(it != names_.end());
    return handles_[static_cast<std::size_t>(it - names_.begin())];
  }

 private:
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unique_ptr<rocksdb::DB> db_;
};

// What the archive in `dir` holds of its postings: how many are filed, and whether the marker of
// gathered, unfiled ones is there.
struct Filed {
  std::size_t postings = 0;
  bool marker = false;
};
Filed filed_in(const std::filesystem::path& dir) {
  RawArchive archive(dir, /*read_only=*/true);
  Filed f;
  std::unique_ptr<rocksdb::Iterator> it(
      archive.db().NewIterator(rocksdb::ReadOptions(), archive.family("shingles")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++f.postings;
  std::string value;
  f.marker =
      archive.db().Get(rocksdb::ReadOptions(), archive.family("stories"), "p-pending", &value).ok();
  return f;
}

// A writer takes in `body` under a first title, then closes the archive in `path`.
ArticleId put_first(const std::filesystem::path& path, const std::string& body) {
  auto store = Store::open(path);
  REQUIRE_OK(store);
  return put_text(**store, "Premier titre\n\n" + body).id;
}

// A writer opens the archive in `path` and takes in `body` under another title: a version of
// `first`, found by its postings. Then every posting is filed.
void check_found_again(const std::filesystem::path& path, const std::string& body,
                       const ArticleId& first) {
  {
    auto store = Store::open(path);
    REQUIRE_OK(store);
    const auto copy = put_text(**store, "Un autre titre\n\n" + body);
    CHECK(place_of(**store, copy.id).cluster == first);
  }
  const Filed filed = filed_in(path);
  CHECK(filed.postings > 10);
  CHECK_FALSE(filed.marker);
}

}  // namespace

TEST_CASE("gathered postings are found by shingle - and sorted for filing, one per article",
          "[stories][postings]") {
  PendingPostings pending;
  CHECK(pending.empty());
  // 1 << 20 and 3 << 20 share their low bits: one chain, told apart by the whole shingle.
  const std::uint64_t a = 1ULL << 20, b = 3ULL << 20, c = 7;
  pending.add(0x20, {a, c});
  pending.add(0x10, {a, b, c});
  pending.add(0x20, {a});  // the same article filed again: once in the table
  std::vector<Posting> found;
  pending.find(a, found);
  REQUIRE(found.size() == 3);
  CHECK(found[0].id == 0x20);
  CHECK(found[0].keys == 1);
  CHECK(found[1].id == 0x10);
  CHECK(found[1].keys == 3);
  found.clear();
  pending.find(b, found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == 0x10);
  found.clear();
  pending.find(5, found);
  CHECK(found.empty());

  const auto sorted = pending.sorted();
  REQUIRE(sorted.size() == 5);
  CHECK(std::is_sorted(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
    return std::tie(x.shingle, x.id) < std::tie(y.shingle, y.id);
  }));
  CHECK(sorted[0].shingle == c);
  const auto twice = std::find_if(sorted.begin(), sorted.end(),
                                  [&](const auto& e) { return e.shingle == a && e.id == 0x20; });
  REQUIRE(twice != sorted.end());
  CHECK(twice->keys == 1);  // the latest
  pending.clear();
  CHECK(pending.empty());
  pending.find(a, found);
  CHECK(found.empty());
}

TEST_CASE("postings filed at the close find an article's versions after the next open",
          "[stories][postings]") {
  TempDir dir;
  const auto path = dir.path() / "archive";
  const std::string body = body_of("003");
  const ArticleId first = put_first(path, body);
  const Filed filed = filed_in(path);
  CHECK(filed.postings > 10);
  CHECK_FALSE(filed.marker);

  check_found_again(path, body, first);
}

TEST_CASE("postings a writer never filed are filed again by the next writer's open",
          "[stories][postings]") {
  TempDir dir;
  const auto path = dir.path() / "archive";
  const std::string body = body_of("003");
  ArticleId first;
  {
    // The power goes once the article is synced: the close cannot file what it gathered.
    auto fs = std::make_shared<FaultFs>(FaultFs::Op::write, 0, /*real_syncs=*/false);
    auto env = FaultFs::env(fs);
    StoreOptions options;
    options.env = env.get();
    auto store = Store::open(path, options);
    REQUIRE_OK(store);
    first = put_text(**store, "Premier titre\n\n" + body).id;
    REQUIRE_OK((*store)->sync());
    fs->cut_power();
    store->reset();
    fs->drop_unsynced();
  }
  const Filed left = filed_in(path);
  CHECK(left.postings == 0);
  CHECK(left.marker);

  check_found_again(path, body, first);
}

TEST_CASE("a damaged marker of unfiled postings has every article filed again - the open goes on",
          "[stories][postings]") {
  TempDir dir;
  const auto path = dir.path() / "archive";
  const std::string body = body_of("003");
  const ArticleId first = put_first(path, body);
  {
    // Every posting lost, and a marker that does not decode.
    RawArchive archive(path, /*read_only=*/false);
    rocksdb::WriteBatch batch;
    REQUIRE(batch.DeleteRange(archive.family("shingles"), "", std::string(17, '\xff')).ok());
    REQUIRE(batch.Put(archive.family("stories"), "p-pending", "damaged").ok());
    REQUIRE(archive.db().Write(rocksdb::WriteOptions(), &batch).ok());
  }
  CHECK(filed_in(path).postings == 0);

  check_found_again(path, body, first);
}
