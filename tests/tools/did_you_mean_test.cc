#include "cli/did_you_mean.h"

#include "test_support.h"

using kiosque::tools::closest_name;

TEST_CASE("a mistyped name is matched to the one meant, and only when close", "[cli]") {
  const std::vector<std::string> commands{"add",   "show",    "list",  "search", "count", "similar",
                                          "stats", "reindex", "watch", "verify", "backup"};
  CHECK(closest_name("serch", commands) == "search");
  CHECK(closest_name("saerch", commands) == "search");  // two letters swapped: one edit
  CHECK(closest_name("veryfy", commands) == "verify");
  CHECK(closest_name("lst", commands) == "list");
  CHECK(closest_name("sim", commands) == "similar");  // the start of a name
  CHECK(closest_name("stat", commands) == "stats");
  CHECK_FALSE(closest_name("frobnicate", commands).has_value());
  CHECK_FALSE(closest_name("ad", std::vector<std::string>{"list"}).has_value());
  CHECK_FALSE(closest_name("", commands).has_value());
}
