// kiosque similar ID: articles like one article.
#include "cli/commands.h"
#include "cli/search_output.h"
#include "cli/terminal.h"
#include "folder/data_folder.h"
#include "folder/read_snapshot.h"

namespace kiosque::tools {

namespace {

struct SimilarOptions {
  std::string id;
  std::size_t limit = 10;
  bool json = false;
};

Result<int> run_similar(const GlobalOptions& global, const SimilarOptions& options) {
  const DataFolder folder = resolve_data_folder(global.data);
  std::string id_hex;
  indexer::SearchResults results;
  auto read = read_snapshot(
      folder, IndexNeed::required, [&](const ReaderSnapshot& snapshot) -> Result<void> {
        auto id = snapshot.archive().resolve(options.id);
        if (!id) return propagate(id);
        id_hex = id->hex();
        auto found = snapshot.index()->similar(*id, options.limit, snapshot.archive());
        if (!found) return propagate(found);
        results = std::move(*found);
        return {};
      });
  if (!read) return propagate(read);
  if (options.json) {
    print_results_json(results, "similar:" + id_hex);
  } else {
    print_results_text(results, color_wanted(global.color));
  }
  return 0;
}

}  // namespace

void register_similar(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SimilarOptions>();
  CLI::App* cmd = app.add_subcommand(
      "similar",
      "Find articles like one article (by its most telling words), outside its own story\n"
      "(kiosque story ID lists that).\n\n"
      "Examples:\n"
      "  kiosque similar a9514a\n"
      "  kiosque similar a9514a -n 20 --json");
  cmd->add_option("id", options->id, "The article id, or a unique prefix of it")
      ->required()
      ->type_name("ID");
  cmd->add_option("-n,--limit", options->limit, "How many results (default 10)");
  cmd->add_flag("--json", options->json, "Write the results as JSON (schema 1)");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_similar(global, *options); };
  });
}

}  // namespace kiosque::tools
