// Rewrites a user's query so that Xapian's QueryParser sees words as the analyser made them.
#pragma once

#include <string>
#include <string_view>

#include "kiosque/indexer/analyser.h"

namespace kiosque::indexer::detail {

// Keeps the syntax (AND OR NOT XOR NEAR, quotes, parentheses, + and -, field prefixes) and
// replaces each word by the analyser's words: elisions stripped, lower case, accents kept for the
// stemmer ("L’Appel" -> "appel", "C.É.D.É.A.O." -> "cédéao"), compounds joined by hyphens so that
// they parse as phrases, wildcard stems folded ("Cédé*" -> "cede*"), boolean values folded.
std::string prepare_query(std::string_view query, FrenchAnalyser& analyser);

}  // namespace kiosque::indexer::detail
