// kiosque list: the archived articles, newest first.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "folder/read_snapshot.h"

namespace kiosque::tools {

namespace {

struct ListOptions {
  std::size_t limit = 20;
  bool json = false;
};

Result<int> run_list(const GlobalOptions& global, const ListOptions& options) {
  // The archive alone: nothing here can meet a newer index, so the step runs once and prints as it
  // goes.
  auto read = read_snapshot(
      resolve_data_folder(global.data), IndexNeed::none,
      [&](const ReaderSnapshot& snapshot) -> Result<void> {
        auto entries =
            snapshot.archive().read_log_backwards(snapshot.archive().last_seq() + 1, options.limit);
        if (!entries) return propagate(entries);
        for (const archive::LogEntry& e : *entries) {
          auto article = snapshot.archive().get(e.id);
          if (!article) return propagate(article);
          if (options.json) {
            print_json(article_json(*article));
          } else {
            fmt::print("{}  {:<10}  {}{}\n", e.id.hex().substr(0, 12),
                       article->content.date ? article->content.date->to_string() : "-",
                       headline(*article),
                       article->content.source.empty() ? "" : "  — " + article->content.source);
          }
        }
        return {};
      });
  if (!read) return propagate(read);
  return 0;
}

}  // namespace

void register_list(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list",
                                     "List archived articles, the most recently taken in first.\n\n"
                                     "Examples:\n"
                                     "  kiosque list -n 50\n"
                                     "  kiosque list --json | jq -r .title");
  cmd->add_option("-n,--limit", options->limit, "How many articles (default 20)");
  cmd->add_flag("--json", options->json, "One JSON object per line");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_list(global, *options); };
  });
}

}  // namespace kiosque::tools
