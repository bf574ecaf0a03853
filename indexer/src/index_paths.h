// The names the indexer gives beside an index folder DIR, in one place: DIR.shards and
// DIR.merged (a bulk build's work), DIR.new and DIR.old (a build anew's swap), DIR.damaged (the
// crash guard's marker). Only the indexer writes any of them.
#pragma once

#include <filesystem>
#include <string_view>

namespace kiosque::indexer::detail {

inline constexpr std::string_view kShards = ".shards";
inline constexpr std::string_view kMerged = ".merged";
inline constexpr std::string_view kNew = ".new";
inline constexpr std::string_view kOld = ".old";
inline constexpr std::string_view kDamaged = ".damaged";

inline std::filesystem::path beside(const std::filesystem::path& dir, std::string_view suffix) {
  std::filesystem::path p = dir;
  p += suffix;
  return p;
}

}  // namespace kiosque::indexer::detail
