// fresh: `kiosque watch` runs on a data folder of the corpus while articles are dropped into
// its inbox at a steady rate; each one's latency runs from the close of its file to the moment
// the index a search opens holds it. Every dropped article carries one marker word of its own
// (letters only, "kqsonde…"), and a reader here reopens the index every 2 ms to look for it.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "sample_stats.h"
#include "workloads.h"

namespace kiosque::bench {

namespace {

using Clock = std::chrono::steady_clock;

std::string marker(std::size_t i) {
  std::string word = "kqsonde";
  for (int d = 0; d < 4; ++d) {
    word += static_cast<char>('a' + i % 26);
    i /= 26;
  }
  return word;
}

void write_closed(const std::filesystem::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    throw std::runtime_error("cannot write " + path.string());
  }
  ::close(fd);
}

bool log_says(const std::filesystem::path& log, const std::string& what) {
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  return s.str().find(what) != std::string::npos;
}

}  // namespace

nlohmann::json run_fresh(BenchContext& context) {
  const auto& s = context.settings;
  const auto source = populated_folder(context);
  const auto data = s.work / "fresh";
  std::filesystem::remove_all(data);
  std::filesystem::copy(source, data, std::filesystem::copy_options::recursive);
  std::filesystem::remove(data / "watch.lock");
  const std::size_t count = std::max<std::size_t>(1, static_cast<std::size_t>(s.fresh_rate * s.fresh_seconds));
  context.say(fmt::format("fresh: {} articles at {}/s into kiosque watch", count, s.fresh_rate));

  const auto log = s.work / "fresh-watch.log";
  std::filesystem::remove(log);
  const pid_t watch = start_process({s.kiosque.string(), "--data", data.string(), "watch"}, log);
  const auto ready_by = Clock::now() + std::chrono::seconds(60);
  while (!log_says(log, " watching ") && Clock::now() < ready_by) std::this_thread::sleep_for(std::chrono::milliseconds(10));

  const ParagraphPool pool(list_articles(context.corpus.dir));
  std::vector<Clock::time_point> closed(count);
  std::vector<double> latency_ms(count, -1);
  std::mutex mutex;
  std::size_t dropped = 0;

  std::jthread reader([&](std::stop_token stop) {
    Xapian::Database db;
    bool open = false;
    std::size_t next = 0;  // oldest article not yet seen
    while (!stop.stop_requested() || next < count) {
      std::size_t available;
      {
        std::lock_guard lock(mutex);
        available = dropped;
      }
      try {
        if (!open) {
          db = Xapian::Database((data / "index").string());
          open = true;
        } else {
          db.reopen();
        }
        const auto now = Clock::now();
        for (std::size_t i = next; i < available; ++i) {
          if (latency_ms[i] < 0 && db.term_exists(marker(i))) {
            latency_ms[i] = std::chrono::duration<double, std::milli>(now - closed[i]).count();
          }
        }
        while (next < available && latency_ms[next] >= 0) ++next;
      } catch (const Xapian::Error&) {
        open = false;  // a commit replaced what we had open: open afresh
      }
      if (stop.stop_requested() && Clock::now() > closed[count - 1] + std::chrono::seconds(30)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });

  const auto start = Clock::now();
  for (std::size_t i = 0; i < count; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(static_cast<double>(i) / s.fresh_rate)));
    // The marker goes first in the body: web boilerplate in a recombined paragraph ("Lire la
    // suite…") rightly cuts what follows it.
    std::string text = pool.article(10'000'000 + i);
    text.insert(text.find("\n\n") + 2, fmt::format("Référence {}.\n", marker(i)));
    write_closed(data / "inbox" / fmt::format("fresh-{:06}.txt", i), text);
    {
      std::lock_guard lock(mutex);
      closed[i] = Clock::now();
      dropped = i + 1;
    }
  }
  reader.request_stop();
  reader.join();
  ::kill(watch, SIGTERM);
  const ProcessRun run = wait_process(watch, start);

  std::vector<double> seen;
  for (double l : latency_ms) {
    if (l >= 0) seen.push_back(l);
  }
  const auto stats = summarise(seen);
  return {{"archive_files", context.corpus.files},
          {"rate_per_s", s.fresh_rate},
          {"dropped", count},
          {"missed", count - seen.size()},
          {"latency_ms", to_json(stats)},
          {"watch_exit", run.exit_code},
          {"watch_peak_rss_bytes", run.peak_rss_bytes}};
}

}  // namespace kiosque::bench
