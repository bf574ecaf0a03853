// A read-only store opened while a writer flushes: the writer's flush is made to land exactly
// between RocksDB's reading of the MANIFEST and its listing of the write-ahead logs, the window
// in which a plain read-only open loses the flushed log's writes.
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <functional>

#include "kiosque/archive/ingest.h"
#include "kiosque/archive/store.h"
#include "test_support.h"

using namespace kiosque::archive;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

// Runs `between` once: at the first directory listing after a MANIFEST was opened for reading.
class FlushBetweenFs : public rocksdb::FileSystemWrapper {
 public:
  explicit FlushBetweenFs(std::function<void()> between)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), between_(std::move(between)) {}
  const char* Name() const override { return "FlushBetweenFs"; }

  rocksdb::IOStatus NewSequentialFile(const std::string& fname, const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSSequentialFile>* result,
                                      rocksdb::IODebugContext* dbg) override {
    if (fname.find("MANIFEST-") != std::string::npos) manifest_read_ = true;
    return FileSystemWrapper::NewSequentialFile(fname, options, result, dbg);
  }
  rocksdb::IOStatus GetChildren(const std::string& dir, const rocksdb::IOOptions& options,
                                std::vector<std::string>* result,
                                rocksdb::IODebugContext* dbg) override {
    if (manifest_read_ && between_) {
      std::exchange(between_, {})();
      ++fired_;
    }
    return FileSystemWrapper::GetChildren(dir, options, result, dbg);
  }
  int fired() const { return fired_; }

 private:
  std::function<void()> between_;
  bool manifest_read_ = false;
  int fired_ = 0;
};

}  // namespace

TEST_CASE("a read-only store opened while the writer flushes sees every write made before",
          "[archive][store][concurrent]") {
  TempDir dir;
  auto writer = Store::open(dir.path());
  REQUIRE_OK(writer);
  REQUIRE_OK(ingest_files(**writer, seed_paths(), {}, {}));
  // The seeds are synced in the write-ahead log; closing the writer flushes them into a table and
  // deletes that log, as every `kiosque add` does when it ends.
  auto fs = std::make_shared<FlushBetweenFs>([&] { writer->reset(); });
  auto env = rocksdb::NewCompositeEnv(fs);
  StoreOptions options;
  options.read_only = true;
  options.env = env.get();
  auto reader = Store::open(dir.path(), options);
  REQUIRE_OK(reader);
  CHECK(fs->fired() == 1);
  CHECK((*reader)->last_seq() == 5);
  auto stats = (*reader)->stats();
  REQUIRE_OK(stats);
  CHECK(stats->articles == 5);
  auto log = (*reader)->read_log(0, 10);
  REQUIRE_OK(log);
  REQUIRE(log->size() == 5);
  for (const LogEntry& entry : *log) CHECK((*reader)->get(entry.id));
}
