#include "morphology_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "folder/data_folder.h"
#include "html_quality.h"
#include "hunspell_reference.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/analyser.h"
#include "kiosque/indexer/indexer.h"
#include "kiosque/indexer/reader_snapshot.h"

namespace kiosque::bench {

namespace {

constexpr std::size_t kLemmasPerPos = 60;
constexpr std::size_t kKnownItemEvery = 10;  // one article in this many gives a known-item case

// Named in the morphology issue: irregular verbs, -x plurals, adjectives with several stems.
const std::vector<std::string> kNamed = {
    "élire",  "mourir",  "décevoir", "recevoir", "cheveu",  "bijou",   "vœu",   "beau",
    "cheval", "travail", "étranger", "actif",    "nouveau", "prendre", "faire", "pouvoir"};

struct Family {
  char pos = '?';
  std::set<std::string> forms;
  std::set<std::size_t> relevant, family;
};

}  // namespace

MorphologyCases morphology_cases(const std::vector<std::filesystem::path>& files) {
  // Every word of every article's body, as kiosque's analyser cuts it (the words, not its stems),
  // in text as the archive stores it (NFC: some corpus files are in NFD).
  indexer::FrenchAnalyser analyser;
  std::vector<std::vector<std::string>> words_of_file(files.size());
  std::map<std::string, std::set<std::size_t>> files_of_word;
  std::vector<indexer::Token> tokens;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto text = archive::normalise(read_bytes(files[i]));
    if (!text) continue;
    tokens.clear();
    analyser.analyse(text->text, tokens);
    for (const auto& t : tokens) {
      if (t.position == 0) continue;
      files_of_word[t.word].insert(i);
      words_of_file[i].push_back(t.word);
    }
  }

  HunspellReference hunspell;
  std::map<std::string, Family> families;  // by the folded lemma
  for (const auto& [word, where] : files_of_word) {
    const auto lemmas = hunspell.lemmas(word);
    for (const auto& [lemma, how] : lemmas) {
      if (!how.common) continue;
      Family& f = families[lemma];
      f.family.insert(where.begin(), where.end());
      if (lemmas.size() != 1) continue;
      if (f.pos == '?') f.pos = how.pos;
      f.forms.insert(word);
      f.relevant.insert(where.begin(), where.end());
    }
  }

  MorphologyCases cases;
  std::set<std::string> chosen;
  const auto choose = [&](const std::string& lemma, bool named) {
    if (!chosen.insert(lemma).second) return;
    const Family& f = families[lemma];
    // The lemma as a reader types it: the attested form that folds to it, else the folded lemma.
    std::string typed = lemma;
    for (const auto& form : f.forms) {
      if (base::fold_text(form) == lemma) typed = form;
    }
    cases.families.push_back({typed, f.pos, named, f.relevant, f.family, f.forms.size()});
  };
  for (const char pos : {'n', 'a', 'v'}) {
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [lemma, f] : families) {
      if (f.pos == pos && f.forms.size() >= 2 && lemma.size() >= 4)
        ranked.emplace_back(f.relevant.size(), lemma);
    }
    std::sort(ranked.rbegin(), ranked.rend());
    for (std::size_t i = 0; i < std::min(kLemmasPerPos, ranked.size()); ++i)
      choose(ranked[i].second, false);
  }
  for (const auto& word : kNamed) {
    const std::string lemma = base::fold_text(word);
    if (const auto f = families.find(lemma); f != families.end() && f->second.forms.size() >= 2) {
      if (chosen.contains(lemma)) {
        for (auto& c : cases.families) c.named = c.named || base::fold_text(c.query) == lemma;
      } else {
        choose(lemma, true);
      }
    }
  }

  // Another attested form of a word's lemma, when the word has one lemma only.
  const auto other_form = [&](const std::string& word) -> std::optional<std::string> {
    const auto lemmas = hunspell.lemmas(word);
    if (lemmas.size() != 1 || !lemmas.begin()->second.common) return std::nullopt;
    for (const auto& form : families[lemmas.begin()->first].forms) {
      if (base::fold_text(form) != base::fold_text(word)) return form;
    }
    return std::nullopt;
  };
  for (std::size_t file = 0; file < files.size(); file += kKnownItemEvery) {
    const auto& words = words_of_file[file];
    std::vector<std::string> picked;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < words.size() && picked.size() < 4; i += 7) {
      const std::string& w = words[i];
      const std::size_t spread = files_of_word[w].size();
      if (w.size() < 6 || spread < 2 || spread > 40 || !seen.insert(w).second) continue;
      picked.push_back(w);
    }
    if (picked.size() < 4) continue;
    KnownItemCase c;
    c.file = file;
    if (const auto other = other_form(picked[0])) {
      picked[0] = *other;
      c.other_form = true;
    }
    picked[1] = base::fold_text(picked[1]);
    c.query = fmt::format("{}", fmt::join(picked, " "));
    cases.known_items.push_back(std::move(c));
  }
  return cases;
}

Result<MorphologyScore> score_morphology(const MorphologyCases& cases, std::size_t file_count,
                                         const FileSearch& search) {
  MorphologyScore score;
  for (const FamilyCase& c : cases.families) {
    auto found = search(c.query, file_count);
    if (!found) return propagate(found);
    const std::set<std::size_t> hits(found->begin(), found->end());
    std::size_t relevant_found = 0, outside = 0;
    for (const auto file : c.relevant) relevant_found += hits.contains(file);
    for (const auto file : hits) outside += !c.family.contains(file);
    const double recall =
        static_cast<double>(relevant_found) / static_cast<double>(c.relevant.size());
    std::vector<MorphologyScore::Tally*> tallies{&score.all, c.pos == 'n'   ? &score.nouns
                                                             : c.pos == 'a' ? &score.adjectives
                                                                            : &score.verbs};
    if (c.named) tallies.push_back(&score.named);
    for (auto* tally : tallies) {
      tally->recall_sum += recall;
      ++tally->lemmas;
      tally->found += hits.size();
      tally->outside += outside;
    }
    if (recall < 0.8) score.weakest.push_back(fmt::format("{} {:.0f}%", c.query, 100 * recall));
  }
  double reciprocal_ranks = 0;
  for (const KnownItemCase& c : cases.known_items) {
    auto found = search(c.query, 10);
    if (!found) return propagate(found);
    ++score.known_items;
    score.other_forms += c.other_form;
    const auto at = std::find(found->begin(), found->end(), c.file);
    if (at == found->end()) {
      score.missed.push_back(c.query);
    } else {
      reciprocal_ranks += 1.0 / static_cast<double>(at - found->begin() + 1);
    }
  }
  if (score.known_items) score.mrr = reciprocal_ranks / static_cast<double>(score.known_items);
  return score;
}

nlohmann::json MorphologyScore::to_json() const {
  const auto tally = [](const Tally& t) {
    return nlohmann::json{{"lemmas", t.lemmas},
                          {"recall", t.recall()},
                          {"outside_family", t.outside_share()},
                          {"results", t.found}};
  };
  return {{"nouns", tally(nouns)},
          {"adjectives", tally(adjectives)},
          {"verbs", tally(verbs)},
          {"named", tally(named)},
          {"all", tally(all)},
          {"below_80", weakest},
          {"known_item",
           {{"cases", known_items},
            {"other_forms", other_forms},
            {"mrr_at_10", mrr},
            {"missed", missed}}}};
}

std::string MorphologyScore::report() const {
  const auto line = [](std::string_view what, const Tally& t) {
    return fmt::format("{}: {} lemmas, recall {:.1f}%, outside the family {:.1f}%\n", what,
                       t.lemmas, 100 * t.recall(), 100 * t.outside_share());
  };
  return line("nouns", nouns) + line("adjectives", adjectives) + line("verbs", verbs) +
         line("named (irregular verbs, -x plurals)", named) + line("all", all) +
         fmt::format(
             "below 80%: {}\nknown items: {} ({} in another form), MRR@10 {:.3f}; "
             "missed: {}",
             fmt::join(weakest, ", "), known_items, other_forms, mrr, fmt::join(missed, " | "));
}

Result<FileSearch> kiosque_file_search(const std::vector<std::filesystem::path>& files,
                                       const std::filesystem::path& data) {
  std::error_code ec;
  std::filesystem::remove_all(data, ec);
  const tools::DataFolder folder{data};
  std::filesystem::create_directories(data, ec);
  auto store = archive::Store::open(folder.archive());
  if (!store) return propagate(store);
  auto files_of_id = std::make_shared<std::map<std::string, std::vector<std::size_t>>>();
  auto ingested = archive::ingest_files(**store, files, {}, [&](const archive::FileOutcome& o) {
    if (*o.result) (*files_of_id)[(*o.result)->id.hex()].push_back(o.index);
  });
  if (!ingested) return propagate(ingested);
  auto index = indexer::Indexer::open(folder.index());
  if (!index) return propagate(index);
  if (auto updated = (*index)->update(**store, {}, indexer::Pace::steady); !updated)
    return propagate(updated);
  return FileSearch([folder, files_of_id](const std::string& query,
                                          std::size_t limit) -> Result<std::vector<std::size_t>> {
    auto snapshot = indexer::ReaderSnapshot::open(
        {.index = folder.index(), .archive = folder.archive()}, indexer::IndexNeed::required);
    if (!snapshot) return propagate(snapshot);
    indexer::SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.snippets = false;
    auto results = snapshot->index()->search(request, snapshot->archive());
    if (!results) return propagate(results);
    std::vector<std::size_t> out;
    for (const auto& hit : results->hits) {
      // Files of one content are one article: it stands for each of them.
      if (const auto same = files_of_id->find(hit.article.id.hex()); same != files_of_id->end())
        out.insert(out.end(), same->second.begin(), same->second.end());
    }
    if (out.size() > limit) out.resize(limit);
    return out;
  });
}

}  // namespace kiosque::bench
