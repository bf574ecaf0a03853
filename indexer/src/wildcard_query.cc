#include "wildcard_query.h"

#include <vector>

#include "kiosque/base/text_fold.h"
#include "schema.h"

namespace kiosque::indexer::detail {

Xapian::Query WildcardQuery::operator()(const std::string& text) {
  const std::string stem_prefix(schema::kStem);
  std::vector<Xapian::Query> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t hyphen = text.find('-', begin);
    if (hyphen == std::string::npos) break;
    if (hyphen > begin)
      parts.emplace_back(stem_prefix + analyser_.stem(text.substr(begin, hyphen - begin)));
    begin = hyphen + 1;
  }
  const std::string start = text.substr(begin);
  if (start.empty()) return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  // The stems a word typed whole has: its lemma where the lexicon knows it, and the Snowball stem
  // that an unknown word is indexed under (for the folded text, as the analyser's alternative).
  const std::vector<Xapian::Query> forms{
      Xapian::Query(Xapian::Query::OP_WILDCARD, stem_prefix + start, kMaxWildcardExpansion,
                    Xapian::Query::WILDCARD_LIMIT_ERROR),
      Xapian::Query(stem_prefix + analyser_.stem(start)),
      Xapian::Query(stem_prefix + base::fold_text(snowball_(start)))};
  parts.emplace_back(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

}  // namespace kiosque::indexer::detail
