// Driving a real `kiosque watch` process, and looking at its data folder while it runs.
#pragma once

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "folder/data_folder.h"
#include "test_support.h"

using kiosque::tools::DataFolder;

namespace kiosque::test {

class WatchProcess {
 public:
  // Starts `kiosque --data DATA watch ARGS...` with `env` added to its environment, its output
  // appended to DATA/../watch.log.
  WatchProcess(const std::filesystem::path& data, const std::vector<std::string>& args = {},
               const std::map<std::string, std::string>& env = {});
  ~WatchProcess();  // SIGKILL if still running
  WatchProcess(const WatchProcess&) = delete;
  WatchProcess& operator=(const WatchProcess&) = delete;

  int pid() const { return pid_; }
  // Sends `signal` and waits for the process; returns its exit status (-1 if a signal ended it).
  // SIGTERM and SIGINT are sent once the watch logs that it is watching: earlier, they would
  // find the default handlers still in place.
  int stop(int signal = SIGTERM);
  // What this process logged.
  std::string log() const;

 private:
  std::filesystem::path log_;
  std::size_t log_start_;
  int pid_;
};

// A data folder in a temporary directory with its inbox made; k(ARGS) runs `kiosque --data DATA
// ARGS`.
struct TestFolder {
  TempDir dir;
  std::filesystem::path data = dir / "data";
  std::filesystem::path inbox = DataFolder{data}.inbox();
  TestFolder();
  ProcessResult k(std::vector<std::string> args) const;
  // Articles in the archive (kiosque stats), 0 when it cannot be read.
  std::uint64_t archived() const;
  // Nothing waits in the inbox nor in staging/.
  bool inbox_empty() const;
};

// Polls `done` every 20 ms until it holds or `timeout` passes; returns its last answer.
bool wait_until(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Writes `bytes` to `path` in two pieces with a pause between, as a slow writer would.
void write_in_pieces(const std::filesystem::path& path, const std::string& bytes);

// True when nothing waits in DATA/inbox nor in DATA/staging: every file dropped was dealt with.
bool intake_done(const std::filesystem::path& data);

// Every non-folder entry under `folder`, the hidden and temporary ones too.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& folder);

// Reading the index the way a searcher does, while a writer may be committing.
std::uint64_t index_documents(const std::filesystem::path& data);
// How many index documents hold article `hex_id`.
std::uint64_t index_copies(const std::filesystem::path& data, const std::string& hex_id);

// The article id a file's content hashes to (empty when the file would be refused).
std::string article_id_of(const std::filesystem::path& file);

}  // namespace kiosque::test
