// kiosque list: the archived articles, newest first.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "article_json.h"
#include "commands.h"
#include "data_folder.h"

namespace kiosque::tools {

namespace {

struct ListOptions {
  std::size_t limit = 20;
  bool json = false;
};

// A one-line label for an article without a title: the start of its text.
std::string headline(const archive::Article& a) {
  if (!a.content.title.empty()) return a.content.title;
  std::string_view text = a.content.text;
  text = text.substr(0, text.find('\n'));
  if (text.size() <= 80) return std::string(text);
  std::size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

Result<int> run_list(const GlobalOptions& global, const ListOptions& options) {
  auto store = open_archive_for_reading(resolve_data_folder(global.data));
  if (!store) return std::unexpected(store.error());
  auto entries = (*store)->read_log_backwards((*store)->last_seq() + 1, options.limit);
  if (!entries) return std::unexpected(entries.error());
  for (const archive::LogEntry& e : *entries) {
    auto article = (*store)->get(e.id);
    if (!article) return std::unexpected(article.error());
    if (options.json) {
      fmt::print("{}\n", article_json(*article).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("{}  {:<10}  {}\n", e.id.hex().substr(0, 12),
                 article->content.date ? article->content.date->to_string() : "-", headline(*article));
    }
  }
  return 0;
}

}  // namespace

void register_list(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List archived articles, the most recently taken in first.");
  cmd->add_option("-n,--limit", options->limit, "How many articles (default 20)");
  cmd->add_flag("--json", options->json, "One JSON object per line");
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_list(global, *options); }; });
}

}  // namespace kiosque::tools
