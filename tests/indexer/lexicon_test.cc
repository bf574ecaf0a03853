// The compiled lexicon (indexer/src/lexicon.h) against the engine it was compiled for: every word
// of real French text that Hunspell knows must have, in the table, exactly the lemmas Hunspell's
// own analysis gives it, and no word Hunspell rejects may be in the table.
#include "lexicon.h"

#include <set>

#include "hunspell_reference.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/analyser.h"
#include "test_support.h"

using kiosque::indexer::FrenchAnalyser;
using kiosque::indexer::Token;
using kiosque::indexer::detail::Lexicon;

namespace {

std::set<std::string> table_lemmas(const std::string& word) {
  const auto lemmas = Lexicon::french().lemmas(word);
  std::set<std::string> out;
  for (std::size_t i = 0; i < lemmas.size(); ++i) out.emplace(lemmas[i]);
  return out;
}

}  // namespace

TEST_CASE("the lexicon gives each word of real text the lemmas Hunspell gives it",
          "[lexicon][corpus]") {
  kiosque::bench::HunspellReference hunspell;
  FrenchAnalyser analyser;
  std::set<std::string> words;
  std::vector<Token> tokens;
  std::vector<std::filesystem::path> texts = kiosque::test::seed_paths();
  for (const auto& p : kiosque::test::corpus_paths(300)) texts.push_back(p);
  for (const auto& path : texts) {
    tokens.clear();
    // The analyser sees text as the archive stores it: NFC (some corpus files are in NFD).
    const auto text = kiosque::archive::normalise(kiosque::test::read_file(path));
    REQUIRE(text);
    analyser.analyse(text->text, tokens);
    for (const Token& t : tokens) {
      if (t.position != 0) words.insert(t.word);
    }
  }
  REQUIRE(words.size() > 10'000);
  std::size_t known = 0;
  std::vector<std::string> differing;
  for (const std::string& word : words) {
    const auto expected = hunspell.lemmas(word);
    const auto got = table_lemmas(word);
    if (expected.empty()) {
      // Hunspell knows the word only through a prefix or in capitals, or not at all: the table
      // must not claim it either, unless Hunspell spells it (a word the table reaches by its
      // folded form, written without its accents, is not one Hunspell accepts as written).
      if (!got.empty() && hunspell.spell(word)) differing.push_back(word + " (not Hunspell's)");
      continue;
    }
    ++known;
    // The table leaves out a rare reading of a form that is a common word of its own (`président`
    // is not `présider`'s; `été` is `être`'s participle): what it holds is Hunspell's, and what it
    // lacks is such a reading.
    const std::string self = kiosque::base::fold_text(word);
    const auto own = expected.find(self);
    const bool common_word = own != expected.end() && own->second.common;
    for (const auto& [lemma, how] : expected) {
      const bool rare = common_word && lemma != self && !how.participle;
      if (got.contains(lemma) == rare) differing.push_back(word + " " + lemma);
    }
    for (const auto& lemma : got) {
      if (!expected.contains(lemma)) differing.push_back(word + " " + lemma + " (not Hunspell's)");
    }
  }
  INFO(known << " words known to Hunspell");
  CHECK(known > 5'000);
  CHECK(differing == std::vector<std::string>{});
}

TEST_CASE("the lexicon's lookups are exact on the form", "[lexicon]") {
  const Lexicon& lexicon = Lexicon::french();
  CHECK(lexicon.form_count() > 400'000);
  CHECK(lexicon.lemmas("").empty());
  CHECK(lexicon.lemmas("chevau").empty());
  CHECK(lexicon.lemmas("chevauxx").empty());
  CHECK(lexicon.lemmas("zzzzzzzz").empty());
  CHECK(lexicon.lemmas("Chevaux").empty());  // lower case only: the analyser lowers first
  REQUIRE(lexicon.lemmas("chevaux").size() == 1);
  CHECK(lexicon.lemmas("chevaux")[0] == "cheval");
}

TEST_CASE("the lexicon read whole lists each form in key order with the lemmas a lookup gives",
          "[lexicon]") {
  const Lexicon& lexicon = Lexicon::french();
  std::set<std::string> forms_of_elire;
  std::size_t out_of_order = 0, differing = 0;
  for (std::size_t i = 0; i < lexicon.form_count(); ++i) {
    const std::string_view form = lexicon.form(i);
    if (i > 0 && !(lexicon.form(i - 1) < form)) ++out_of_order;
    const auto whole = lexicon.lemmas_of_form(i);
    const auto looked_up = lexicon.lemmas(form);
    bool same = whole.size() == looked_up.size();
    for (std::size_t k = 0; same && k < whole.size(); ++k) same = whole[k] == looked_up[k];
    differing += !same;
    for (std::size_t k = 0; k < whole.size(); ++k) {
      if (whole[k] == "elire") forms_of_elire.emplace(form);
    }
  }
  CHECK(out_of_order == 0);
  CHECK(differing == 0);
  for (const char* form : {"élire", "élu", "élus", "élue", "élues", "élisent", "élut"})
    CHECK(forms_of_elire.contains(form));
}
