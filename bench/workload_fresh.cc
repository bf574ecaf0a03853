// fresh: `kiosque watch` runs on a data folder of the corpus while articles are dropped into
// its inbox at a steady rate; each one's latency runs from the close of its file to the moment
// the index a search opens holds it. Every dropped article carries one marker word of its own
// (letters only, "kqsonde…"), and a reader here reopens the index every 2 ms to look for its stem
// term, the one a search for it looks up.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "kiosque/indexer/analyser.h"
#include "sample_stats.h"
#include "schema.h"
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

std::uint64_t documents(const std::filesystem::path& index) {
  try {
    return Xapian::Database(index.string()).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// A backlog: `count` new articles written beside the inbox, then moved in all at once. Reports
// when the first and the last became searchable, and the longest stretch in which nothing new
// did: a watch that indexes a backlog in one piece shows nothing until it is all done.
nlohmann::json run_burst(const std::filesystem::path& data, const ParagraphPool& pool,
                         std::size_t count, BenchContext& context) {
  if (count == 0) return nullptr;
  context.say(fmt::format("fresh: a burst of {} files moved into the inbox at once", count));
  const auto waiting = data / "burst";
  std::filesystem::create_directories(waiting);
  for (std::size_t i = 0; i < count; ++i) {
    write_closed(waiting / fmt::format("burst-{:06}.txt", i), pool.article(20'000'000 + i));
  }
  const auto index = DataFolder{data}.index();
  const std::uint64_t before = documents(index);
  const auto start = Clock::now();
  for (std::size_t i = 0; i < count; ++i) {
    const auto name = fmt::format("burst-{:06}.txt", i);
    std::filesystem::rename(waiting / name, DataFolder{data}.inbox() / name);
  }
  const auto moved = Clock::now();
  // Done once the inbox and staging/ are empty and the index has not grown for two seconds (a
  // recombined article can repeat another, so the count of new documents is not known ahead).
  const auto empty = [](const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::directory_iterator(dir, ec) == std::filesystem::directory_iterator();
  };
  double first_ms = -1, last_ms = -1, longest_gap_ms = 0;
  auto last_change = start;
  std::uint64_t seen = before;
  for (;;) {
    const std::uint64_t now_docs = documents(index);
    const auto now = Clock::now();
    if (now_docs > seen) {
      const double ms = std::chrono::duration<double, std::milli>(now - start).count();
      if (first_ms < 0) first_ms = ms;
      last_ms = ms;
      longest_gap_ms = std::max(
          longest_gap_ms, std::chrono::duration<double, std::milli>(now - last_change).count());
      last_change = now;
      seen = now_docs;
    }
    const bool drained = empty(DataFolder{data}.inbox()) && empty(DataFolder{data}.staging());
    if ((drained && now - last_change > std::chrono::seconds(2)) ||
        now - last_change > std::chrono::seconds(120))
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::filesystem::remove_all(waiting);
  return {{"files", count},
          {"move_ms", std::chrono::duration<double, std::milli>(moved - start).count()},
          {"indexed", seen - before},
          {"first_searchable_ms", first_ms},
          {"last_searchable_ms", last_ms},
          {"longest_gap_ms", longest_gap_ms}};
}

}  // namespace

nlohmann::json run_fresh(BenchContext& context) {
  const auto& s = context.settings;
  const auto source = populated_folder(context);
  const auto data = s.work / "fresh";
  std::filesystem::remove_all(data);
  std::filesystem::copy(source, data, std::filesystem::copy_options::recursive);
  const std::size_t count =
      std::max<std::size_t>(1, static_cast<std::size_t>(s.fresh_rate * s.fresh_seconds));
  context.say(fmt::format("fresh: {} articles at {}/s into kiosque watch", count, s.fresh_rate));

  const auto log = s.work / "fresh-watch.log";
  std::filesystem::remove(log);
  const pid_t watch = start_process({s.kiosque.string(), "--data", data.string(), "watch"}, log);
  const auto ready_by = Clock::now() + std::chrono::seconds(60);
  while (!log_says(log, " watching ") && Clock::now() < ready_by)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));

  const ParagraphPool pool(list_articles(context.corpus.dir));
  std::vector<Clock::time_point> closed(count);
  std::vector<double> latency_ms(count, -1);
  std::mutex mutex;
  std::size_t dropped = 0;

  std::vector<std::string> marker_terms;
  indexer::FrenchAnalyser analyser;
  for (std::size_t i = 0; i < count; ++i)
    marker_terms.push_back(std::string(indexer::schema::kStem) + analyser.stem(marker(i)));

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
          db = Xapian::Database(DataFolder{data}.index().string());
          open = true;
        } else {
          db.reopen();
        }
        const auto now = Clock::now();
        for (std::size_t i = next; i < available; ++i) {
          if (latency_ms[i] < 0 && db.term_exists(marker_terms[i])) {
            latency_ms[i] = std::chrono::duration<double, std::milli>(now - closed[i]).count();
          }
        }
        while (next < available && latency_ms[next] >= 0) ++next;
      } catch (const Xapian::Error&) {
        open = false;  // a commit replaced what we had open: open afresh
      }
      if (stop.stop_requested() && Clock::now() > closed[count - 1] + std::chrono::seconds(30))
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });

  const auto start = Clock::now();
  for (std::size_t i = 0; i < count; ++i) {
    std::this_thread::sleep_until(
        start + std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(static_cast<double>(i) / s.fresh_rate)));
    // The marker goes first in the body: web boilerplate in a recombined paragraph ("Lire la
    // suite…") rightly cuts what follows it.
    std::string text = pool.article(10'000'000 + i);
    text.insert(text.find("\n\n") + 2, fmt::format("Référence {}.\n", marker(i)));
    write_closed(DataFolder{data}.inbox() / fmt::format("fresh-{:06}.txt", i), text);
    {
      std::lock_guard lock(mutex);
      closed[i] = Clock::now();
      dropped = i + 1;
    }
  }
  reader.request_stop();
  reader.join();
  const nlohmann::json burst = run_burst(data, pool, s.fresh_burst, context);
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
          {"burst", burst},
          {"watch_exit", run.exit_code},
          {"watch_peak_rss_bytes", run.peak_rss_bytes}};
}

}  // namespace kiosque::bench
