#include "inbox_intake.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

#include "file_disposal.h"
#include "inbox_scan.h"
#include "terminal.h"

namespace kiosque::tools {

namespace {

std::string local_time_now() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %z", &local);
  return text;
}

std::string reason_text(const std::string& name, const Error& error) {
  std::string text = fmt::format("file: {}\nrefused: {}\nreason: {}\n", name, local_time_now(), error.message);
  if (!error.hint.empty()) text += fmt::format("hint: {}\n", error.hint);
  return text;
}

class Disposer {
 public:
  Disposer(const IntakeConfig& config, const Log& log, IntakeCounts& counts)
      : config_(config), log_(log), counts_(counts) {}

  void operator()(const archive::FileOutcome& outcome) {
    const std::filesystem::path& path = *outcome.path;
    const std::string name = printable_name(path.lexically_relative(config_.folder.inbox()).string());
    if (!*outcome.result) {
      refuse(path, name, outcome.result->error());
      return;
    }
    const archive::PutOutcome& put = **outcome.result;
    const std::string id = put.id.hex().substr(0, 12);
    counts_.bytes += outcome.bytes;
    switch (put.status) {
      case archive::PutStatus::added:
        ++counts_.added;
        log_.info("added {} {}", id, name);
        break;
      case archive::PutStatus::duplicate:
        ++counts_.duplicates;
        log_.info("duplicate {}: already archived as {}", name, id);
        break;
      case archive::PutStatus::new_raw_version:
        ++counts_.new_raw_versions;
        log_.info("new raw version {}: same text as {}, other bytes", name, id);
        break;
    }
    clear(path, name);
  }

 private:
  // The archive holds the file's exact bytes now.
  void clear(const std::filesystem::path& path, const std::string& name) {
    if (config_.keep) {
      if (auto moved = move_aside(path, config_.folder.inbox(), config_.folder.processed()); !moved) {
        log_.warn("{} is archived but stays in the inbox: {}", name, moved.error().message);
      }
      return;
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      log_.warn("{} is archived but stays in the inbox: cannot remove it: {}", name, std::strerror(errno));
    }
  }

  void refuse(const std::filesystem::path& path, const std::string& name, const Error& error) {
    if (!entry_exists(path)) {
      ++counts_.skipped;
      log_.detail("{} was removed before it could be read", name);
      return;
    }
    ++counts_.rejected;
    auto moved = move_aside(path, config_.folder.inbox(), config_.folder.rejected(), reason_text(name, error));
    if (!moved) {
      log_.error("refused {}: {}; it stays in the inbox, for it cannot be moved to rejected/: {}", name,
                 error.message, moved.error().message);
      return;
    }
    log_.notice("rejected {}: {} (see {}.reason)", name, error.message,
                printable_name(moved->lexically_relative(config_.folder.root).string()));
  }

  const IntakeConfig& config_;
  const Log& log_;
  IntakeCounts& counts_;
};

constexpr auto kEmptyGrace = std::chrono::seconds(2);

bool is_fresh_and_empty(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0) return false;
  const auto modified = std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  return std::chrono::system_clock::now() - modified < kEmptyGrace;
}

}  // namespace

Result<IntakeCounts> take_in(archive::Store& store, std::span<const std::filesystem::path> files,
                             const IntakeConfig& config, const Log& log) {
  IntakeCounts counts;
  std::vector<std::filesystem::path> ready;
  ready.reserve(files.size());
  for (const auto& path : files) {
    if (!entry_exists(path)) {
      ++counts.skipped;
    } else if (is_fresh_and_empty(path)) {
      // Most likely created a moment ago and about to be written: looked at again shortly, and
      // refused as empty only once it has stayed empty for a while.
      counts.retry.push_back(path);
    } else if (is_being_written(path)) {
      ++counts.skipped;
      log.detail("{} is still being written; it is taken when closed",
                 printable_name(path.lexically_relative(config.folder.inbox()).string()));
    } else {
      ready.push_back(path);
    }
  }
  auto ingested = archive::ingest_files(store, ready, config.ingest, Disposer(config, log, counts));
  if (!ingested) return std::unexpected(ingested.error());
  return counts;
}

}  // namespace kiosque::tools
