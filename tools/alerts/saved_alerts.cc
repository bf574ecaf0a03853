#include "alerts/saved_alerts.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <utility>

#include "folder/os_error.h"

namespace kiosque::tools {

namespace {

constexpr int kSchema = 1;

Result<void> ensure_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return fail(Errc::io_error, fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  return {};
}

Result<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::string();
    return std::unexpected(os_error(errno, "read", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `text` to `path` so that a reader sees the old file or the new one, whole, even after a
// power cut.
Result<void> replace_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(os_error(errno, "write", tmp));
  const char* at = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, at, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error e = os_error(errno, "write", tmp);
      ::close(fd);
      return std::unexpected(e);
    }
    at += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return std::unexpected(os_error(errno, "sync", tmp));
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return std::unexpected(os_error(errno, "replace", path));
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

// Holds alerts/lock for a change to saved.json.
class ChangeLock {
 public:
  static Result<ChangeLock> take(const std::filesystem::path& dir) {
    const auto path = dir / "lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return std::unexpected(os_error(errno, "open", path));
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno != EINTR) {
        Error e = os_error(errno, "lock", path);
        ::close(fd);
        return std::unexpected(e);
      }
    }
    return ChangeLock(fd);
  }
  ChangeLock(ChangeLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ChangeLock(const ChangeLock&) = delete;
  ChangeLock& operator=(const ChangeLock&) = delete;
  ChangeLock& operator=(ChangeLock&&) = delete;
  ~ChangeLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  explicit ChangeLock(int fd) : fd_(fd) {}
  int fd_;
};

nlohmann::json to_json(const SavedAlert& a) {
  return {{"name", a.name},       {"query", a.query},         {"since", a.since},
          {"command", a.command}, {"after_seq", a.after_seq}, {"created_ms", a.created_ms}};
}

Result<std::vector<SavedAlert>> parse_saved(const std::string& text,
                                            const std::filesystem::path& path) {
  std::vector<SavedAlert> out;
  if (text.empty()) return out;
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.at("schema").get<int>() != kSchema) {
      return fail(Errc::version_mismatch,
                  fmt::format("{} is of schema {}, this kiosque reads {}", path.string(),
                              j.at("schema").dump(), kSchema));
    }
    for (const auto& a : j.at("alerts")) {
      out.push_back({.name = a.at("name"),
                     .query = a.at("query"),
                     .since = a.value("since", ""),
                     .command = a.value("command", std::vector<std::string>{}),
                     .after_seq = a.value("after_seq", std::uint64_t{0}),
                     .created_ms = a.value("created_ms", std::int64_t{0})});
    }
  } catch (const nlohmann::json::exception& e) {
    return fail(Errc::corruption, fmt::format("{} cannot be read: {}", path.string(), e.what()),
                "fix or remove the file; the matches log is kept apart");
  }
  return out;
}

Result<void> save(const std::filesystem::path& path, const std::vector<SavedAlert>& alerts) {
  nlohmann::json list = nlohmann::json::array();
  for (const SavedAlert& a : alerts) list.push_back(to_json(a));
  const nlohmann::json j{{"schema", kSchema}, {"alerts", std::move(list)}};
  return replace_file(path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::optional<AlertMatch> parse_match(std::string_view line) {
  try {
    const auto j = nlohmann::json::parse(line);
    const auto id = archive::Digest::from_hex(j.at("id").get<std::string>());
    if (!id) return std::nullopt;
    return AlertMatch{.alert = j.at("alert"),
                      .id = *id,
                      .seq = j.value("seq", std::uint64_t{0}),
                      .title = j.value("title", ""),
                      .date = j.value("date", ""),
                      .date_kind = j.value("date_kind", ""),
                      .source = j.value("source", ""),
                      .url = j.value("url", ""),
                      .at_ms = j.value("at_ms", std::int64_t{0})};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a line cut short by a crash: the next append starts a new line
  }
}

}  // namespace

Result<void> AlertFiles::check_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 64 &&
                  name.find_first_not_of(
                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789_-") == std::string_view::npos;
  if (!ok) {
    return fail(
        Errc::invalid_argument,
        fmt::format("'{}' cannot name an alert: use letters, digits, - and _ (at most 64)", name));
  }
  return {};
}

Result<std::vector<SavedAlert>> AlertFiles::load() const {
  auto text = read_text(dir_ / "saved.json");
  if (!text) return propagate(text);
  return parse_saved(*text, dir_ / "saved.json");
}

Result<void> AlertFiles::add(const SavedAlert& alert) const {
  if (auto named = check_name(alert.name); !named) return named;
  if (auto made = ensure_dir(dir_); !made) return made;
  auto lock = ChangeLock::take(dir_);
  if (!lock) return propagate(lock);
  auto alerts = load();
  if (!alerts) return propagate(alerts);
  for (const SavedAlert& a : *alerts) {
    if (a.name == alert.name) {
      return fail(Errc::invalid_argument, fmt::format("an alert named '{}' exists", alert.name),
                  "remove it first (kiosque alert remove NAME) or choose another name");
    }
  }
  alerts->push_back(alert);
  return save(dir_ / "saved.json", *alerts);
}

Result<void> AlertFiles::remove(std::string_view name) const {
  if (!std::filesystem::exists(dir_)) {
    return fail(Errc::not_found, fmt::format("there is no alert named '{}'", name));
  }
  auto lock = ChangeLock::take(dir_);
  if (!lock) return propagate(lock);
  auto alerts = load();
  if (!alerts) return propagate(alerts);
  const auto before = alerts->size();
  std::erase_if(*alerts, [&](const SavedAlert& a) { return a.name == name; });
  if (alerts->size() == before) {
    return fail(Errc::not_found, fmt::format("there is no alert named '{}'", name));
  }
  std::error_code ec;
  std::filesystem::remove(dir_ / "seen" / std::string(name), ec);
  return save(dir_ / "saved.json", *alerts);
}

Result<void> AlertFiles::append(const AlertMatch& m) const {
  if (auto made = ensure_dir(dir_); !made) return made;
  const nlohmann::json j{{"alert", m.alert},   {"id", m.id.hex()}, {"seq", m.seq},
                         {"title", m.title},   {"date", m.date},   {"date_kind", m.date_kind},
                         {"source", m.source}, {"url", m.url},     {"at_ms", m.at_ms}};
  // A line cut short by a crash is left behind a line break, so this one starts whole.
  const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const auto path = dir_ / "matches.jsonl";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(os_error(errno, "open", path));
  std::string text = line;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    char last = '\n';
    if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') text = "\n" + line;
  }
  const ssize_t n = ::write(fd, text.data(), text.size());
  if (n != static_cast<ssize_t>(text.size()) || ::fdatasync(fd) != 0) {
    Error e = os_error(errno, "append to", path);
    ::close(fd);
    return std::unexpected(e);
  }
  ::close(fd);
  return {};
}

Result<AlertFiles::Unseen> AlertFiles::unseen(std::string_view name, bool from_start) const {
  Unseen out;
  std::uint64_t start = 0;
  if (!from_start) {
    auto seen = read_text(dir_ / "seen" / std::string(name));
    if (!seen) return propagate(seen);
    start = std::strtoull(seen->c_str(), nullptr, 10);
  }
  auto log = read_text(dir_ / "matches.jsonl");
  if (!log) return propagate(log);
  // Only whole lines: one being appended is read next time.
  const std::size_t end = log->rfind('\n') == std::string::npos ? 0 : log->rfind('\n') + 1;
  if (start > end) start = 0;  // the log was replaced
  std::size_t at = start;
  while (at < end) {
    const std::size_t eol = log->find('\n', at);
    if (auto m = parse_match(std::string_view(*log).substr(at, eol - at)); m && m->alert == name)
      out.matches.push_back(std::move(*m));
    at = eol + 1;
  }
  out.end = end;
  return out;
}

Result<void> AlertFiles::mark_seen(std::string_view name, std::uint64_t end) const {
  if (auto made = ensure_dir(dir_ / "seen"); !made) return made;
  return replace_file(dir_ / "seen" / std::string(name), std::to_string(end) + "\n");
}

Result<std::vector<AlertMatch>> AlertFiles::all_matches() const {
  auto log = read_text(dir_ / "matches.jsonl");
  if (!log) return propagate(log);
  std::vector<AlertMatch> out;
  std::istringstream lines(*log);
  for (std::string line; std::getline(lines, line);) {
    if (auto m = parse_match(line)) out.push_back(std::move(*m));
  }
  return out;
}

Result<std::uint64_t> AlertFiles::checked() const {
  auto text = read_text(dir_ / "checked");
  if (!text) return propagate(text);
  return std::strtoull(text->c_str(), nullptr, 10);
}

Result<void> AlertFiles::set_checked(std::uint64_t seq) const {
  if (auto made = ensure_dir(dir_); !made) return made;
  return replace_file(dir_ / "checked", std::to_string(seq) + "\n");
}

}  // namespace kiosque::tools
