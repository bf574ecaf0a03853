#include "watch_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"

using kiosque::tools::DataFolder;

namespace kiosque::test {

WatchProcess::WatchProcess(const std::filesystem::path& data, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env)
    : log_(data.parent_path() / "watch.log"), log_start_(read_file(log_).size()) {
  std::vector<std::string> all{"--data", data.string(), "watch"};
  all.insert(all.end(), args.begin(), args.end());
  pid_ = spawn_kiosque(all, env, log_);
}

WatchProcess::~WatchProcess() {
  if (pid_ > 0) (void)stop(SIGKILL);
}

int WatchProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  int status = 0;
  bool ended = false;
  if (signal != SIGKILL) {
    (void)wait_until([&] {
      ended = ::waitpid(pid_, &status, WNOHANG) == pid_;
      return ended || log().find(" watching ") != std::string::npos;
    });
  }
  if (!ended) {
    ::kill(pid_, signal);
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string WatchProcess::log() const { return read_file(log_).substr(log_start_); }

TestFolder::TestFolder() { std::filesystem::create_directories(inbox); }

ProcessResult TestFolder::k(std::vector<std::string> args) const {
  args.insert(args.begin(), {"--data", data.string()});
  return run_kiosque(args);
}

std::uint64_t TestFolder::archived() const {
  const auto r = k({"stats", "--json"});
  return r.exit_code == 0 ? nlohmann::json::parse(r.out)["archive"]["articles"].get<std::uint64_t>()
                          : 0;
}

bool TestFolder::inbox_empty() const { return intake_done(data); }

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

void write_in_pieces(const std::filesystem::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path.string());
  const std::size_t half = bytes.size() / 2;
  bool ok = ::write(fd, bytes.data(), half) == static_cast<ssize_t>(half);
  ::usleep(3000);
  ok = ok && ::write(fd, bytes.data() + half, bytes.size() - half) ==
                 static_cast<ssize_t>(bytes.size() - half);
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path.string());
}

bool intake_done(const std::filesystem::path& data) {
  return files_under(DataFolder{data}.inbox()).empty() &&
         files_under(DataFolder{data}.staging()).empty();
}

std::vector<std::filesystem::path> files_under(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_directory(type_ec) || it->is_symlink(type_ec)) out.push_back(it->path());
  }
  return out;
}

std::uint64_t index_documents(const std::filesystem::path& data) {
  try {
    return Xapian::Database((DataFolder{data}.index()).string()).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;  // not created yet, or a commit landed while opening: the caller polls again
  }
}

std::uint64_t index_copies(const std::filesystem::path& data, const std::string& hex_id) {
  Xapian::Database db((DataFolder{data}.index()).string());
  return db.get_termfreq("Q" + hex_id);
}

std::string article_id_of(const std::filesystem::path& file) {
  auto prepared = archive::prepare_file(file, archive::IngestConfig{});
  return prepared ? prepared->id.hex() : std::string();
}

}  // namespace kiosque::test
