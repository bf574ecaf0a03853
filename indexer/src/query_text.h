// Rewrites a user's query so that Xapian's QueryParser sees words as the analyser made them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosque/base/result.h"
#include "kiosque/indexer/analyser.h"

namespace kiosque::indexer::detail {

// Keeps the syntax (AND OR NOT XOR NEAR, quotes, parentheses, + and -, field prefixes) and
// replaces each word by the analyser's words: elisions stripped, lower case, accents kept for the
// stemmer ("L’Appel" -> "appel", "C.É.D.É.A.O." -> "cédéao"), compounds joined by hyphens so that
// they parse as phrases, wildcard starts folded and, outside a field, handed to the wildcard
// field ("Cédé*" -> "kiosquewildcard:cede", "title:Cédé*" -> "title:cede*"), boolean values
// folded.
std::string prepare_query(std::string_view query, FrenchAnalyser& analyser);

// What a query asks that kiosque would otherwise read silently another way: Errc::invalid_argument
// for a field kiosque does not have (`auteur:Dupont`, naming those it has; `https://` is no
// field) and for a lone `*`; notes for operators written in lower case (`or` is a word).
Result<std::vector<std::string>> check_query(std::string_view query);

}  // namespace kiosque::indexer::detail
