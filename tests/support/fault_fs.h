// A RocksDB file system that fails the Nth write or the Nth sync, through RocksDB's public
// FileSystemWrapper: the way LevelDB's and RocksDB's own fault-injection tests break storage.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>

namespace kiosque::test {

class FaultFs : public rocksdb::FileSystemWrapper {
 public:
  enum class Op { write, sync };

  // Fails the `nth` (1-based) operation of kind `op`; 0 never fails.
  FaultFs(Op op, std::uint64_t nth);
  const char* Name() const override { return "KiosqueFaultFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;

  // Counts an operation; true when this one must fail.
  bool should_fail(Op op);
  std::uint64_t writes() const { return writes_; }
  std::uint64_t syncs() const { return syncs_; }
  bool fired() const { return fired_; }

  // An Env over this file system, for StoreOptions::env.
  static std::unique_ptr<rocksdb::Env> env(const std::shared_ptr<FaultFs>& fs);

 private:
  Op op_;
  std::uint64_t nth_;
  std::atomic<std::uint64_t> writes_{0}, syncs_{0};
  std::atomic<bool> fired_{false};
};

}  // namespace kiosque::test
