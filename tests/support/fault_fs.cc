#include "fault_fs.h"

#include <filesystem>

namespace kiosque::test {

namespace {

class FaultFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultFile(std::unique_ptr<rocksdb::FSWritableFile> file, FaultFs* fs, std::string name)
      : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), name_(std::move(name)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return fs_->injected();
    fs_->appended(name_, data.size());
    return FSWritableFileOwnerWrapper::Append(data, o, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return fs_->injected();
    fs_->appended(name_, data.size());
    return FSWritableFileOwnerWrapper::Append(data, o, info, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& o,
                                     rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return fs_->injected();
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& o,
                                     const rocksdb::DataVerificationInfo& info,
                                     rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::write)) return fs_->injected();
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, info, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::sync)) return fs_->injected();
    fs_->synced(name_);
    if (!fs_->real_syncs()) return FSWritableFileOwnerWrapper::Flush(o, dbg);
    return FSWritableFileOwnerWrapper::Sync(o, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fs_->should_fail(FaultFs::Op::sync)) return fs_->injected();
    fs_->synced(name_);
    if (!fs_->real_syncs()) return FSWritableFileOwnerWrapper::Flush(o, dbg);
    return FSWritableFileOwnerWrapper::Fsync(o, dbg);
  }

 private:
  FaultFs* fs_;
  std::string name_;
};

// A folder whose fsyncs return at once (FaultFs without real syncs).
class QuickDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  using FSDirectoryWrapper::FSDirectoryWrapper;
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions&, rocksdb::IODebugContext*,
                                        const rocksdb::DirFsyncOptions&) override {
    return rocksdb::IOStatus::OK();
  }
};

}  // namespace

rocksdb::IOStatus FaultFs::NewDirectory(const std::string& name, const rocksdb::IOOptions& io_opts,
                                        std::unique_ptr<rocksdb::FSDirectory>* result,
                                        rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSDirectory> dir;
  auto s = target()->NewDirectory(name, io_opts, &dir, dbg);
  if (!s.ok()) return s;
  if (real_syncs_) {
    *result = std::move(dir);
  } else {
    result->reset(new QuickDirectory(std::move(dir)));
  }
  return s;
}

FaultFs::FaultFs(Op op, std::uint64_t nth, bool real_syncs)
    : FileSystemWrapper(rocksdb::FileSystem::Default()),
      op_(op),
      nth_(nth),
      real_syncs_(real_syncs) {}

rocksdb::IOStatus FaultFs::injected() const {
  return op_ == Op::write_no_space
             ? rocksdb::IOStatus::NoSpace("injected fault: no space left on device")
             : rocksdb::IOStatus::IOError("injected fault");
}

bool FaultFs::should_fail(Op op) {
  if (dead_) return true;
  const std::uint64_t n = op == Op::write ? ++writes_ : ++syncs_;
  const Op kind = op_ == Op::write_no_space ? Op::write : op_;
  if (op != kind || n != nth_) return false;
  fired_ = true;
  return true;
}

rocksdb::IOStatus FaultFs::NewWritableFile(const std::string& fname,
                                           const rocksdb::FileOptions& options,
                                           std::unique_ptr<rocksdb::FSWritableFile>* result,
                                           rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  auto s = target()->NewWritableFile(fname, options, &file, dbg);
  if (s.ok()) {
    track(fname, 0);
    result->reset(new FaultFile(std::move(file), this, fname));
  }
  return s;
}

rocksdb::IOStatus FaultFs::ReopenWritableFile(const std::string& fname,
                                              const rocksdb::FileOptions& options,
                                              std::unique_ptr<rocksdb::FSWritableFile>* result,
                                              rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  std::error_code ec;
  const auto existing = std::filesystem::file_size(fname, ec);
  auto s = target()->ReopenWritableFile(fname, options, &file, dbg);
  if (s.ok()) {
    track(fname, ec ? 0 : existing);
    result->reset(new FaultFile(std::move(file), this, fname));
  }
  return s;
}

void FaultFs::cut_power() { dead_ = true; }

void FaultFs::track(const std::string& file, std::uint64_t durable_bytes) {
  std::lock_guard lock(files_mutex_);
  files_[file] = {durable_bytes, durable_bytes};
}

void FaultFs::appended(const std::string& file, std::uint64_t bytes) {
  std::lock_guard lock(files_mutex_);
  files_[file].first += bytes;
}

void FaultFs::synced(const std::string& file) {
  std::lock_guard lock(files_mutex_);
  auto& f = files_[file];
  f.second = f.first;
}

void FaultFs::drop_unsynced() {
  std::lock_guard lock(files_mutex_);
  for (const auto& [name, sizes] : files_) {
    std::error_code ec;
    if (std::filesystem::exists(name, ec) && std::filesystem::file_size(name, ec) > sizes.second) {
      std::filesystem::resize_file(name, sizes.second, ec);
    }
  }
}

std::unique_ptr<rocksdb::Env> FaultFs::env(const std::shared_ptr<FaultFs>& fs) {
  return rocksdb::NewCompositeEnv(fs);
}

}  // namespace kiosque::test
