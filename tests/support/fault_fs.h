// A RocksDB file system that fails the Nth write or the Nth sync, through RocksDB's public
// FileSystemWrapper: the way LevelDB's and RocksDB's own fault-injection tests break storage.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace kiosque::test {

class FaultFs : public rocksdb::FileSystemWrapper {
 public:
  // write_no_space fails a write as a full disk does (ENOSPC), the others as an I/O error.
  enum class Op { write, sync, write_no_space };

  // Fails the `nth` (1-based) operation of kind `op`; 0 never fails. Without `real_syncs`, syncs
  // that do not fail return at once: tests of what RocksDB does when an operation fails need not
  // wait for the disk.
  FaultFs(Op op, std::uint64_t nth, bool real_syncs = true);
  const char* Name() const override { return "KiosqueFaultFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& io_opts,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname,
                                       const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;

  // Counts an operation (write or sync); true when this one must fail, with injected().
  bool should_fail(Op op);
  rocksdb::IOStatus injected() const;
  std::uint64_t writes() const { return writes_; }
  std::uint64_t syncs() const { return syncs_; }
  bool fired() const { return fired_; }
  bool real_syncs() const { return real_syncs_; }

  // Power cut: from now on every write and sync fails, as on a machine that lost power…
  void cut_power();
  // …and, once RocksDB has let go of the files, what was written but never synced is gone.
  void drop_unsynced();
  void track(const std::string& file, std::uint64_t durable_bytes);
  void appended(const std::string& file, std::uint64_t bytes);
  void synced(const std::string& file);

  // An Env over this file system, for StoreOptions::env.
  static std::unique_ptr<rocksdb::Env> env(const std::shared_ptr<FaultFs>& fs);

 private:
  Op op_;
  std::uint64_t nth_;
  bool real_syncs_;
  std::atomic<std::uint64_t> writes_{0}, syncs_{0};
  std::atomic<bool> fired_{false};
  std::atomic<bool> dead_{false};
  std::mutex files_mutex_;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> files_;  // name -> written, synced
};

}  // namespace kiosque::test
