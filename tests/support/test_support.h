// Shared test support: temporary folders, result assertions, the shared test data, and running
// the real kiosque binary.
#pragma once

#include <rocksdb/db.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "folder/data_folder.h"
#include "kiosque/base/result.h"

namespace kiosque::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // This folder as a data folder: its archive, index, inbox… where kiosque puts them.
  tools::DataFolder folder() const { return {path_}; }

 private:
  std::filesystem::path path_;
};

// ../shared beside the project.
std::filesystem::path shared_dir();
// The seed file whose name starts with `prefix` ("000").
std::filesystem::path seed_path(const std::string& prefix);
std::vector<std::filesystem::path> seed_paths();
// The first `n` corpus articles (all 20,000 with n = 0), sorted.
std::vector<std::filesystem::path> corpus_paths(std::size_t n = 0);

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// Ends the test as skipped: CTest runs each test case in its own process and reads the line
// this prints as "skipped" (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt). Not an exit
// status: Catch's is the number of failed assertions, which could be any small number.
[[noreturn]] void skip_test(const std::string& why);

// How many times `what` occurs in `text` (log lines, say).
std::size_t count_of(const std::string& text, const std::string& what);

// Inverts `count` bytes at `at` in `file`: damage, for the corruption tests.
void invert_bytes(const std::filesystem::path& file, std::uint64_t at, std::size_t count);
// An archive opened with RocksDB directly, behind the store's back, every column family with
// default options: for tests that damage it or look at its files.
class RawArchive {
 public:
  RawArchive(const std::filesystem::path& dir, bool read_only);
  ~RawArchive();
  RawArchive(const RawArchive&) = delete;
  RawArchive& operator=(const RawArchive&) = delete;
  rocksdb::DB& db() { return *db_; }
  rocksdb::ColumnFamilyHandle* family(const std::string& name) const;

 private:
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::DB* db_ = nullptr;
};
// The largest table file of the archive in `archive` holding column family `family` ("articles",
// "raw", …), as RocksDB accounts for its files; empty when the family has none.
std::filesystem::path largest_table(const std::filesystem::path& archive,
                                    const std::string& family);

// Formats an Error for a failed assertion.
std::string describe(const Error& error);

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs the kiosque binary with `args` and extra environment, waiting for it to end.
ProcessResult run_kiosque(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& stdin_data = {});

// Starts the kiosque binary without waiting; returns its pid. Its stdout and stderr go to
// `output` (appended) when given, else nowhere.
int spawn_kiosque(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {},
                  const std::filesystem::path& output = {});

}  // namespace kiosque::test

// Asserts that a Result holds a value, printing the error if it does not.
#define REQUIRE_OK(expr)                                                                          \
  do {                                                                                            \
    const auto& kiosque_result_ = (expr);                                                         \
    INFO((kiosque_result_ ? std::string() : ::kiosque::test::describe(kiosque_result_.error()))); \
    REQUIRE(kiosque_result_.has_value());                                                         \
  } while (false)
