#include "read_only_open.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace kiosque::archive::detail {

namespace {

// Enough for a writer's flush to finish many times over (a few milliseconds each), and a bound
// on how long a reader waits for a writer that flushes without pause.
constexpr int kAttempts = 12;

std::set<std::string> write_ahead_logs(const std::filesystem::path& dir) {
  std::set<std::string> logs;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".log") logs.insert(it->path().filename().string());
  }
  return logs;
}

bool file_went_away(const rocksdb::Status& s) {
  return s.IsPathNotFound() || s.ToString().find("No such file or directory") != std::string::npos;
}

void close(std::vector<rocksdb::ColumnFamilyHandle*>& handles, rocksdb::DB*& db) {
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  handles.clear();
  db->Close().PermitUncheckedError();
  delete db;
  db = nullptr;
}

}  // namespace

rocksdb::Status open_read_only(const rocksdb::DBOptions& options, const std::filesystem::path& dir,
                               const std::vector<rocksdb::ColumnFamilyDescriptor>& families,
                               std::vector<rocksdb::ColumnFamilyHandle*>* handles,
                               rocksdb::DB** db) {
  std::chrono::milliseconds pause(1);
  for (int attempt = 1;; ++attempt) {
    const std::set<std::string> before = write_ahead_logs(dir);
    rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, dir.string(), families, handles, db);
    const bool last = attempt == kAttempts;
    if (!s.ok() && (last || !file_went_away(s))) return s;
    if (s.ok()) {
      if (std::ranges::includes(write_ahead_logs(dir), before)) return s;
      close(*handles, *db);
      if (last) return rocksdb::Status::Busy("a writer kept flushing while the archive was opened");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace kiosque::archive::detail
