#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <rocksdb/db.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace kiosque::test {

TempDir::TempDir() {
  std::random_device rd;
  const auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("kiosque-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path shared_dir() { return KIOSQUE_SHARED_DIR; }

std::vector<std::filesystem::path> seed_paths() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(shared_dir() / "seeds"))
    out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::filesystem::path seed_path(const std::string& prefix) {
  for (const auto& p : seed_paths()) {
    if (p.filename().string().starts_with(prefix)) return p;
  }
  throw std::runtime_error("no seed " + prefix);
}

std::vector<std::filesystem::path> corpus_paths(std::size_t n) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(shared_dir() / "corpus" / "fr-news")) {
    if (e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  if (n != 0 && out.size() > n) out.resize(n);
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void skip_test(const std::string& why) {
  std::fprintf(stderr, "kiosque test skipped: %s\n", why.c_str());
  std::fflush(nullptr);
  std::_Exit(0);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void invert_bytes(const std::filesystem::path& file, std::uint64_t at, std::size_t count) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  for (std::size_t i = 0; i < count; ++i) {
    const auto pos = static_cast<std::streamoff>(at + i);
    f.seekg(pos);
    const char c = static_cast<char>(f.get());
    f.seekp(pos);
    f.put(static_cast<char>(~c));
  }
  if (!f.good()) throw std::runtime_error("cannot damage " + file.string());
}

RawArchive::RawArchive(const std::filesystem::path& dir, bool read_only) {
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names_).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names_) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  const rocksdb::Status s =
      read_only ? rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir.string(), families,
                                               &handles_, &db_)
                : rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles_, &db_);
  REQUIRE(s.ok());
}

RawArchive::~RawArchive() {
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  delete db_;
}

rocksdb::ColumnFamilyHandle* RawArchive::family(const std::string& name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return handles_[i];
  }
  FAIL("no column family " << name);
  return nullptr;
}

std::filesystem::path largest_table(const std::filesystem::path& archive,
                                    const std::string& family) {
  RawArchive raw(archive, true);
  std::vector<rocksdb::LiveFileMetaData> files;
  raw.db().GetLiveFilesMetaData(&files);
  std::filesystem::path biggest;
  std::uint64_t biggest_size = 0;
  for (const auto& f : files) {
    if (f.column_family_name == family && f.size > biggest_size) {
      biggest_size = f.size;
      biggest = archive / f.relative_filename;
    }
  }
  return biggest;
}

std::string describe(const Error& error) {
  return std::string(errc_name(error.code)) + ": " + error.message +
         (error.hint.empty() ? "" : " (hint: " + error.hint + ")");
}

namespace {

struct Argv {
  std::vector<std::string> args, env;
  std::vector<char*> argv, envp;
  Argv(const std::vector<std::string>& a, const std::map<std::string, std::string>& extra) {
    args.push_back(KIOSQUE_BINARY);
    args.insert(args.end(), a.begin(), a.end());
    std::map<std::string, std::string> merged;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      const auto eq = kv.find('=');
      if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    merged.erase("KIOSQUE_DATA");
    for (const auto& [k, v] : extra) merged[k] = v;
    for (const auto& [k, v] : merged) env.push_back(k + "=" + v);
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
  }
};

}  // namespace

int spawn_kiosque(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env,
                  const std::filesystem::path& output) {
  Argv a(args, env);
  const std::string out = output.empty() ? std::string("/dev/null") : output.string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid;
  const int rc =
      posix_spawn(&pid, a.args[0].c_str(), &actions, nullptr, a.argv.data(), a.envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error(std::string("spawn failed: ") + std::strerror(rc));
  return pid;
}

ProcessResult run_kiosque(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          const std::string& stdin_data) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(in_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  Argv a(args, env);
  pid_t pid;
  const int rc =
      posix_spawn(&pid, a.args[0].c_str(), &actions, nullptr, a.argv.data(), a.envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(in_pipe[0]);
  if (rc != 0) throw std::runtime_error(std::string("spawn failed: ") + std::strerror(rc));

  std::size_t written = 0;
  while (written < stdin_data.size()) {
    const ssize_t n = write(in_pipe[1], stdin_data.data() + written, stdin_data.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(in_pipe[1]);

  ProcessResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace kiosque::test
