// A word typed with a trailing * (`pandém*`, `Goïta*`), matched on the stems the index holds: the
// index keeps no plain words (schema.h), so a wildcard cannot expand over them.
//
// The typed start, folded, matches every stem that begins with it (`pandem` finds the stems
// `pandemie` and `pandemique`), and a word typed whole matches its own stems too, whose start can
// differ from it (`chevaux*` finds `cheval`, `Goïta*` the Snowball stem `goit`, `élus*` the lemma
// `elu`). A compound's other parts must match as words (`Jean-Cl*`). Reads one query's text at a
// time: not thread-safe, like the analyser it uses.
#pragma once

#include <xapian.h>

#include <string>

#include "kiosque/indexer/analyser.h"

namespace kiosque::indexer::detail {

// How many stems one wildcard may stand for: past it, the search fails with Xapian::WildcardError
// (the searcher asks for a longer start).
inline constexpr Xapian::termcount kMaxWildcardExpansion = 1000;

// The QueryParser field processor of schema::kWildcardField, whose text prepare_query writes: the
// analysed parts of a wildcard word joined by hyphens, the last one folded, without the star.
class WildcardQuery : public Xapian::FieldProcessor {
 public:
  explicit WildcardQuery(FrenchAnalyser& analyser) : analyser_(analyser) {}
  Xapian::Query operator()(const std::string& text) override;

 private:
  FrenchAnalyser& analyser_;
  Xapian::Stem snowball_{"french"};
};

}  // namespace kiosque::indexer::detail
