// The watch service in-process (watch/watch_service.h): driven by a ManualControl and logging to
// a sink the test reads, so that the test waits on the service's own events rather than on time.
#include "watch/watch_service.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "folder/data_folder.h"
#include "folder/read_snapshot.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::Errc;
using kiosque::Result;
using kiosque::test::count_of;
using kiosque::test::read_file;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::write_file;
namespace tools = kiosque::tools;

namespace {

// Every line the service logs, and a wait for the one a test expects.
class LogLines {
 public:
  tools::LogSink sink() {
    return [this](std::string_view level, std::string_view text) {
      {
        std::lock_guard lock(mutex_);
        all_ += std::string(level) + std::string(text) + "\n";
      }
      changed_.notify_all();
    };
  }
  // Waits until the log holds `text` at least `times` times; false after a minute without.
  bool wait_for(const std::string& text, std::size_t times = 1) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(60),
                             [&] { return count_of(all_, text) >= times; });
  }
  std::string all() const {
    std::lock_guard lock(mutex_);
    return all_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string all_;
};

// A service running on its own thread until stopped.
class RunningService {
 public:
  RunningService(tools::WatchConfig config, tools::Verbosity verbosity = tools::Verbosity::verbose)
      : config_(std::move(config)), log_(verbosity, lines.sink()) {
    thread_ = std::thread([this] { result_ = tools::run_watch(config_, control, log_); });
  }
  ~RunningService() { (void)stop(); }
  RunningService(const RunningService&) = delete;
  RunningService& operator=(const RunningService&) = delete;

  Result<void> stop() {
    if (thread_.joinable()) {
      control.stop();
      thread_.join();
    }
    return result_;
  }

  LogLines lines;
  tools::ManualControl control;

 private:
  tools::WatchConfig config_;
  tools::Log log_;
  Result<void> result_;
  std::thread thread_;
};

std::uint64_t searchable(const tools::DataFolder& folder, const std::string& query) {
  std::uint64_t found = 0;
  auto read = tools::read_snapshot(folder, tools::IndexNeed::required,
                                   [&](const tools::ReaderSnapshot& s) -> Result<void> {
                                     kiosque::indexer::SearchRequest request;
                                     request.query = query;
                                     auto results = s.index()->search(request, s.archive());
                                     if (!results) return kiosque::propagate(results);
                                     found = results->estimated_total;
                                     return {};
                                   });
  return read ? found : 0;
}

tools::WatchConfig config_for(const tools::DataFolder& folder) {
  tools::WatchConfig config;
  config.folder = folder;
  return config;
}

}  // namespace

TEST_CASE("the watch service in-process: seeds in, searchable, a rescan request, a clean stop",
          "[watch][service]") {
  TempDir dir;
  const tools::DataFolder folder{dir / "data"};
  REQUIRE(folder.create());
  RunningService service(config_for(folder));
  REQUIRE(service.lines.wait_for("watching "));
  for (const auto& seed : seed_paths())
    write_file(folder.inbox() / seed.filename(), read_file(seed));
  REQUIRE(service.lines.wait_for("added ", seed_paths().size()));
  REQUIRE(kiosque::test::wait_until([&] { return searchable(folder, "Goïta") >= 3; }));

  service.control.rescan();
  REQUIRE(service.lines.wait_for("a rescan request: rescanning the inbox"));
  REQUIRE(service.stop());
  const std::string log = service.lines.all();
  CHECK_THAT(log, Catch::Contains("stopping on a stop request"));
  CHECK_THAT(log, Catch::Contains(fmt::format("stopped: {} added", seed_paths().size())));
  CHECK(count_of(log, "error: ") == 0);
  CHECK(kiosque::test::intake_done(folder.root));
}

TEST_CASE("a second watch service on one data folder is refused, and the first goes on",
          "[watch][service]") {
  TempDir dir;
  const tools::DataFolder folder{dir / "data"};
  RunningService first(config_for(folder));
  REQUIRE(first.lines.wait_for("watching "));
  tools::ManualControl control;
  const tools::Log quiet(tools::Verbosity::quiet, [](std::string_view, std::string_view) {});
  const auto second = tools::run_watch(config_for(folder), control, quiet);
  REQUIRE_FALSE(second);
  CHECK(second.error().code == Errc::busy);
  write_file(folder.inbox() / "a.txt", read_file(seed_paths()[0]));
  CHECK(first.lines.wait_for("added "));
  CHECK(first.stop());
}

TEST_CASE("the watch service pauses below its free-space floor and says so once",
          "[watch][service][disk]") {
  TempDir dir;
  const tools::DataFolder folder{dir / "data"};
  REQUIRE(folder.create());
  const auto free = tools::free_bytes(folder.root);
  REQUIRE(free.has_value());
  // A floor above what any disk here has free: every batch waits.
  tools::WatchConfig config = config_for(folder);
  config.min_free = *free * 4;
  RunningService service(config);
  REQUIRE(service.lines.wait_for("watching "));
  write_file(folder.inbox() / "a.txt", read_file(seed_paths()[0]));
  REQUIRE(service.lines.wait_for("intake paused: only"));
  // Two attempts to resume, each refused: the file stays where it was, untouched.
  REQUIRE(service.lines.wait_for("still cannot write", 2));
  CHECK(std::filesystem::exists(folder.inbox() / "a.txt"));
  CHECK(count_of(service.lines.all(), "added ") == 0);
  CHECK(count_of(service.lines.all(), "intake paused") == 1);
  CHECK(service.stop());
}
