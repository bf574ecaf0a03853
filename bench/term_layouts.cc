#include "term_layouts.h"

#include <xapian.h>

#include <chrono>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "html_quality.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/base/folder_bytes.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/analyser.h"
#include "lexicon.h"
#include "schema.h"

namespace kiosque::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

using indexer::schema::kStem;

// Every folded form of each folded lemma: the lexicon inverted, once per process.
const std::unordered_map<std::string, std::vector<std::string>>& forms_of_lemma() {
  static const auto table = [] {
    const auto& lexicon = indexer::detail::Lexicon::french();
    std::unordered_map<std::string, std::set<std::string>> sets;
    for (std::size_t i = 0; i < lexicon.form_count(); ++i) {
      const auto lemmas = lexicon.lemmas_of_form(i);
      const std::string folded = base::fold_text(lexicon.form(i));
      for (std::size_t k = 0; k < lemmas.size(); ++k) sets[std::string(lemmas[k])].insert(folded);
    }
    std::unordered_map<std::string, std::vector<std::string>> out;
    for (auto& [lemma, forms] : sets) out[lemma].assign(forms.begin(), forms.end());
    return out;
  }();
  return table;
}

void add_body(Xapian::Document& doc, const std::vector<indexer::Token>& tokens, TermLayout layout) {
  const std::string z(kStem);
  for (const auto& t : tokens) {
    if (layout == TermLayout::expansion) {
      if (t.position == 0) {
        doc.add_term(t.term);
      } else {
        doc.add_posting(t.term, t.position);
      }
      continue;
    }
    if (t.position == 0) {
      doc.add_term(z + t.stem);
    } else {
      doc.add_posting(z + t.stem, t.position);
      for (const auto& alt : t.alt_stems) doc.add_posting(z + alt, t.position);
    }
    if (layout == TermLayout::lemmas) doc.add_term(t.term);
  }
}

}  // namespace

const char* layout_name(TermLayout layout) {
  switch (layout) {
    case TermLayout::lemmas:
      return "lemmas";
    case TermLayout::lemmas_only:
      return "lemmas_only";
    case TermLayout::expansion:
      return "expansion";
  }
  return "?";
}

LayoutBuild build_layout(const std::vector<std::filesystem::path>& files, TermLayout layout,
                         const std::filesystem::path& db) {
  const auto built = db.string() + ".build";
  std::filesystem::remove_all(db);
  std::filesystem::remove_all(built);
  LayoutBuild out;
  indexer::FrenchAnalyser analyser;
  std::vector<indexer::Token> tokens;
  {
    Xapian::WritableDatabase writer(built, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& file : files) {
      auto start = Clock::now();
      tokens.clear();
      if (const auto text = archive::normalise(read_bytes(file)))
        analyser.analyse(text->text, tokens);
      out.analysis_seconds += seconds_since(start);
      start = Clock::now();
      Xapian::Document doc;
      add_body(doc, tokens, layout);
      writer.add_document(doc);
      out.index_seconds += seconds_since(start);
    }
    const auto start = Clock::now();
    writer.commit();
    writer.close();
    Xapian::Database(built).compact(db.string());
    out.index_seconds += seconds_since(start);
  }
  std::filesystem::remove_all(built);
  out.bytes = base::folder_bytes(db);
  const Xapian::Database reader(db.string());
  for (auto t = reader.allterms_begin(); t != reader.allterms_end(); ++t) ++out.terms;
  return out;
}

struct LayoutSearch::Impl {
  Impl(const std::filesystem::path& path, TermLayout l) : db(path.string()), layout(l) {}
  Xapian::Database db;
  TermLayout layout;
  indexer::FrenchAnalyser analyser;
  std::vector<indexer::Token> tokens;
  std::uint64_t words = 0, terms = 0;

  Xapian::Query word_query(const indexer::Token& t) {
    ++words;
    if (layout != TermLayout::expansion) {
      ++terms;
      return Xapian::Query(std::string(kStem) + t.stem);
    }
    std::vector<std::string> forms{t.term};
    if (const auto at = forms_of_lemma().find(t.stem); at != forms_of_lemma().end())
      forms.insert(forms.end(), at->second.begin(), at->second.end());
    terms += forms.size();
    return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  }
};

LayoutSearch::LayoutSearch(const std::filesystem::path& db, TermLayout layout)
    : impl_(std::make_unique<Impl>(db, layout)) {
  // Inverting the lexicon is the expansion's set-up, not a query's cost.
  if (layout == TermLayout::expansion) forms_of_lemma();
}
LayoutSearch::~LayoutSearch() = default;
LayoutSearch::LayoutSearch(LayoutSearch&&) noexcept = default;

std::vector<std::size_t> LayoutSearch::search(const std::string& query, std::size_t limit) {
  auto& i = *impl_;
  i.tokens.clear();
  i.analyser.analyse(query, i.tokens);
  std::vector<Xapian::Query> words;
  for (const auto& t : i.tokens) {
    if (t.position != 0) words.push_back(i.word_query(t));
  }
  Xapian::Enquire enquire(i.db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
  const Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  std::vector<std::size_t> out;
  for (auto m = found.begin(); m != found.end(); ++m) out.push_back(*m - 1);
  return out;
}

FileSearch LayoutSearch::as_file_search() {
  return [this](const std::string& query, std::size_t limit) -> Result<std::vector<std::size_t>> {
    return search(query, limit);
  };
}

double LayoutSearch::terms_per_word() const {
  return impl_->words ? static_cast<double>(impl_->terms) / static_cast<double>(impl_->words) : 0;
}

SampleStats time_queries(LayoutSearch& search, const std::vector<std::string>& queries,
                         std::size_t repeat) {
  std::vector<double> ms;
  for (std::size_t r = 0; r < repeat; ++r) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      search.search(q, 10);
      ms.push_back(1000 * seconds_since(start));
    }
  }
  return summarise(std::move(ms));
}

}  // namespace kiosque::bench
