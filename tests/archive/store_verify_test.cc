// Store::verify over a real RocksDB archive, intact and then tampered with underneath.
#include <rocksdb/db.h>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "raw_compression.h"
#include "record_codec.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

// Writes `value` under `key` in column family `family`, behind the store's back.
void tamper(const std::filesystem::path& dir, const std::string& family, const std::string& key,
            const std::string& value) {
  kiosque::test::RawArchive raw(dir, false);
  REQUIRE(raw.db().Put(rocksdb::WriteOptions(), raw.family(family), key, value).ok());
}

}  // namespace

TEST_CASE("verify finds an intact archive intact", "[store][verify]") {
  TempDir dir;
  auto store = archive::Store::open(dir.folder().archive());
  REQUIRE_OK(store);
  REQUIRE_OK(archive::ingest_files(**store, seed_paths(), {}, {}));
  std::uint64_t calls = 0;
  auto check = (*store)->verify([&](std::uint64_t, std::uint64_t) { ++calls; });
  REQUIRE_OK(check);
  CHECK(check->problems.empty());
  CHECK(check->articles == 5);
  CHECK(check->raw_versions == 5);
  CHECK(check->log_entries == 5);
  CHECK(check->bytes > 10000);
  CHECK(calls >= 1);
}

TEST_CASE("verify names a raw version whose bytes no longer hash to its id", "[store][verify]") {
  TempDir dir;
  archive::RawId raw;
  archive::ArticleId article;
  {
    auto store = archive::Store::open(dir.folder().archive());
    REQUIRE_OK(store);
    auto prepared = archive::prepare_file(seed_paths()[0], {});
    REQUIRE_OK(prepared);
    REQUIRE_OK((*store)->put(*prepared, {"x", 0}));
    REQUIRE_OK((*store)->sync());
    raw = prepared->raw_id;
    article = prepared->id;
  }
  tamper(
      dir.folder().archive(), "raw", std::string(raw.view()),
      archive::detail::encode_raw(article, "UTF-8", 8, archive::detail::compress_raw("tampered")));
  auto store = archive::Store::open(dir.folder().archive(), {.read_only = true});
  REQUIRE_OK(store);
  auto check = (*store)->verify();
  REQUIRE_OK(check);
  REQUIRE(check->problems.size() == 1);
  CHECK(check->problems[0] == "raw version " + raw.hex() + ": its bytes do not hash to its id");
}

TEST_CASE("verify names a log entry that points at the wrong article", "[store][verify]") {
  TempDir dir;
  {
    auto store = archive::Store::open(dir.folder().archive());
    REQUIRE_OK(store);
    REQUIRE_OK(archive::ingest_files(**store, seed_paths(), {}, {}));
  }
  const auto other = *archive::Digest::from_hex(std::string(64, 'a'));
  tamper(dir.folder().archive(), "log", archive::detail::encode_seq(2),
         archive::detail::encode_log_value(other));
  auto store = archive::Store::open(dir.folder().archive(), {.read_only = true});
  REQUIRE_OK(store);
  auto check = (*store)->verify();
  REQUIRE_OK(check);
  REQUIRE(check->problems.size() == 1);
  CHECK_THAT(check->problems[0], Catch::Contains("log entry 2 names article aaaa"));
}

TEST_CASE("a raw version written by the first kiosque, uncompressed, reads and verifies",
          "[store][verify]") {
  TempDir dir;
  archive::RawId raw;
  archive::ArticleId article;
  const std::string bytes = kiosque::test::read_file(seed_paths()[0]);
  {
    auto store = archive::Store::open(dir.folder().archive());
    REQUIRE_OK(store);
    auto prepared = archive::prepare_bytes(bytes, {});
    REQUIRE_OK(prepared);
    REQUIRE_OK((*store)->put(*prepared, {"x", 0}));
    REQUIRE_OK((*store)->sync());
    raw = prepared->raw_id;
    article = prepared->id;
  }
  // Format 1: the article id, the encoding, then the file's bytes as they are.
  std::string plain(1, static_cast<char>(archive::detail::kRecordFormat));
  plain += article.view();
  plain += static_cast<char>(5);
  plain += "UTF-8";
  plain += bytes;
  tamper(dir.folder().archive(), "raw", std::string(raw.view()), plain);
  auto store = archive::Store::open(dir.folder().archive(), {.read_only = true});
  REQUIRE_OK(store);
  auto back = (*store)->raw_bytes(raw);
  REQUIRE_OK(back);
  CHECK(*back == bytes);
  auto info = (*store)->raw_info(raw);
  REQUIRE_OK(info);
  CHECK(info->size == bytes.size());
  auto check = (*store)->verify();
  REQUIRE_OK(check);
  CHECK(check->problems.empty());
}
