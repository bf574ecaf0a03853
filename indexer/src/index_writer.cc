#include "kiosque/indexer/index_writer.h"

#include <fmt/format.h>
#include <xapian.h>

#include <cctype>
#include <string_view>
#include <unordered_map>

#include "kiosque/archive/text_fold.h"
#include "schema.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

std::string date_value(const archive::ArticleDate& d) { return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day); }

// Stems with positions (a compound's joined form has none), and the plain folded words.
void add_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, std::string_view stem_prefix,
                std::string_view term_prefix) {
  const std::string stem(stem_prefix), term(term_prefix);
  for (const Token& t : tokens) {
    if (t.position == 0) {
      doc.add_term(stem + t.stem);
    } else {
      doc.add_posting(stem + t.stem, t.position);
      if (!t.alt_stem.empty()) doc.add_posting(stem + t.alt_stem, t.position);
    }
    doc.add_term(term + t.term);
  }
}

Xapian::Document build_document(const AnalysedArticle& a) {
  using namespace schema;
  Xapian::Document doc;
  const std::string id = a.article.id.hex();
  doc.set_data(id);
  doc.add_boolean_term(id_term(id));
  add_tokens(doc, a.body, schema::kStem, "");
  add_tokens(doc, a.title, schema::kTitleStem, schema::kTitle);
  const auto& c = a.article.content;
  if (!c.source.empty()) doc.add_boolean_term(std::string(kSource) + archive::fold_text(c.source));
  if (c.date) {
    doc.add_value(kDateSlot, date_value(*c.date));
    doc.add_boolean_term(fmt::format("{}{:04}", kYear, c.date->year));
    if (c.date->month != 0) doc.add_boolean_term(fmt::format("{}{:04}{:02}", kMonth, c.date->year, c.date->month));
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
  std::uint64_t last_seq = 0;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

namespace {

// A process killed while Xapian creates a database can leave its tables without the revision
// file `iamglass`, and Xapian then refuses to open or to create it. Such an index never had a
// commit, so nothing in it is lost by starting it afresh; a folder holding anything but
// Xapian's own files is left alone.
void clear_unfinished_creation(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec) || std::filesystem::exists(dir / "iamglass", ec)) return;
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "flintlock" && !name.ends_with(".glass") && !name.starts_with("iamglass")) return;
    tables.push_back(entry.path());
  }
  for (const auto& table : tables) std::filesystem::remove(table, ec);
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::filesystem::path& dir,
                                                       const IndexWriterOptions& options) {
  auto impl = std::make_unique<Impl>();
  clear_unfinished_creation(dir);
  try {
    const int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | (options.sync ? 0 : Xapian::DB_NO_SYNC);
    impl->db = Xapian::WritableDatabase(dir.string(), flags);
    const std::string analyser = impl->db.get_metadata(std::string(schema::kAnalyserKey));
    if (analyser.empty() && impl->db.get_doccount() == 0) {
      impl->db.set_metadata(std::string(schema::kAnalyserKey), std::string(FrenchAnalyser::kVersion));
      impl->db.commit();
    } else if (analyser != FrenchAnalyser::kVersion) {
      return fail(Errc::version_mismatch,
                  fmt::format("the index was built by analyser '{}', this kiosque uses '{}'", analyser,
                              FrenchAnalyser::kVersion),
                  "run `kiosque reindex`");
    }
    const std::string seq = impl->db.get_metadata(std::string(schema::kLastSeqKey));
    impl->last_seq = seq.empty() ? 0 : std::stoull(seq);
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "open the index for writing"));
  } catch (const std::exception& e) {
    return fail(Errc::corruption, fmt::format("the index's last sequence number is damaged: {}", e.what()),
                "run `kiosque reindex`");
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

std::uint64_t IndexWriter::last_seq() const { return impl_->last_seq; }

std::uint64_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

Result<void> IndexWriter::replace(const AnalysedArticle& analysed) {
  try {
    impl_->db.replace_document(schema::id_term(analysed.article.id.hex()), build_document(analysed));
    // Folded words feed the spelling table, which suggests corrections for searches that find
    // nothing. Counted per article first: each add_spelling call is a lookup in Xapian's own map.
    std::unordered_map<std::string_view, Xapian::termcount> words;
    for (const Token& t : analysed.body) {
      if (t.position != 0 && t.term.size() >= 4 && !std::isdigit(static_cast<unsigned char>(t.term[0]))) {
        ++words[t.term];
      }
    }
    for (const auto& [word, count] : words) impl_->db.add_spelling(std::string(word), count);
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, fmt::format("index article {}", analysed.article.id.hex())));
  }
  return {};
}

Result<void> IndexWriter::remove(const std::string& id_hex) {
  try {
    impl_->db.delete_document(schema::id_term(id_hex));
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, fmt::format("remove article {} from the index", id_hex)));
  }
  return {};
}

Result<void> IndexWriter::commit(std::uint64_t seq) {
  try {
    impl_->db.set_metadata(std::string(schema::kLastSeqKey), std::to_string(seq));
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "commit the index"));
  }
  impl_->last_seq = seq;
  return {};
}

}  // namespace kiosque::indexer
