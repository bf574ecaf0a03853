// How articles are laid out in the Xapian index (documented in indexer/README.md). Term prefixes
// follow Omega's conventions (xapian-omega/docs/termprefixes.rst).
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

namespace kiosque::indexer::schema {

inline constexpr std::string_view kId = "Q";     // Q + article id (hex): one document per article
inline constexpr std::string_view kStem = "Z";   // Z + folded stem, with positions
inline constexpr std::string_view kTitle = "S";  // S + folded title word
inline constexpr std::string_view kTitleStem = "ZS";  // ZS + folded title stem, with positions
// XSOURCE + folded source or credit, whole and each word but articles ("le figaro", "figaro").
inline constexpr std::string_view kSource = "XSOURCE";
inline constexpr std::string_view kAuthor = "A";  // A + folded author name, and + each of its words
inline constexpr std::string_view kSection = "XSECTION";  // XSECTION + folded section
inline constexpr std::string_view kTag = "K";    // K + folded keyword, and + each of its words
inline constexpr std::string_view kSite = "H";   // H + host, and + each parent domain (orange.fr)
inline constexpr std::string_view kYear = "Y";   // Y + YYYY
inline constexpr std::string_view kMonth = "M";  // M + YYYYMM
inline constexpr std::string_view kDay = "D";    // D + YYYYMMDD
// XSTORY + the story's id (archive::StoryPlace::group, hex): its articles, to list them.
inline constexpr std::string_view kStory = "XSTORY";
// No plain words: a wildcard matches the stems (wildcard_query.h), the spelling table is fed
// apart. Indexes of layout 3 hold them too (unprefixed, without positions); nothing reads them.

// The fields a query names (`title:appel`, `source:afp`): free-text fields are analysed like any
// words, boolean ones match a folded value whole (and, where the table above says so, each word).
struct QueryField {
  std::string_view name;
  std::string_view prefix;
  bool boolean;
};
// The field prepare_query gives a text word typed with a wildcard: not one a query can name.
inline constexpr std::string_view kWildcardField = "kiosquewildcard";
inline constexpr std::array<QueryField, 6> kQueryFields{{{"title", kTitle, false},
                                                         {"source", kSource, true},
                                                         {"author", kAuthor, true},
                                                         {"section", kSection, true},
                                                         {"tag", kTag, true},
                                                         {"site", kSite, true}}};

// The unique term of an article's document.
inline std::string id_term(std::string_view hex) {
  std::string term(kId);
  term += hex;
  return term;
}

// The filed date (archive::filed_date): "YYYYMMDD", 00 for an unknown month or day.
inline constexpr Xapian::valueno kDateSlot = 0;
// The source as the article names it ("Le Figaro"), for breakdowns by outlet.
inline constexpr Xapian::valueno kSourceSlot = 1;
// "intake" when the filed date is the intake day rather than a stated publication date.
inline constexpr Xapian::valueno kDateKindSlot = 2;
inline constexpr std::string_view kIntakeDated = "intake";
// The story's id (hex), the key search collapses on; empty in an archive not yet grouped.
inline constexpr Xapian::valueno kStorySlot = 3;

inline constexpr std::string_view kLastSeqKey = "kiosque:last_seq";
inline constexpr std::string_view kAnalyserKey = "kiosque:analyser";
// What the documents hold, beyond the analyser's terms: raised when a slot or a term's meaning
// changes, so that an older index is rebuilt rather than read wrongly. An index without the key
// is of layout 1.
inline constexpr std::string_view kLayoutKey = "kiosque:layout";
inline constexpr std::string_view kLayout = "3";

}  // namespace kiosque::indexer::schema
