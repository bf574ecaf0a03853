#include "watch/alert_checker.h"

#include <algorithm>
#include <chrono>

#include "alerts/alert_command.h"
#include "kiosque/base/clock.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

namespace {

constexpr std::size_t kLogChunk = 1000;

}  // namespace

AlertChecker::AlertChecker(const DataFolder& folder, const archive::Store& store, const Log& log,
                           AlertCheckerConfig config)
    : folder_(folder), files_(folder), store_(store), log_(log), config_(config) {
  if (auto matches = files_.all_matches()) {
    for (const AlertMatch& m : *matches) logged_.emplace(m.alert, m.id.hex());
  }
  thread_ = std::jthread([this] { run(); });
}

AlertChecker::~AlertChecker() { finish(); }

void AlertChecker::indexed(std::uint64_t seq) {
  {
    std::lock_guard lock(mutex_);
    if (seq <= target_) return;
    target_ = seq;
  }
  wake_.notify_one();
}

void AlertChecker::finish() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool AlertChecker::finishing() const {
  std::lock_guard lock(mutex_);
  return finishing_;
}

void AlertChecker::run() {
  std::uint64_t done = 0;
  for (;;) {
    std::uint64_t target;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return finishing_ || target_ > done; });
      if (finishing_) return;
      target = target_;
    }
    check_up_to(target);
    done = target;
  }
}

void AlertChecker::check_up_to(std::uint64_t seq) {
  auto alerts = files_.load();
  if (!alerts) {
    log_.warn("alerts not checked: {}", alerts.error().message);
    return;
  }
  auto checked = files_.checked();
  if (!checked) {
    log_.warn("alerts not checked: {}", checked.error().message);
    return;
  }
  if (alerts->empty()) {
    if (*checked < seq) (void)files_.set_checked(seq);
    return;
  }
  std::uint64_t from = *checked;
  std::uint64_t earliest = seq;
  for (const SavedAlert& a : *alerts) earliest = std::min(earliest, a.after_seq);
  from = std::max(from, earliest);
  auto searcher = indexer::Searcher::open(folder_.index());
  if (!searcher) {
    log_.warn("alerts not checked: {}", searcher.error().message);
    return;
  }
  while (from < seq && !finishing()) {
    auto entries = store_.read_log(from, kLogChunk);
    if (!entries) {
      log_.warn("alerts not checked: {}", entries.error().message);
      return;
    }
    std::erase_if(*entries, [&](const archive::LogEntry& e) { return e.seq > seq; });
    if (entries->empty()) break;
    for (const SavedAlert& alert : *alerts) {
      indexer::SearchRequest request;
      request.query = alert.query;
      request.since = alert.since;
      for (const archive::LogEntry& e : *entries) {
        if (e.seq > alert.after_seq) request.among.push_back(e.id);
      }
      if (request.among.empty()) continue;
      request.limit = request.among.size();
      request.snippets = false;  // a match is logged with its title, never a snippet
      auto found = (*searcher)->search(request, store_);
      if (!found) {
        log_.warn("alert {}: {}", alert.name, found.error().message);
        continue;
      }
      for (const indexer::SearchHit& hit : found->hits) {
        if (!logged_.emplace(alert.name, hit.article.id.hex()).second) continue;
        const archive::FiledDate filed = archive::filed_date(hit.article);
        AlertMatch match{.alert = alert.name,
                         .id = hit.article.id,
                         .seq = hit.article.seq,
                         .title = hit.article.content.title,
                         .date = filed.date.to_string(),
                         .date_kind = std::string(filed.kind_name()),
                         .source = hit.article.content.source,
                         .url = hit.article.content.meta.url,
                         .at_ms = base::unix_ms_now()};
        if (auto appended = files_.append(match); !appended) {
          log_.warn("alert {}: {}", alert.name, appended.error().message);
          continue;
        }
        log_.info("alert {}: article {} matches{}", alert.name, match.id.hex().substr(0, 12),
                  match.title.empty() ? "" : " (" + match.title + ")");
        if (!alert.command.empty()) run_command_for(alert, match);
      }
    }
    from = entries->back().seq;
    if (auto saved = files_.set_checked(from); !saved) {
      log_.warn("alerts: {}", saved.error().message);
      return;
    }
  }
}

void AlertChecker::run_command_for(const SavedAlert& alert, const AlertMatch& match) {
  CommandRun command{.argv = alert.command,
                     .env = {{"KIOSQUE_ALERT", alert.name},
                             {"KIOSQUE_QUERY", alert.query},
                             {"KIOSQUE_ID", match.id.hex()},
                             {"KIOSQUE_TITLE", match.title},
                             {"KIOSQUE_DATE", match.date},
                             {"KIOSQUE_DATE_KIND", match.date_kind},
                             {"KIOSQUE_SOURCE", match.source},
                             {"KIOSQUE_URL", match.url},
                             {"KIOSQUE_DATA", folder_.root.string()}},
                     .output = files_.commands_log(),
                     .timeout = config_.command_timeout};
  auto wait = config_.retry_after;
  for (int attempt = 1;; ++attempt) {
    auto status = run_command(command);
    if (status && *status == 0) return;
    const std::string why =
        status ? fmt::format("exit status {}", *status) : status.error().message;
    if (attempt >= config_.attempts || (!status && status.error().code == Errc::not_found)) {
      log_.warn("alert {}: the command failed for article {} ({}), {} times; given up", alert.name,
                match.id.hex().substr(0, 12), why, attempt);
      return;
    }
    log_.warn("alert {}: the command failed for article {} ({}); trying again in {} ms", alert.name,
              match.id.hex().substr(0, 12), why, wait.count());
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, wait, [&] { return finishing_; })) return;
    wait *= 2;
  }
}

}  // namespace kiosque::tools
