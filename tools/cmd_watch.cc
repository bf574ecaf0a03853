// kiosque watch: take in every article dropped into the inbox, until stopped.
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <set>

#include "commands.h"
#include "data_folder.h"
#include "inbox_intake.h"
#include "inbox_scan.h"
#include "inbox_staging.h"
#include "inbox_watcher.h"
#include "index_follower.h"
#include "log.h"
#include "terminal.h"
#include "watch_lock.h"

namespace kiosque::tools {

namespace {

using Clock = std::chrono::steady_clock;

// Files per intake batch: large enough for group commit to pay off in a burst, small enough
// that a stop request is heard within a fraction of a second.
constexpr std::size_t kBatchFiles = 1000;
// How often a paused intake tries writing again.
constexpr auto kResumeEvery = std::chrono::seconds(1);

struct WatchOptions {
  bool keep = false;
  bool quiet = false;
  bool verbose = false;
  double rescan_seconds = 60;
  std::uint64_t max_size = archive::ReadLimits{}.max_bytes;
  unsigned threads = 0;
  std::uint64_t min_free = 100ull << 20;
};

// Files waiting to be taken in, oldest first, each once.
class PendingFiles {
 public:
  void add(const std::filesystem::path& path) {
    if (known_.insert(path).second) order_.push_back(path);
  }
  void add(const std::vector<std::filesystem::path>& paths) {
    for (const auto& p : paths) add(p);
  }
  bool empty() const { return order_.empty(); }
  std::vector<std::filesystem::path> take(std::size_t max) {
    std::vector<std::filesystem::path> out;
    while (!order_.empty() && out.size() < max) {
      known_.erase(order_.front());
      out.push_back(std::move(order_.front()));
      order_.pop_front();
    }
    return out;
  }

 private:
  std::deque<std::filesystem::path> order_;
  std::set<std::filesystem::path> known_;
};

// SIGINT and SIGTERM (stop), and SIGHUP (rescan), read from a descriptor. Blocked before any
// thread starts, so that every thread RocksDB, Xapian and kiosque start inherits the mask and the
// loop alone sees them. SIGPIPE is ignored: a log nobody reads any more is no reason to stop
// taking articles in.
class WatchSignals {
 public:
  WatchSignals() {
    ::signal(SIGPIPE, SIG_IGN);
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGHUP);
    ::pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    fd_ = ::signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
  }
  ~WatchSignals() {
    if (fd_ >= 0) ::close(fd_);
    ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  WatchSignals(const WatchSignals&) = delete;
  WatchSignals& operator=(const WatchSignals&) = delete;

  int fd() const { return fd_; }
  // The signal received, or 0.
  int received() const {
    signalfd_siginfo info{};
    if (::read(fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) return 0;
    return static_cast<int>(info.ssi_signo);
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
  int fd_ = -1;
};

std::string inbox_name(const DataFolder& folder, const std::filesystem::path& path) {
  return printable_name(path.lexically_relative(folder.inbox()).string());
}

// The exit status of a watch that stopped on an error is the error's; the log says why first.
Result<int> stopped_by(const Log& log, const Error& error) {
  log.error("stopped: {}", error.message);
  return std::unexpected(error);
}

Result<int> run_watch(const GlobalOptions& global, const WatchOptions& options) {
  const Log log(options.quiet ? Verbosity::quiet : options.verbose ? Verbosity::verbose : Verbosity::normal);
  const DataFolder folder = resolve_data_folder(global.data);
  if (auto made = folder.create(); !made) return std::unexpected(made.error());
  const WatchSignals signals;
  if (signals.fd() < 0) return fail(Errc::internal, fmt::format("cannot read signals: {}", std::strerror(errno)));
  auto lock = WatchLock::acquire(folder);
  if (!lock) return std::unexpected(lock.error());

  auto store = archive::Store::open(folder.archive());
  if (!store && store.error().code == Errc::busy) {
    return fail(Errc::busy, store.error().message, "wait for that command to finish, then start the watch");
  }
  if (!store) return stopped_by(log, store.error());
  // What a killed run wrote but did not sync is durable before anything is indexed from it.
  if (auto synced = (*store)->sync(); !synced) return stopped_by(log, synced.error());
  auto writer = open_index_healing(folder.index(), log);
  if (!writer) return stopped_by(log, writer.error());
  auto staging = Staging::open(folder);
  if (!staging) return stopped_by(log, staging.error());
  auto watcher = InboxWatcher::open(folder.inbox());
  if (!watcher) return stopped_by(log, watcher.error());

  const std::uint64_t unindexed = (*store)->last_seq() - std::min((*store)->last_seq(), (*writer)->last_seq());
  IndexFollower follower(**store, std::move(*writer), folder.index(), indexer::UpdaterConfig{}, log);
  follower.advance((*store)->last_seq());
  log.info("watching {} ({} articles archived{})", printable_name(folder.inbox().string()),
           (*store)->last_seq(), unindexed > 0 ? fmt::format(", {} to index", unindexed) : std::string());

  IntakeConfig intake;
  intake.folder = folder;
  intake.keep = options.keep;
  intake.ingest.limits.max_bytes = options.max_size;
  intake.ingest.threads = options.threads;

  PendingFiles pending;
  pending.add(scan_inbox(folder.inbox()));
  // Files a killed run had staged but not finished with come first.
  std::vector<StagedFile> staged = staging->leftovers();
  const auto rescan_every = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(std::max(0.1, options.rescan_seconds)));
  auto next_rescan = Clock::now() + rescan_every;
  IntakeCounts total;
  // A full disk (or another I/O failure of the archive) pauses intake until writing works again.
  bool paused = false;
  auto resume_at = Clock::time_point::max();
  std::vector<std::filesystem::path> retry;  // looked at again at retry_at
  std::vector<StagedFile> waiting;           // staged files a writer still held, likewise
  auto retry_at = Clock::time_point::max();
  Result<void> outcome;
  int stop_signal = 0;

  while (stop_signal == 0) {
    auto events = (*watcher)->read();
    if (!events) {
      outcome = std::unexpected(events.error());
      break;
    }
    for (const std::string& warning : events->warnings) log.warn("{}", warning);
    if (events->inbox_gone) {
      // Deleted or moved away: a new, empty inbox takes its place, for files keep coming.
      auto made = folder.create();
      auto reopened = made ? InboxWatcher::open(folder.inbox()) : Result<std::unique_ptr<InboxWatcher>>(std::unexpected(made.error()));
      if (!reopened) {
        outcome = std::unexpected(reopened.error());
        break;
      }
      watcher = std::move(reopened);
      log.warn("the inbox {} was deleted or moved away: a new one is in its place and watched",
               printable_name(folder.inbox().string()));
      pending.add(scan_inbox(folder.inbox()));
      continue;
    }
    for (const auto& added : events->new_folders) {
      log.detail("new folder {}", inbox_name(folder, added));
      pending.add(scan_inbox(added));
    }
    pending.add(events->files);
    if (events->overflow || Clock::now() >= next_rescan) {
      if (events->overflow) log.warn("inotify's queue overflowed: rescanning the inbox");
      pending.add(scan_inbox(folder.inbox()));
      next_rescan = Clock::now() + rescan_every;
    }
    if (Clock::now() >= retry_at) {
      pending.add(retry);
      retry.clear();
      staged.insert(staged.end(), waiting.begin(), waiting.end());
      waiting.clear();
      retry_at = Clock::time_point::max();
    }
    if (auto failed = follower.failure(); failed) break;
    if (const int received = signals.received(); received == SIGHUP) {
      log.info("SIGHUP: rescanning the inbox");
      pending.add(scan_inbox(folder.inbox()));
      continue;
    } else if (received != 0) {
      stop_signal = received;
      break;
    }

    const bool work = !pending.empty() || !staged.empty();
    // Pause before the disk is full rather than meet ENOSPC in the middle of a write.
    if (!paused && work) {
      if (const auto free = free_bytes(folder.root); free && *free < options.min_free) {
        log.warn("intake paused: only {} free on the disk holding {}, {} needed; files wait in the inbox",
                 human_bytes(*free), printable_name(folder.root.string()), human_bytes(options.min_free));
        paused = true;
        resume_at = Clock::now() + kResumeEvery;
      }
    }
    if (paused && Clock::now() >= resume_at) {
      const auto free = free_bytes(folder.root);
      auto resumed = free && *free < options.min_free
                         ? Result<void>(fail(Errc::no_space, fmt::format("only {} free", human_bytes(*free))))
                         : (*store)->resume();
      if (resumed) {
        paused = false;
        resume_at = Clock::time_point::max();
        log.notice("intake resumed: {} free", human_bytes(free.value_or(0)));
        pending.add(scan_inbox(folder.inbox()));
        staged = staging->leftovers();
        waiting.clear();  // listed again among the leftovers
      } else {
        resume_at = Clock::now() + kResumeEvery;
        log.detail("still cannot write: {}", resumed.error().message);
      }
    }

    if (!paused && work) {
      const auto batch = pending.take(kBatchFiles);
      const auto these_staged = std::exchange(staged, {});
      const auto start = Clock::now();
      auto counts = take_in(**store, *staging, batch, these_staged, intake, log);
      if (!counts && (counts.error().code == Errc::no_space || counts.error().code == Errc::io_error)) {
        // Nothing unacknowledged left the inbox or staging/; the files wait there until writing
        // works, and are found again by the scans that follow the resume.
        log.warn("intake paused: {}; files wait in the inbox until writing works again", counts.error().message);
        paused = true;
        resume_at = Clock::now() + kResumeEvery;
        continue;
      }
      if (!counts) {
        outcome = std::unexpected(counts.error());
        break;
      }
      follower.advance((*store)->last_seq());
      if (!counts->retry.empty() || !counts->waiting.empty()) {
        retry.insert(retry.end(), counts->retry.begin(), counts->retry.end());
        waiting.insert(waiting.end(), counts->waiting.begin(), counts->waiting.end());
        retry_at = std::min(retry_at, Clock::now() + std::chrono::seconds(1));
      }
      log.detail("batch of {} files in {:.1f} ms", batch.size() + these_staged.size(),
                 std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      total.added += counts->added;
      total.duplicates += counts->duplicates;
      total.new_raw_versions += counts->new_raw_versions;
      total.rejected += counts->rejected;
      continue;
    }

    // Wake for inotify, a signal, the rescan timer, or once a second to check on the indexer.
    pollfd fds[2] = {{(*watcher)->fd(), POLLIN, 0}, {signals.fd(), POLLIN, 0}};
    const auto soonest = std::min(retry_at, resume_at);
    const auto wait = std::min<Clock::duration>(
        {next_rescan - Clock::now(), std::chrono::seconds(1),
         soonest == Clock::time_point::max() ? std::chrono::seconds(1) : soonest - Clock::now()});
    const int timeout_ms =
        static_cast<int>(std::max<std::int64_t>(0, std::chrono::ceil<std::chrono::milliseconds>(wait).count()));
    if (::poll(fds, 2, timeout_ms) < 0 && errno != EINTR) {
      outcome = fail(Errc::internal, fmt::format("cannot wait for events: {}", std::strerror(errno)));
      break;
    }
  }

  if (stop_signal != 0) log.info("stopping on {}", ::sigabbrev_np(stop_signal));
  auto indexed = follower.finish();
  const std::uint64_t backlog = follower.backlog();
  log.info("stopped: {} added, {} duplicates, {} new raw versions, {} rejected{}", total.added, total.duplicates,
           total.new_raw_versions, total.rejected,
           backlog > 0 ? fmt::format("; {} articles are indexed at the next start", backlog) : std::string());
  if (!outcome) return stopped_by(log, outcome.error());
  if (!indexed) return stopped_by(log, indexed.error());
  return 0;
}

}  // namespace

void register_watch(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "Take in every article dropped into the data folder's inbox/ until stopped (SIGINT, SIGTERM;\n"
      "SIGHUP rescans the inbox). A file is read once it is closed after writing or moved in\n"
      "(subfolders too; hidden and temporary names such as .x, x~, x.part, x.tmp are left alone until\n"
      "renamed), after one rename into staging/, so that a name rewritten meanwhile is a new file.\n"
      "Once its article is safely on disk, the file is removed (moved to processed/ with --keep); a\n"
      "refused file goes to rejected/ beside NAME.reason. Files already in the inbox or staging/ are\n"
      "taken at start-up. Articles are searchable within a fraction of a second; an article the index\n"
      "refuses is set aside (kiosque verify lists it) and never holds up the others. A damaged index\n"
      "is rebuilt from the archive. One watch per data folder.");
  cmd->add_flag("--keep", options->keep, "Move taken files to processed/ instead of removing them");
  cmd->add_flag("-q,--quiet", options->quiet, "Log only refused files, warnings and errors");
  cmd->add_flag("-v,--verbose", options->verbose, "Also log batches, index commits and rescans");
  cmd->add_option("--rescan", options->rescan_seconds,
                  "Seconds between full scans of the inbox, for what inotify missed (default 60)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS");
  cmd->add_option("--max-size", options->max_size, "Refuse files larger than this (default 16MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  cmd->add_option("--threads", options->threads, "Threads preparing and analysing articles (default: one per core)");
  cmd->add_option("--min-free", options->min_free,
                  "Pause intake while the data folder's disk has less free space than this (default\n"
                  "100MiB); files wait in the inbox, and intake resumes when space returns")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_watch(global, *options); }; });
}

}  // namespace kiosque::tools
