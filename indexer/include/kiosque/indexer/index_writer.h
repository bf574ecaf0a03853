// The Xapian index's single writer.
//
// Documents are replaced by their unique `Q` term, so indexing an article twice leaves one
// document. commit() records the archive log sequence number up to which the index is complete,
// in the same Xapian commit as the documents: after a crash, the index resumes from there.
// Xapian allows one writer per index (a second gets Errc::busy). Used from one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosque/archive/article.h"
#include "kiosque/base/result.h"
#include "kiosque/indexer/analyser.h"

namespace kiosque::indexer {

// An article analysed and ready for the writer: built on any thread.
struct AnalysedArticle {
  archive::Article article;
  std::vector<Token> body;
  std::vector<Token> title;
};

// Analyses an article's text and title.
AnalysedArticle analyse_article(FrenchAnalyser& analyser, archive::Article article);

// An article the index could not take (a document Xapian would refuse): set aside, recorded in
// the index with its reason, so that one article never stops the others. `kiosque verify` lists
// these; `reindex` and `verify --repair` try them again.
struct SetAside {
  std::string id_hex;
  std::uint64_t seq = 0;  // its log entry
  std::string file;       // the file it first came from, when the archive says
  std::string reason;
};

struct IndexWriterOptions {
  // fsync at each commit. Off only for scratch databases that are merged and synced later.
  bool sync = true;
};

class IndexWriter {
 public:
  // Opens the index in `dir`, creating it if missing. Errc::version_mismatch when it was built by
  // another analyser ("run kiosque reindex"), Errc::busy when another process writes it.
  static Result<std::unique_ptr<IndexWriter>> open(const std::filesystem::path& dir,
                                                   const IndexWriterOptions& options = {});
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The log sequence number the index is complete up to (0 for a new index).
  std::uint64_t last_seq() const;
  std::uint64_t document_count() const;

  // Adds or replaces the article's document. Visible to readers after commit(). Errc::refused
  // when the document cannot be indexed (a term Xapian would refuse): nothing was written, and
  // the caller sets the article aside. Any other error means Xapian dropped every change since
  // the last commit (uncommitted() is then 0): redo them from last_seq().
  Result<void> replace(const AnalysedArticle& analysed);
  // Changes since the last commit (replaced and removed documents).
  std::uint64_t uncommitted() const;
  // Records `entry` in the index, with the next commit; clear_set_aside() forgets one (after it
  // was indexed at last).
  void set_aside(SetAside entry);
  Result<void> clear_set_aside(const std::string& id_hex);
  // Whether the index holds a document of the article with this id (64 hex digits).
  Result<bool> holds(const std::string& id_hex) const;
  // Removes every document of the article with this id (64 hex digits).
  Result<void> remove(const std::string& id_hex);
  // Makes everything durable and visible, recording `seq` as the new last_seq().
  Result<void> commit(std::uint64_t seq);

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosque::indexer
