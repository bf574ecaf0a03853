// Web boilerplate that is not the article: every pattern kiosque removes, in one table.
//
// Patterns are matched on whole lines after folding (lower case, no accents, ' for ’), so each
// is written once in plain ASCII. Only short lines are candidates: boilerplate is never a
// paragraph of prose.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kiosque::archive::detail {

enum class BoilerplateAction {
  keep,          // article text
  drop_line,     // remove this line
  drop_rest,     // remove this line and everything after it (a page footer)
  strip_labels,  // remove an empty label list at the end of the line ("Étiquettes : , , ,")
};

struct BoilerplateRule {
  const char* name;  // what it removes, for tests and debugging
  BoilerplateAction action;
  enum class Match { exact, prefix, contains } match;
  const char* pattern;  // folded
};

// The rules, in the order they are tried.
std::span<const BoilerplateRule> boilerplate_rules();

struct BoilerplateVerdict {
  BoilerplateAction action = BoilerplateAction::keep;
  const char* rule = nullptr;  // the rule that matched, or null
  std::size_t keep_bytes = 0;  // for strip_labels: how much of the line to keep
};

// Classifies one cleaned line (trimmed, single-spaced); `folded` is fold_text(line).
BoilerplateVerdict classify_line(std::string_view line, std::string_view folded);
// The same, folding the line itself.
BoilerplateVerdict classify_line(std::string_view line);

// Lines longer than this (in bytes) are always article text.
inline constexpr std::size_t kMaxBoilerplateLine = 200;

}  // namespace kiosque::archive::detail
