// Does a search for a word find its other forms, and only them? Families come from the French
// Hunspell dictionary (through libhunspell, not kiosque's compiled lexicon), over real articles of
// ../shared/corpus/fr-news: for lemmas attested in two or more forms, a search for the lemma as a
// reader types it must find the articles that hold any form of it (recall, by part of speech,
// with irregular verbs and -x plurals named), and little outside its family.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "folder/data_folder.h"
#include "hunspell_reference.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/analyser.h"
#include "kiosque/indexer/indexer.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "test_support.h"

using namespace kiosque;
using kiosque::test::TempDir;

namespace {

constexpr std::size_t kArticles = 1500;
constexpr std::size_t kLemmasPerPos = 60;

// Lemmas named in the morphology issue: irregular verbs, -x plurals, adjectives with several stems.
const std::vector<std::string> kNamed = {
    "élire",  "mourir",  "décevoir", "recevoir", "cheveu",  "bijou",   "vœu",   "beau",
    "cheval", "travail", "étranger", "actif",    "nouveau", "prendre", "faire", "pouvoir"};

struct Family {
  char pos = '?';
  std::set<std::string> forms;            // attested forms that are of this lemma only
  std::set<std::string> articles;         // holding one of those forms
  std::set<std::string> family_articles;  // holding any form of it, ambiguous ones included
};

struct Tally {
  double recall_sum = 0;
  std::size_t lemmas = 0, found = 0, outside = 0;
  void add(double recall, std::size_t found_articles, std::size_t outside_articles) {
    recall_sum += recall;
    ++lemmas;
    found += found_articles;
    outside += outside_articles;
  }
  double recall() const { return lemmas ? recall_sum / static_cast<double>(lemmas) : 0; }
  double outside_share() const {
    return found ? static_cast<double>(outside) / static_cast<double>(found) : 0;
  }
};

// A sample of fr-news indexed, with every word's articles and Hunspell's families over them.
struct Sample {
  TempDir dir;
  std::vector<std::filesystem::path> paths = kiosque::test::corpus_paths(kArticles);
  std::map<std::size_t, std::string> id_of_path;
  std::map<std::string, std::vector<std::string>> words_of_article;  // in text order
  std::map<std::string, std::set<std::string>> articles_of_word;
  kiosque::test::HunspellReference hunspell;
  std::map<std::string, Family> families;  // by the folded lemma

  Sample() {
    auto store = archive::Store::open(dir.folder().archive());
    REQUIRE_OK(store);
    REQUIRE_OK(archive::ingest_files(**store, paths, {}, [&](const archive::FileOutcome& o) {
      if (*o.result) id_of_path[o.index] = (*o.result)->id.hex();
    }));
    auto index = indexer::Indexer::open(dir.folder().index());
    REQUIRE_OK(index);
    REQUIRE_OK((*index)->update(**store, {}, indexer::Pace::steady));

    // Every word of every article, as the analyser cuts it (the words, not its stems).
    indexer::FrenchAnalyser analyser;
    std::vector<indexer::Token> tokens;
    for (const auto& [i, id] : id_of_path) {
      const auto text = archive::normalise(kiosque::test::read_file(paths[i]));
      REQUIRE(text);
      tokens.clear();
      analyser.analyse(text->text, tokens);
      auto& words = words_of_article[id];
      for (const auto& t : tokens) {
        if (t.position == 0) continue;
        articles_of_word[t.word].insert(id);
        words.push_back(t.word);
      }
    }
    for (const auto& [word, articles] : articles_of_word) {
      const auto lemmas = hunspell.lemmas(word);
      for (const auto& [lemma, how] : lemmas) {
        if (!how.common) continue;
        Family& f = families[lemma];
        f.family_articles.insert(articles.begin(), articles.end());
        if (lemmas.size() != 1) continue;
        if (f.pos == '?') f.pos = how.pos;
        f.forms.insert(word);
        f.articles.insert(articles.begin(), articles.end());
      }
    }
  }

  Result<indexer::SearchResults> search(const std::string& query, std::size_t limit) {
    auto snapshot = indexer::ReaderSnapshot::open(
        {.index = dir.folder().index(), .archive = dir.folder().archive()},
        indexer::IndexNeed::required);
    if (!snapshot) return std::unexpected(snapshot.error());
    indexer::SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.snippets = false;
    return snapshot->index()->search(request, snapshot->archive());
  }
};

}  // namespace

TEST_CASE("a search for a French word finds its inflected forms and little else",
          "[indexer][morphology][corpus]") {
  Sample sample;
  auto& families = sample.families;
  // The lemma as a reader types it: the attested form that folds to it, else the folded lemma.
  const auto typed = [&](const std::string& lemma, const Family& f) {
    for (const auto& form : f.forms) {
      if (base::fold_text(form) == lemma) return form;
    }
    return lemma;
  };

  // The most widely attested lemmas of each part of speech with two forms or more, and the named.
  std::vector<std::pair<std::string, const Family*>> chosen;
  for (const char pos : {'n', 'a', 'v'}) {
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [lemma, f] : families) {
      if (f.pos == pos && f.forms.size() >= 2 && lemma.size() >= 4)
        ranked.emplace_back(f.articles.size(), lemma);
    }
    std::sort(ranked.rbegin(), ranked.rend());
    for (std::size_t i = 0; i < std::min(kLemmasPerPos, ranked.size()); ++i)
      chosen.emplace_back(ranked[i].second, &families[ranked[i].second]);
  }
  std::set<std::string> named;
  for (const auto& word : kNamed) {
    const std::string lemma = base::fold_text(word);
    if (const auto f = families.find(lemma); f != families.end() && f->second.forms.size() >= 2) {
      named.insert(lemma);
      if (std::none_of(chosen.begin(), chosen.end(),
                       [&](const auto& c) { return c.first == lemma; }))
        chosen.emplace_back(lemma, &f->second);
    }
  }
  REQUIRE(chosen.size() >= 3 * kLemmasPerPos);

  std::map<char, Tally> by_pos;
  Tally all, named_tally;
  std::vector<std::string> weakest;
  for (const auto& [lemma, f] : chosen) {
    const std::string query = typed(lemma, *f);
    auto results = sample.search(query, kArticles);
    REQUIRE_OK(results);
    std::set<std::string> found;
    for (const auto& hit : results->hits) found.insert(hit.article.id.hex());
    std::size_t hits = 0, outside = 0;
    for (const auto& id : f->articles) hits += found.contains(id);
    for (const auto& id : found) outside += !f->family_articles.contains(id);
    const double recall = static_cast<double>(hits) / static_cast<double>(f->articles.size());
    by_pos[f->pos].add(recall, found.size(), outside);
    all.add(recall, found.size(), outside);
    if (named.contains(lemma)) named_tally.add(recall, found.size(), outside);
    if (recall < 0.8)
      weakest.push_back(fmt::format("{} {:.0f}% ({} forms)", query, 100 * recall, f->forms.size()));
  }
  const auto line = [](std::string_view what, const Tally& t) {
    return fmt::format("{}: {} lemmas, recall {:.1f}%, outside the family {:.1f}%", what, t.lemmas,
                       100 * t.recall(), 100 * t.outside_share());
  };
  const std::string report =
      fmt::format("{}\n{}\n{}\n{}\n{}\nbelow 80%: {}", line("nouns", by_pos['n']),
                  line("adjectives", by_pos['a']), line("verbs", by_pos['v']),
                  line("named (irregular verbs, -x plurals)", named_tally), line("all", all),
                  fmt::join(weakest, ", "));
  WARN(report);
  CHECK(all.recall() >= 0.90);
  CHECK(by_pos['v'].recall() >= 0.80);
  CHECK(all.outside_share() <= 0.05);
}

// A reader looking for an article they read types a few words they remember of it, not always in
// the form the article used, and often without accents. Each case takes four uncommon words of an
// article's body, the first put in another form of its lemma that the sample attests (`crédits`
// for `crédit`, `dépasse` for `dépasser`), the second without its accents; the article's rank
// among the first ten results gives the mean reciprocal rank.
TEST_CASE("an article is found from a few remembered words in other forms",
          "[indexer][morphology][corpus]") {
  Sample sample;
  // The lemma of a word when it has one only, for its other forms.
  const auto other_form = [&](const std::string& word) -> std::optional<std::string> {
    const auto lemmas = sample.hunspell.lemmas(word);
    if (lemmas.size() != 1 || !lemmas.begin()->second.common) return std::nullopt;
    for (const auto& form : sample.families[lemmas.begin()->first].forms) {
      if (base::fold_text(form) != base::fold_text(word)) return form;
    }
    return std::nullopt;
  };
  double reciprocal_ranks = 0;
  std::size_t cases = 0, changed_forms = 0;
  std::vector<std::string> missed;
  std::size_t n = 0;
  for (const auto& [id, words] : sample.words_of_article) {
    if (n++ % 10 != 0) continue;  // every tenth article
    std::vector<std::string> picked;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < words.size() && picked.size() < 4; i += 7) {
      const std::string& w = words[i];
      const std::size_t spread = sample.articles_of_word[w].size();
      if (w.size() < 6 || spread < 2 || spread > 40 || !seen.insert(w).second) continue;
      picked.push_back(w);
    }
    if (picked.size() < 4) continue;
    if (const auto other = other_form(picked[0])) {
      picked[0] = *other;
      ++changed_forms;
    }
    picked[1] = base::fold_text(picked[1]);
    const std::string query = fmt::format("{}", fmt::join(picked, " "));
    auto results = sample.search(query, 10);
    REQUIRE_OK(results);
    ++cases;
    std::size_t rank = 0;
    for (std::size_t r = 0; r < results->hits.size(); ++r) {
      if (results->hits[r].article.id.hex() == id) {
        rank = r + 1;
        break;
      }
    }
    if (rank == 0) {
      missed.push_back(query);
    } else {
      reciprocal_ranks += 1.0 / static_cast<double>(rank);
    }
  }
  const double mrr = reciprocal_ranks / static_cast<double>(cases);
  WARN(fmt::format("{} cases ({} with a word in another form): MRR@10 {:.3f}; missed: {}", cases,
                   changed_forms, mrr, fmt::join(missed, " | ")));
  CHECK(cases >= 100);
  CHECK(changed_forms >= cases / 3);
  CHECK(mrr >= 0.85);
}
