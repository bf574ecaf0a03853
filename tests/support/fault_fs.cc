#include "fault_fs.h"

namespace kiosque::test {

namespace {

class FaultFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultFile(std::unique_ptr<rocksdb::FSWritableFile> file, FaultFs* fs)
      : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return injected();
    return FSWritableFileOwnerWrapper::Append(data, o, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           const rocksdb::DataVerificationInfo& info, rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return injected();
    return FSWritableFileOwnerWrapper::Append(data, o, info, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset, const rocksdb::IOOptions& o,
                                     rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return injected();
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset, const rocksdb::IOOptions& o,
                                     const rocksdb::DataVerificationInfo& info,
                                     rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return injected();
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, info, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::sync)) return injected();
    return FSWritableFileOwnerWrapper::Sync(o, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::sync)) return injected();
    return FSWritableFileOwnerWrapper::Fsync(o, dbg);
  }

 private:
  static rocksdb::IOStatus injected() { return rocksdb::IOStatus::IOError("injected fault"); }
  FaultFs* fs_;
};

}  // namespace

FaultFs::FaultFs(Op op, std::uint64_t nth)
    : FileSystemWrapper(rocksdb::FileSystem::Default()), op_(op), nth_(nth) {}

bool FaultFs::should_fail(Op op) {
  const std::uint64_t n = op == Op::write ? ++writes_ : ++syncs_;
  if (op != op_ || n != nth_) return false;
  fired_ = true;
  return true;
}

rocksdb::IOStatus FaultFs::NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                           std::unique_ptr<rocksdb::FSWritableFile>* result,
                                           rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  auto s = target()->NewWritableFile(fname, options, &file, dbg);
  if (s.ok()) result->reset(new FaultFile(std::move(file), this));
  return s;
}

rocksdb::IOStatus FaultFs::ReopenWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                              std::unique_ptr<rocksdb::FSWritableFile>* result,
                                              rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  auto s = target()->ReopenWritableFile(fname, options, &file, dbg);
  if (s.ok()) result->reset(new FaultFile(std::move(file), this));
  return s;
}

std::unique_ptr<rocksdb::Env> FaultFs::env(const std::shared_ptr<FaultFs>& fs) {
  return rocksdb::NewCompositeEnv(fs);
}

}  // namespace kiosque::test
