#include "story_quality.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "kiosque/archive/store.h"

namespace kiosque::bench {

nlohmann::json story_quality(const std::filesystem::path& archive,
                             const std::filesystem::path& add_output,
                             const std::filesystem::path& labels) {
  archive::StoreOptions options;
  options.read_only = true;
  auto store = archive::Store::open(archive, options);
  if (!store) throw std::runtime_error("open the archive: " + store.error().message);
  auto stats = (*store)->stats();
  if (!stats) throw std::runtime_error("read the archive's figures: " + stats.error().message);
  nlohmann::json j{{"stories", stats->story_groups},
                   {"folded", stats->story_folded},
                   {"near_duplicates", stats->near_duplicates}};
  std::ifstream pairs(labels);
  if (!pairs) return j;

  std::map<std::string, archive::ArticleId> article_of;  // file name -> article
  std::ifstream lines(add_output);
  for (std::string line; std::getline(lines, line);) {
    const auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.contains("id") || !row["id"].is_string()) continue;
    const auto id = archive::Digest::from_hex(row["id"].get<std::string>());
    if (id) article_of[std::filesystem::path(row["path"].get<std::string>()).filename()] = *id;
  }
  const auto place = [&](const std::string& file) -> std::optional<archive::StoryPlace> {
    const auto found = article_of.find(file);
    if (found == article_of.end()) return std::nullopt;
    auto article = (*store)->get(found->second);
    return article ? article->story : std::nullopt;
  };
  std::uint64_t same = 0, same_joined = 0, different = 0, different_joined = 0,
                different_same_story = 0;
  std::string line;
  std::getline(pairs, line);  // the header
  while (std::getline(pairs, line)) {
    std::istringstream fields(line);
    std::string a, b, label;
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    std::getline(fields, label, '\t');
    const auto pa = place(a), pb = place(b);
    if (!pa || !pb) continue;  // a file this corpus lacks
    const bool joined = pa->cluster == pb->cluster;
    if (label == "same") {
      ++same;
      same_joined += joined;
    } else {
      ++different;
      different_joined += joined;
      different_same_story += pa->group == pb->group;
    }
  }
  const auto ratio = [](std::uint64_t n, std::uint64_t d) {
    return d == 0 ? nlohmann::json(nullptr)
                  : nlohmann::json(static_cast<double>(n) / static_cast<double>(d));
  };
  j["pairs"] = {{"same", same},
                {"same_joined", same_joined},
                {"different", different},
                {"different_joined", different_joined},
                {"different_in_one_story", different_same_story},
                {"recall", ratio(same_joined, same)},
                {"precision", ratio(same_joined, same_joined + different_joined)}};
  return j;
}

}  // namespace kiosque::bench
