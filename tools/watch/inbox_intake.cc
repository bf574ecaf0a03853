#include "watch/inbox_intake.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <optional>
#include <vector>

#include "folder/file_names.h"
#include "kiosque/base/printable.h"
#include "watch/deep_path.h"
#include "watch/file_disposal.h"
#include "watch/inbox_scan.h"
#include "watch/inbox_sidecars.h"

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
  std::string text =
      fmt::format("file: {}\nrefused: {}\nreason: {}\n", name, local_time_now(), error.message);
  if (!error.hint.empty()) text += fmt::format("hint: {}\n", error.hint);
  return text;
}

// A file whose bytes or metadata the archive holds now, at `path` and named `relative` under the
// inbox (staging/ keeps inbox names): removed, or moved to processed/ with --keep.
void put_away(const std::filesystem::path& path, const std::filesystem::path& relative,
              const IntakeConfig& config, const Log& log) {
  const std::string name = base::printable_name(relative.string());
  if (config.keep) {
    if (auto moved = move_aside(path, relative, config.folder.processed()); !moved) {
      log.warn("{} is archived but stays in {}: {}", name, base::printable_name(path.string()),
               moved.error().message);
    }
    return;
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    log.warn("{} is archived but stays in {}: cannot remove it: {}", name,
             base::printable_name(path.string()), std::strerror(errno));
  }
}

// A refused file, at `path` and named `relative` under the inbox, to rejected/ with its reason
// beside it.
void reject(const std::filesystem::path& path, const std::filesystem::path& relative,
            const Error& why, const IntakeConfig& config, const Log& log, IntakeCounts& counts) {
  const std::string name = base::printable_name(relative.string());
  ++counts.rejected;
  auto moved = move_aside(path, relative, config.folder.rejected(), reason_text(name, why));
  if (!moved) {
    log.error("refused {}: {}; it stays in {}, for it cannot be moved to rejected/: {}", name,
              why.message, base::printable_name(path.string()), moved.error().message);
    return;
  }
  log.notice("rejected {}: {} (see {}.reason)", name, why.message,
             base::printable_name(moved->lexically_relative(config.folder.root).string()));
}

// The same for a file still where it was dropped.
void reject_in_place(const std::filesystem::path& path, const Error& why,
                     const IntakeConfig& config, const Log& log, IntakeCounts& counts) {
  reject(path, path.lexically_relative(config.folder.inbox()), why, config, log, counts);
}

void put_away_in_place(const std::filesystem::path& path, const IntakeConfig& config,
                       const Log& log) {
  put_away(path, path.lexically_relative(config.folder.inbox()), config, log);
}

class Disposer {
 public:
  // `sidecars[i]`, when set, is the sidecar that gave files[i] its metadata: it goes where its
  // article goes.
  Disposer(const IntakeConfig& config, const Log& log, IntakeCounts& counts,
           std::span<const StagedFile> files,
           std::span<const std::optional<std::filesystem::path>> sidecars)
      : config_(config), log_(log), counts_(counts), files_(files), sidecars_(sidecars) {}

  void operator()(const archive::FileOutcome& outcome) {
    const StagedFile& file = files_[outcome.index];
    const std::string name = base::printable_name(file.name.string());
    if (!*outcome.result) {
      refuse(file, outcome.result->error());
      if (const auto& sidecar = sidecars_[outcome.index]) {
        (void)move_aside(*sidecar, sidecar->lexically_relative(config_.folder.inbox()),
                         config_.folder.rejected(), "reason: its article was refused\n");
      }
      return;
    }
    const archive::PutOutcome& put = **outcome.result;
    const std::string id = put.id.hex().substr(0, 12);
    counts_.bytes += outcome.bytes;
    if (const auto& sidecar = sidecars_[outcome.index]) {
      if (put.metadata_changed) {
        log_.info(
            "{} gives {} its metadata",
            base::printable_name(sidecar->lexically_relative(config_.folder.inbox()).string()), id);
      }
      put_away_in_place(*sidecar, config_, log_);
    }
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
    clear(file);
  }

 private:
  // A saved page's assets folder goes where the page went: removed with it, or beside it in
  // processed/ or rejected/.
  void clear_assets(const StagedFile& page, const std::filesystem::path& to_root) {
    const auto assets = assets_of_page(config_.folder.inbox() / page.name);
    if (!assets) return;
    std::error_code ec;
    if (to_root.empty()) {
      std::filesystem::remove_all(*assets, ec);
    } else {
      const auto relative = assets->lexically_relative(config_.folder.inbox());
      std::filesystem::create_directories((to_root / relative).parent_path(), ec);
      std::filesystem::rename(*assets, to_root / relative, ec);
    }
    if (ec) {
      log_.warn("the assets of {} stay in {}: {}", base::printable_name(page.name.string()),
                base::printable_name(assets->string()), ec.message());
    }
  }

  // The archive holds the file's exact bytes now.
  void clear(const StagedFile& file) {
    clear_assets(file, config_.keep ? config_.folder.processed() : std::filesystem::path());
    put_away(file.path, file.name, config_, log_);
  }

  void refuse(const StagedFile& file, const Error& error) {
    clear_assets(file, config_.folder.rejected());
    reject(file.path, file.name, error, config_, log_, counts_);
  }

  const IntakeConfig& config_;
  const Log& log_;
  IntakeCounts& counts_;
  std::span<const StagedFile> files_;
  std::span<const std::optional<std::filesystem::path>> sidecars_;
};

constexpr auto kEmptyGrace = std::chrono::seconds(2);
// How long the files of a folder named PAGE_files wait for PAGE.html.
constexpr auto kPageGrace = std::chrono::seconds(10);
// How long a sidecar waits in the inbox for its article.
constexpr auto kSidecarWait = std::chrono::seconds(600);

bool is_fresh_and_empty(const std::filesystem::path& path) {
  struct stat st {};
  if (lstat_at(path, st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0) return false;
  const auto modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  return std::chrono::system_clock::now() - modified < kEmptyGrace;
}

// A sidecar found in the inbox. Its article still there: taken with it. Its article archived
// (among the recent ones): given to it now, and cleared once synced. Neither: it waits for its
// article, looked at again at each rescan, and is refused after kSidecarWait.
Result<void> take_sidecar(archive::Store& store, const std::filesystem::path& path,
                          const IntakeConfig& config, const Log& log, IntakeCounts& counts) {
  if (!articles_for_sidecar(path).empty()) {
    ++counts.skipped;
    return {};
  }
  const std::string name =
      base::printable_name(path.lexically_relative(config.folder.inbox()).string());
  struct stat st {};
  const auto age =
      lstat_at(path, st) == 0
          ? std::chrono::system_clock::now() -
                std::chrono::system_clock::time_point(std::chrono::seconds(st.st_mtim.tv_sec))
          : std::chrono::system_clock::duration::zero();
  if (age < kEmptyGrace) {
    // Dropped a moment ago: its article most likely follows. Looked at again shortly, before
    // the archive is searched for it.
    counts.retry.push_back(path);
    return {};
  }
  auto given = read_sidecar(path, path.string());
  if (!given) {
    reject_in_place(path, given.error(), config, log, counts);
    return {};
  }
  auto gave = give_to_archived(store, path, *given, config.ingest.normalise);
  if (!gave) {
    if (gave.error().code == Errc::no_space || gave.error().code == Errc::io_error)
      return propagate(gave);
    reject_in_place(path, gave.error(), config, log, counts);
    return {};
  }
  if (*gave) {
    counts.given_sidecars.push_back(path);
    log.info("{} gives {} its metadata{}", name, (*gave)->id.hex().substr(0, 12),
             (*gave)->metadata_changed ? "" : " (it had it already)");
    return {};
  }
  if (age > kSidecarWait) {
    reject_in_place(path,
                    Error{Errc::refused, fmt::format("no article for it arrived within {} minutes",
                                                     kSidecarWait.count() / 60)},
                    config, log, counts);
  } else {
    ++counts.skipped;
    log.detail("{} waits for its article", name);
  }
  return {};
}

}  // namespace

Result<IntakeCounts> take_in(archive::Store& store, Staging& staging,
                             std::span<const std::filesystem::path> files,
                             std::span<const StagedFile> staged, const IntakeConfig& config,
                             const Log& log) {
  IntakeCounts counts;
  std::vector<StagedFile> ready;
  ready.reserve(files.size() + staged.size());
  auto take_unless_written = [&](StagedFile file) {
    // A writer that opened the file before it was staged may still be writing it: it is read
    // once that writer is done.
    if (is_being_written(file.path)) {
      ++counts.skipped;
      counts.waiting.push_back(std::move(file));
    } else {
      ready.push_back(std::move(file));
    }
  };
  for (const StagedFile& file : staged) take_unless_written(file);
  for (const auto& path : files) {
    const std::string name =
        base::printable_name(path.lexically_relative(config.folder.inbox()).string());
    if (!entry_exists(path)) {
      ++counts.skipped;
    } else if (in_page_assets(path, config.folder.inbox())) {
      // Goes with its page (see file_names.h).
      ++counts.skipped;
    } else if (awaits_its_page(path, config.folder.inbox(), kPageGrace)) {
      counts.retry.push_back(path);
    } else if (is_fresh_and_empty(path)) {
      // Most likely created a moment ago and about to be written: looked at again shortly, and
      // refused as empty only once it has stayed empty for a while.
      counts.retry.push_back(path);
    } else if (is_being_written(path)) {
      // Its close raises IN_CLOSE_WRITE, but the kernel raises it a moment before the writer
      // lets go of the file, and a writer through a name outside the inbox raises none here.
      ++counts.skipped;
      counts.retry.push_back(path);
      log.detail("{} is still being written; it is taken once closed", name);
    } else if (archive::sidecar_target(path.filename().string())) {
      if (auto taken = take_sidecar(store, path, config, log, counts); !taken)
        return propagate(taken);
    } else if (auto why = not_an_article(path)) {
      reject_in_place(
          path,
          Error{Errc::refused, fmt::format("{}; watch takes in articles only (a manifest is given "
                                           "with kiosque add --manifest)",
                                           *why)},
          config, log, counts);
    } else if (auto moved = staging.stage(path); !moved) {
      if (moved.error().code == Errc::no_space) return propagate(moved);
      ++counts.skipped;
      log.warn("{} stays in the inbox: {}", name, moved.error().message);
    } else if (!*moved) {
      ++counts.skipped;
      log.detail("{} was removed before it could be read", name);
    } else {
      take_unless_written(std::move(**moved));
    }
  }
  if (!counts.given_sidecars.empty()) {
    // Late sidecars were given to archived articles: durable before they leave the inbox.
    if (auto synced = store.sync(); !synced) return propagate(synced);
    for (const auto& sidecar : counts.given_sidecars) put_away_in_place(sidecar, config, log);
  }
  std::vector<std::filesystem::path> paths;
  std::vector<std::string> names;
  std::vector<std::optional<std::filesystem::path>> sidecars;
  std::vector<archive::GivenMetadata> given;
  paths.reserve(ready.size());
  names.reserve(ready.size());
  sidecars.reserve(ready.size());
  given.reserve(ready.size());
  for (const StagedFile& file : ready) {
    paths.push_back(file.path);
    names.push_back((config.folder.inbox() / file.name).string());
    auto sidecar = sidecar_beside(config.folder.inbox() / file.name);
    if (sidecar) {
      const std::string recorded = sidecar->string();
      if (auto read = read_sidecar(*sidecar, recorded); read) {
        given.push_back(std::move(*read));
      } else {
        reject_in_place(*sidecar, read.error(), config, log, counts);
        sidecar.reset();
      }
    }
    if (!sidecar) given.emplace_back();
    sidecars.push_back(std::move(sidecar));
  }
  std::vector<const archive::GivenMetadata*> given_to(given.size());
  for (std::size_t i = 0; i < given.size(); ++i) given_to[i] = sidecars[i] ? &given[i] : nullptr;
  auto ingested = archive::ingest_files(
      store, paths, config.ingest, Disposer(config, log, counts, ready, sidecars), names, given_to);
  if (!ingested) return propagate(ingested);
  return counts;
}

}  // namespace kiosque::tools
