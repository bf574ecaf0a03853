// kiosque stats: what the data folder holds.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "folder/read_snapshot.h"
#include "kiosque/base/printable.h"
#include "kiosque/indexer/searcher.h"

namespace kiosque::tools {

namespace {

struct StatsOptions {
  bool json = false;
};

Result<int> run_stats(const GlobalOptions& global, const StatsOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  std::optional<archive::StoreStats> s;
  std::optional<indexer::IndexStats> index;
  auto read = read_snapshot(folder, IndexNeed::if_present,
                            [&](const ReaderSnapshot& snapshot) -> Result<void> {
                              auto archived = snapshot.archive().stats();
                              if (!archived) return propagate(archived);
                              s = *archived;
                              if (snapshot.index() != nullptr) {
                                auto figures = snapshot.index()->stats();
                                if (!figures) return propagate(figures);
                                index = *figures;
                              }
                              return {};
                            });
  if (!read) return propagate(read);
  const std::string earliest = s->earliest ? s->earliest->to_string() : "";
  const std::string latest = s->latest ? s->latest->to_string() : "";
  if (options.json) {
    nlohmann::json j;
    j["schema"] = 1;
    j["data_folder"] = folder.root.string();
    j["archive"] = {
        {"articles", s->articles},
        {"raw_versions", s->raw_versions},
        {"raw_bytes", s->raw_bytes},
        {"text_bytes", s->text_bytes},
        {"disk_bytes", s->disk_bytes},
        {"last_seq", s->last_seq},
        {"earliest_date", s->earliest ? nlohmann::json(earliest) : nlohmann::json(nullptr)},
        {"latest_date", s->latest ? nlohmann::json(latest) : nlohmann::json(nullptr)},
        {"stories", s->story_groups},
        {"folded_in_stories", s->story_folded},
        {"near_duplicate_clusters", s->near_duplicate_clusters},
        {"near_duplicates", s->near_duplicates}};
    j["index"] =
        index ? nlohmann::json{{"documents", index->documents},   {"terms", index->terms},
                               {"last_seq", index->last_seq},     {"set_aside", index->set_aside},
                               {"disk_bytes", index->disk_bytes}, {"analyser", index->analyser}}
              : nlohmann::json(nullptr);
    print_json(j);
    return 0;
  }
  fmt::print("data folder   {}\n", folder.root.string());
  fmt::print("articles      {}\n", s->articles);
  fmt::print("raw versions  {}\n", s->raw_versions);
  fmt::print("bytes in      {} ({} of normalised text)\n", base::human_bytes(s->raw_bytes),
             base::human_bytes(s->text_bytes));
  fmt::print("on disk       {} (archive)\n", base::human_bytes(s->disk_bytes));
  fmt::print(
      "stories       {} of several articles fold {} (a search shows each once); {} of\n"
      "              them are other versions of an article (near-duplicates)\n",
      s->story_groups, s->story_folded, s->near_duplicates);
  if (index) {
    fmt::print("index         {} documents, {} terms, {}, up to log #{}{}\n", index->documents,
               index->terms, base::human_bytes(index->disk_bytes), index->last_seq,
               index->last_seq < s->last_seq
                   ? fmt::format(" ({} behind)", s->last_seq - index->last_seq)
                   : "");
    if (index->set_aside > 0) {
      fmt::print("set aside     {} articles could not be indexed (`kiosque verify` lists them)\n",
                 index->set_aside);
    }
  } else {
    fmt::print("index         none (run `kiosque reindex`)\n");
  }
  fmt::print("dates         {}\n",
             s->earliest ? fmt::format("{} to {}", earliest, latest) : "none known");
  return 0;
}

}  // namespace

void register_stats(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Show what the data folder holds: articles, raw versions, stories, sizes, dates.\n\n"
      "Examples:\n"
      "  kiosque stats\n"
      "  kiosque --data /srv/kiosque stats --json");
  cmd->add_flag("--json", options->json, "Write the figures as JSON");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_stats(global, *options); };
  });
}

}  // namespace kiosque::tools
