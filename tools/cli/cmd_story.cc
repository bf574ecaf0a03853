// kiosque story ID: every version of an article's story, and how each relates to it.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "folder/read_snapshot.h"

namespace kiosque::tools {

namespace {

struct StoryOptions {
  std::string id;
  bool json = false;
};

// How a member of the story relates to the article asked about.
std::string_view relation(const archive::Article& asked, const archive::Article& member,
                          const archive::ArticleId& member_cluster) {
  if (member.id == asked.id) return "this";
  if (asked.story && member_cluster == asked.story->cluster) return "near-duplicate";
  return "same-story";
}

Result<int> run_story(const GlobalOptions& global, const StoryOptions& options) {
  archive::Article asked;
  std::vector<std::pair<archive::Article, archive::ArticleId>> members;  // with its cluster
  auto read = read_snapshot(
      resolve_data_folder(global.data), IndexNeed::none,
      [&](const ReaderSnapshot& snapshot) -> Result<void> {
        auto id = snapshot.archive().resolve(options.id);
        if (!id) return propagate(id);
        auto article = snapshot.archive().get(*id);
        if (!article) return propagate(article);
        asked = std::move(*article);
        if (!asked.story) {
          return fail(Errc::not_found,
                      fmt::format("article {} has no story yet: the archive was written by an "
                                  "older kiosque",
                                  asked.id.hex()),
                      "run `kiosque reindex`, which groups the archive");
        }
        auto listed = snapshot.archive().story_members(asked.story->group);
        if (!listed) return propagate(listed);
        for (const auto& m : *listed) {
          auto member = snapshot.archive().get(m.id);
          if (!member) return propagate(member);
          members.emplace_back(std::move(*member), m.cluster);
        }
        return {};
      });
  if (!read) return propagate(read);
  // Oldest first, as the story unfolded; the same day by id, so the order never changes.
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    const auto da = archive::filed_date(a.first).date, db = archive::filed_date(b.first).date;
    return da.sort_key() != db.sort_key() ? da.sort_key() < db.sort_key() : a.first.id < b.first.id;
  });

  if (options.json) {
    nlohmann::json j;
    j["article"] = asked.id.hex();
    j["story"] = asked.story->group.hex();
    j["count"] = members.size();
    j["members"] = nlohmann::json::array();
    for (const auto& [member, cluster] : members) {
      nlohmann::json m = article_json(member);
      m["relation"] = relation(asked, member, cluster);
      j["members"].push_back(std::move(m));
    }
    print_json(std::move(j));
    return 0;
  }
  std::set<std::string> outlets;
  for (const auto& [member, cluster] : members) {
    if (!member.content.source.empty()) outlets.insert(member.content.source);
  }
  fmt::print("story {}: {} article{}", asked.story->group.hex().substr(0, 12), members.size(),
             members.size() == 1 ? "" : "s");
  if (!outlets.empty())
    fmt::print(" from {} outlet{}", outlets.size(), outlets.size() == 1 ? "" : "s");
  fmt::print("\n\n");
  for (const auto& [member, cluster] : members) {
    fmt::print("{}  {:<14}  {:<19}  {}\n   {}\n", member.id.hex().substr(0, 12),
               relation(asked, member, cluster), filed_text(member),
               member.content.source.empty() ? "-" : member.content.source, headline(member, 90));
  }
  return 0;
}

}  // namespace

void register_story(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<StoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "story",
      "List every version of an article's story, oldest first: the same article in other\n"
      "versions (near-duplicate: copied, updated, cut short) and other articles on the same\n"
      "event (same-story), with their outlets and dates.\n\n"
      "Examples:\n"
      "  kiosque story a9514a\n"
      "  kiosque story a9514a --json");
  cmd->add_option("id", options->id, "The article id, or a unique prefix of it")
      ->required()
      ->type_name("ID");
  cmd->add_flag("--json", options->json, "Write the story as one JSON object (schema 1)");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_story(global, *options); };
  });
}

}  // namespace kiosque::tools
