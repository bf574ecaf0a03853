#include "kiosque/indexer/index_writer.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "index_call.h"
#include "index_meta.h"
#include "kiosque/base/text_fold.h"
#include "kiosque/indexer/crash_guard.h"
#include "schema.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

std::string date_value(const archive::ArticleDate& d) {
  return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

// Xapian refuses, when the document reaches the database, an empty term or one longer than
// this: and then drops every uncommitted change. Checked first, so that one bad document is
// refused alone.
constexpr std::size_t kXapianMaxTermBytes = 245;

// The analyser never makes a term Xapian refuses, so the path that sets an article aside is
// reached only through KIOSQUE_MAX_TERM_BYTES, a lower limit for trying that path out on real
// articles (the tests do, through the real updater, watch and add). Documented in README.md.
std::size_t max_term_bytes() {
  const char* lower = std::getenv("KIOSQUE_MAX_TERM_BYTES");
  if (lower == nullptr) return kXapianMaxTermBytes;
  std::size_t value = 0;
  const std::string_view text(lower);
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  return err == std::errc() && end == text.data() + text.size() && value > 0
             ? std::min(value, kXapianMaxTermBytes)
             : kXapianMaxTermBytes;
}

// The longest term a document is given, to check against Xapian's limit before Xapian does.
struct Longest {
  std::size_t bytes = 0;
  std::string start;  // the term's first bytes, for the message
  void see(std::string_view prefix, std::string_view rest) {
    if (prefix.size() + rest.size() <= bytes) return;
    bytes = prefix.size() + rest.size();
    start = std::string(prefix) + std::string(rest.substr(0, 40));
  }
};

// Stems with positions (a compound's joined form has none).
void add_stems(Xapian::Document& doc, const std::vector<Token>& tokens,
               std::string_view stem_prefix, Longest& longest) {
  const std::string stem(stem_prefix);
  for (const Token& t : tokens) {
    longest.see(stem_prefix, t.stem);
    for (const auto& alt : t.alt_stems) longest.see(stem_prefix, alt);
    if (t.position == 0) {
      doc.add_term(stem + t.stem);
    } else {
      doc.add_posting(stem + t.stem, t.position);
      for (const auto& alt : t.alt_stems) doc.add_posting(stem + alt, t.position);
    }
  }
}

// The folded words, without positions: a title's, for `title:` wildcards.
void add_words(Xapian::Document& doc, const std::vector<Token>& tokens,
               std::string_view term_prefix, Longest& longest) {
  const std::string term(term_prefix);
  for (const Token& t : tokens) {
    longest.see(term_prefix, t.term);
    doc.add_term(term + t.term);
  }
}

// The folded source, cut to the analyser's term length (a credit line can be long).
std::string source_term(const std::string& source) {
  return base::cut_utf8(base::fold_text(source), FrenchAnalyser::kMaxTermBytes);
}

// Which words of a boolean field's value are terms besides the whole value.
enum class Words {
  none,
  each,     // every word (authors, keywords)
  telling,  // every word but articles and linking words, split at apostrophes too (sources:
            // source:figaro finds "Le Figaro", source:equipe "L'Équipe")
};

// A boolean field's terms: the folded value whole, and the words `words` says.
void add_field(Xapian::Document& doc, std::string_view prefix, const std::string& value,
               Words words, Longest& longest) {
  const std::string folded = source_term(value);
  if (folded.empty()) return;
  doc.add_boolean_term(std::string(prefix) + folded);
  longest.see(prefix, folded);
  if (words == Words::none) return;
  static constexpr std::string_view kLinking[] = {"le", "la", "les", "l", "de", "du", "des", "d"};
  const std::string_view separators = words == Words::telling ? " '" : " ";
  std::size_t start = 0;
  while (start < folded.size()) {
    const auto end = std::min(folded.find_first_of(separators, start), folded.size());
    const std::string_view word = std::string_view(folded).substr(start, end - start);
    const bool linking =
        std::find(std::begin(kLinking), std::end(kLinking), word) != std::end(kLinking);
    if (!word.empty() && word.size() < folded.size() && !(words == Words::telling && linking)) {
      doc.add_boolean_term(std::string(prefix) + std::string(word));
    }
    start = end + 1;
  }
}

// actu.orange.fr gives actu.orange.fr and orange.fr, so that site:orange.fr finds every section.
void add_site(Xapian::Document& doc, const std::string& host, Longest& longest) {
  std::string_view h = host;
  while (std::count(h.begin(), h.end(), '.') >= 1) {
    add_field(doc, schema::kSite, std::string(h), Words::none, longest);
    h.remove_prefix(h.find('.') + 1);
  }
}

Xapian::Document build_document(const AnalysedArticle& a, Longest& longest) {
  using namespace schema;
  Xapian::Document doc;
  const std::string id = a.article.id.hex();
  doc.set_data(id);
  doc.add_boolean_term(id_term(id));
  // The body's folded words are not indexed: they made a quarter of the index and two fifths of
  // Xapian's time (indexer/README.md), and a wildcard matches the stems instead.
  add_stems(doc, a.body, schema::kStem, longest);
  add_stems(doc, a.title, schema::kTitleStem, longest);
  add_words(doc, a.title, schema::kTitle, longest);
  const auto& c = a.article.content;
  add_field(doc, kSource, c.source, Words::telling, longest);
  add_field(doc, kSource, c.credit, Words::telling, longest);
  if (!c.source.empty()) doc.add_value(kSourceSlot, c.source);
  for (const auto& author : c.meta.authors) add_field(doc, kAuthor, author, Words::each, longest);
  add_field(doc, kSection, c.meta.section, Words::none, longest);
  for (const auto& tag : c.meta.tags) add_field(doc, kTag, tag, Words::each, longest);
  add_site(doc, c.meta.site, longest);
  const archive::FiledDate filed = archive::filed_date(a.article);
  doc.add_value(kDateSlot, date_value(filed.date));
  if (filed.kind == archive::FiledDate::Kind::intake)
    doc.add_value(kDateKindSlot, std::string(kIntakeDated));
  if (a.article.story) {
    const std::string story = a.article.story->group.hex();
    doc.add_value(kStorySlot, story);
    doc.add_boolean_term(std::string(kStory) + story);
  }
  if (c.date) {
    doc.add_boolean_term(fmt::format("{}{:04}", kYear, c.date->year));
    if (c.date->month != 0)
      doc.add_boolean_term(fmt::format("{}{:04}{:02}", kMonth, c.date->year, c.date->month));
    if (c.date->day != 0) doc.add_boolean_term(std::string(kDay) + date_value(*c.date));
  }
  return doc;
}

}  // namespace

AnalysedArticle analyse_article(FrenchAnalyser& analyser, archive::Article article) {
  AnalysedArticle a;
  a.body.reserve(article.content.text.size() / 5);
  analyser.analyse(article.content.text, a.body);
  analyser.analyse(article.content.title, a.title);
  a.article = std::move(article);
  return a;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  std::filesystem::path dir;
  std::size_t max_term_bytes = 0;  // the longest term a document may have
  std::uint64_t last_seq = 0;
  std::uint64_t uncommitted = 0;
  std::vector<SetAside> set_aside;  // written with the next commit
  // The folded words of the articles replaced since the last commit, with their counts, for the
  // spelling table. Given to Xapian once per word at the commit: one add_spelling call per word of
  // every article cost as much as all the articles' other terms (4.7 million calls for fr-news,
  // each a lookup in Xapian's own map, and a first one a lookup in the table on disk).
  std::unordered_map<std::string, Xapian::termcount> spelling;

  // Nothing waits for a commit any more: one was made, or Xapian cancelled every change since the
  // last (and with them the words those changes brought).
  void forget_pending() {
    uncommitted = 0;
    spelling.clear();
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

namespace {

// A process killed while Xapian creates a database can leave its tables without the revision
// file `iamglass`, and Xapian then refuses to open or to create it. Such an index never had a
// commit, so nothing in it is lost by starting it afresh; a folder holding anything but
// Xapian's own files is left alone. Glass writes the first revision as `v.tmp` and renames it
// to `iamglass` once the tables exist (glass_version.cc).
void clear_unfinished_creation(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec) || std::filesystem::exists(dir / "iamglass", ec))
    return;
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "flintlock" && name != "v.tmp" && !name.ends_with(".glass") &&
        !name.starts_with("iamglass")) {
      return;
    }
    tables.push_back(entry.path());
  }
  for (const auto& table : tables) std::filesystem::remove(table, ec);
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::filesystem::path& dir,
                                                       const IndexWriterOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (std::filesystem::exists(damaged_marker(dir))) {
    return fail(Part::index, Errc::corruption,
                "the index is damaged: a kiosque process crashed reading it");
  }
  const detail::IndexCall call(dir);
  clear_unfinished_creation(dir);
  impl->dir = dir;
  impl->max_term_bytes = max_term_bytes();
  try {
    const int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS |
                      (options.sync ? 0 : Xapian::DB_NO_SYNC);
    impl->db = Xapian::WritableDatabase(dir.string(), flags);
    if (detail::read_analyser(impl->db).empty() && impl->db.get_doccount() == 0) {
      detail::write_analyser(impl->db);
      impl->db.commit();
    } else if (auto same = detail::check_analyser(impl->db); !same) {
      return propagate(same);
    }
    auto seq = detail::read_watermark(impl->db);
    if (!seq) return propagate(seq);
    impl->last_seq = *seq;
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "open the index for writing"));
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

std::uint64_t IndexWriter::last_seq() const { return impl_->last_seq; }

std::uint64_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

Result<void> IndexWriter::replace(const AnalysedArticle& analysed) {
  const detail::IndexCall call(impl_->dir);
  const std::string id = analysed.article.id.hex();
  Xapian::Document doc;
  try {
    Longest longest;
    doc = build_document(analysed, longest);
    if (longest.bytes > impl_->max_term_bytes) {
      return fail(Errc::refused,
                  fmt::format("article {} cannot be indexed: a term of {} bytes, which the index "
                              "refuses (at most {}): '{}'",
                              id, longest.bytes, impl_->max_term_bytes, longest.start));
    }
  } catch (const Xapian::Error& e) {
    return fail(Errc::refused, fmt::format("article {} cannot be indexed: {}", id, e.get_msg()));
  }
  try {
    // Folded words feed the spelling table, which suggests corrections for searches that find
    // nothing; counted per article first, kept only once Xapian has taken the document.
    std::unordered_map<std::string_view, Xapian::termcount> words;
    for (const Token& t : analysed.body) {
      if (t.position != 0 && t.term.size() >= 4 &&
          !std::isdigit(static_cast<unsigned char>(t.term[0]))) {
        ++words[t.term];
      }
    }
    impl_->db.replace_document(schema::id_term(id), doc);
    ++impl_->uncommitted;
    for (const auto& [word, count] : words) impl_->spelling[std::string(word)] += count;
  } catch (const Xapian::Error& e) {
    impl_->forget_pending();
    if (std::string_view(e.get_type()) == "InvalidArgumentError") {
      return fail(Errc::refused, fmt::format("article {} cannot be indexed: {}", id, e.get_msg()));
    }
    return std::unexpected(detail::xapian_error(e, fmt::format("index article {}", id)));
  }
  return {};
}

std::uint64_t IndexWriter::uncommitted() const { return impl_->uncommitted; }

void IndexWriter::set_aside(SetAside entry) { impl_->set_aside.push_back(std::move(entry)); }

Result<void> IndexWriter::clear_set_aside(const std::string& id_hex) {
  try {
    detail::clear_set_aside(impl_->db, id_hex);
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "update the index's metadata"));
  }
  return {};
}

Result<bool> IndexWriter::holds(const std::string& id_hex) const {
  try {
    return impl_->db.term_exists(schema::id_term(id_hex));
  } catch (const Xapian::Error& e) {
    return std::unexpected(
        detail::xapian_error(e, fmt::format("look up article {} in the index", id_hex)));
  }
}

Result<void> IndexWriter::remove(const std::string& id_hex) {
  try {
    impl_->db.delete_document(schema::id_term(id_hex));
    ++impl_->uncommitted;
  } catch (const Xapian::Error& e) {
    impl_->forget_pending();
    return std::unexpected(
        detail::xapian_error(e, fmt::format("remove article {} from the index", id_hex)));
  }
  return {};
}

Result<void> IndexWriter::commit(std::uint64_t seq) {
  const detail::IndexCall call(impl_->dir);
  try {
    for (const auto& [word, count] : impl_->spelling) impl_->db.add_spelling(word, count);
    for (const SetAside& entry : impl_->set_aside) detail::write_set_aside(impl_->db, entry);
    detail::write_watermark(impl_->db, seq);
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    impl_->forget_pending();
    return std::unexpected(detail::xapian_error(e, "commit the index"));
  }
  impl_->set_aside.clear();
  impl_->forget_pending();
  impl_->last_seq = seq;
  return {};
}

}  // namespace kiosque::indexer
