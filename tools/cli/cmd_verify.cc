// kiosque verify: check that the archive is intact and that the index matches it.
#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "folder/read_snapshot.h"
#include "kiosque/base/printable.h"
#include "kiosque/indexer/index_check.h"

namespace kiosque::tools {

namespace {

struct VerifyOptions {
  bool repair = false;
  bool quiet = false;
  bool json = false;
};

constexpr std::size_t kShown = 20;

void show_problems(const std::vector<std::string>& problems) {
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) fmt::print("  {}\n", problems[i]);
  if (problems.size() > kShown) fmt::print("  … and {} more\n", problems.size() - kShown);
}

Result<int> run_verify(const GlobalOptions& global, const VerifyOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  const auto start = std::chrono::steady_clock::now();
  // The archive's snapshot; the index is not opened for searching but checked by check_index,
  // which runs Xapian's own check before it reads anything else (a damaged table must be found,
  // not read). When a commit lands under the check (an index ahead of this archive snapshot), the
  // archive is opened again (see read_snapshot) and re-hashed only once.
  std::optional<archive::ArchiveCheck> archive;
  std::optional<indexer::IndexCheck> index;
  const bool has_index = std::filesystem::exists(folder.index());
  auto read =
      read_snapshot(folder, IndexNeed::none, [&](const ReaderSnapshot& snapshot) -> Result<void> {
        if (!archive) {
          Progress archive_progress("verifying the archive", 0);
          auto checked = snapshot.archive().verify(archive_progress.reporter());
          archive_progress.finish();
          if (!checked) return propagate(checked);
          archive = std::move(*checked);
        }
        if (!has_index) return {};
        Progress index_progress("verifying the index", 0);
        auto checked = indexer::check_index(snapshot.archive(), folder.index(), options.repair,
                                            index_progress.reporter());
        index_progress.finish();
        if (!checked) return propagate(checked);
        index = std::move(*checked);
        return {};
      });
  if (!read) return propagate(read);
  const bool archive_ok = archive->problems.empty();
  if (options.json) {
    const std::uint64_t found =
        index ? index->missing + index->doubled + index->orphans + index->wrong_story : 0;
    const bool index_ok = index ? (found == 0 || index->repaired == found) : archive->articles == 0;
    nlohmann::json j{
        {"schema", 1},
        {"ok", archive_ok && index_ok},
        {"archive",
         {{"ok", archive_ok},
          {"articles", archive->articles},
          {"raw_versions", archive->raw_versions},
          {"log_entries", archive->log_entries},
          {"bytes", archive->bytes},
          {"problems", archive->problems}}},
        {"seconds",
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
    if (index) {
      nlohmann::json set_aside = nlohmann::json::array();
      for (const indexer::SetAside& e : index->set_aside) {
        set_aside.push_back(
            {{"id", e.id_hex}, {"seq", e.seq}, {"file", e.file}, {"reason", e.reason}});
      }
      j["index"] = {{"ok", index_ok},
                    {"documents", index->documents},
                    {"missing", index->missing},
                    {"doubled", index->doubled},
                    {"orphans", index->orphans},
                    {"wrong_story", index->wrong_story},
                    {"behind", index->behind},
                    {"repaired", index->repaired},
                    {"set_aside", std::move(set_aside)},
                    {"problems", index->problems}};
    } else {
      j["index"] = nullptr;
    }
    print_json(j);
    if (!archive_ok || !index_ok) return 5;
    return index && !index->set_aside.empty() ? 1 : 0;
  }
  fmt::print("archive: {} articles, {} raw versions, {} log entries, {} re-hashed: {}\n",
             archive->articles, archive->raw_versions, archive->log_entries,
             base::human_bytes(archive->bytes),
             archive_ok ? "OK" : fmt::format("{} problems", archive->problems.size()));
  show_problems(archive->problems);

  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bool index_ok = true;
  if (!index) {
    fmt::print("index: none (run `kiosque reindex` to build it)\n");
    index_ok = archive->articles == 0;
  } else {
    const std::uint64_t found =
        index->missing + index->doubled + index->orphans + index->wrong_story;
    index_ok = found == 0 || index->repaired == found;
    fmt::print(
        "index: {} documents; {} missing, {} doubled, {} naming no article{}{}: {}\n",
        index->documents, index->missing, index->doubled, index->orphans,
        index->wrong_story > 0 ? fmt::format(", {} under another story", index->wrong_story)
                               : std::string(),
        index->behind > 0 ? fmt::format(", {} not yet indexed", index->behind) : std::string(),
        found == 0                 ? "OK"
        : index->repaired == found ? fmt::format("repaired {}", index->repaired)
                                   : "run `kiosque verify --repair`");
    show_problems(index->problems);
    if (!index->set_aside.empty()) {
      fmt::print(
          "index: {} articles could not be indexed and are set aside (above); `kiosque verify "
          "--repair` "
          "or `kiosque reindex` tries them again, after an upgrade that fixes them\n",
          index->set_aside.size());
    }
  }
  if (!options.quiet) fmt::print("verified in {:.1f} s\n", secs);
  if (!archive_ok) {
    fmt::print(
        stderr,
        "kiosque: the archive is damaged: keep a copy of the data folder before anything else, "
        "and restore the damaged articles from a backup (see README, Backup and restore)\n");
    return 5;
  }
  if (!index_ok) return 5;
  return index && !index->set_aside.empty() ? 1 : 0;
}

}  // namespace

void register_verify(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check the data folder: re-hash every raw version and normalised text against its id, check\n"
      "the ingestion log and counters, and check that every article is in the index exactly once\n"
      "and that the index holds nothing else. Exits 5 when something is damaged, 1 when some\n"
      "articles could not be indexed (set aside, each named with its file and reason). Works\n"
      "beside a running watch (without --repair).\n\n"
      "Examples:\n"
      "  kiosque verify\n"
      "  kiosque verify --repair\n"
      "  kiosque verify --json | jq .ok");
  cmd->add_flag(
      "--repair", options->repair,
      "Re-index articles missing from the index (or in it twice, or under another story\n"
      "than the archive's), try set-aside articles again, and remove index entries naming no\n"
      "article; the archive itself is never changed");
  cmd->add_flag("-q,--quiet", options->quiet, "Do not print the time taken");
  cmd->add_flag("--json", options->json,
                "Write one object: {\"schema\", \"ok\", \"archive\": {\"ok\", \"articles\", …,\n"
                "\"problems\"}, \"index\": {\"ok\", \"documents\", \"missing\", \"doubled\",\n"
                "\"orphans\", \"wrong_story\", \"behind\", \"repaired\", \"set_aside\",\n"
                "\"problems\"} or null,\n"
                "\"seconds\"}; same exit status");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_verify(global, *options); };
  });
}

}  // namespace kiosque::tools
