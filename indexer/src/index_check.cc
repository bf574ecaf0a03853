#include "kiosque/indexer/index_check.h"

#include <fmt/format.h>
#include <xapian.h>

#include <map>
#include <unordered_map>

#include "index_call.h"
#include "index_meta.h"
#include "kiosque/indexer/index_writer.h"
#include "schema.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

constexpr std::size_t kMaxListed = 1000;
constexpr std::size_t kLogBatch = 4096;

}  // namespace

Result<IndexCheck> check_index(const archive::Store& store, const std::filesystem::path& dir,
                               bool repair,
                               const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const detail::IndexCall call(dir);
  IndexCheck check;
  auto problem = [&](std::string text) {
    if (check.problems.size() < kMaxListed) check.problems.push_back(std::move(text));
  };
  std::unique_ptr<IndexWriter> writer;
  if (repair) {
    auto opened = IndexWriter::open(dir);
    if (!opened) return propagate(opened);
    writer = std::move(*opened);
  }

  // Xapian's B-trees carry no checksums: its own structural check is what finds damaged blocks.
  try {
    if (const auto errors = Xapian::Database::check(dir.string(), 0, nullptr); errors > 0) {
      return fail(Part::index, Errc::corruption,
                  fmt::format("the index is damaged: Xapian's check found {} errors", errors));
    }
  } catch (const Xapian::Error& e) {
    // The check stops at the first block it cannot walk with a plain DatabaseError.
    if (std::string_view(e.get_type()) == "DatabaseError") {
      return fail(Part::index, Errc::corruption,
                  fmt::format("the index is damaged: {}", e.get_msg()));
    }
    return std::unexpected(detail::xapian_error(e, "check the index"));
  }

  std::unordered_map<std::string, std::uint32_t> copies;  // article id (hex) -> documents
  std::vector<std::string> orphans;
  std::vector<archive::Article> wrong_story;  // to re-index, with repair
  std::uint64_t watermark = 0;
  std::map<std::string, SetAside> set_aside;
  try {
    const Xapian::Database db(dir.string());
    if (auto same = detail::check_analyser(db); !same) return propagate(same);
    auto seq = detail::read_watermark(db);
    if (!seq) return propagate(seq);
    watermark = *seq;
    for (SetAside& entry : detail::read_set_aside(db))
      set_aside.emplace(entry.id_hex, std::move(entry));
    if (watermark > store.last_seq()) {
      return fail(Errc::busy, "the index moved past the archive snapshot during the check",
                  "open the archive again (after the index) and check again");
    }
    const std::uint64_t total = db.get_doccount() + store.last_seq();
    std::uint64_t done = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      ++check.documents;
      const Xapian::Document doc = db.get_document(*it);
      const std::string hex = doc.get_data();
      const auto id = archive::Digest::from_hex(hex);
      if (!id) {
        problem(fmt::format("index document {} names no article id", *it));
        ++check.orphans;
        continue;
      }
      if (++copies[hex] == 1) {
        // An article the archive cannot read is the archive's problem, reported by its own check.
        auto article = store.get(*id);
        if (!article && article.error().code == Errc::not_found) {
          ++check.orphans;
          orphans.push_back(hex);
          problem(fmt::format("the index holds article {}, which the archive lacks", hex));
        }
        // Within the watermark the index has taken in every change of story (each re-logs the
        // articles it moves), so it must file the article under the archive's story.
        if (article && article->story && article->seq <= watermark &&
            doc.get_value(schema::kStorySlot) != article->story->group.hex()) {
          ++check.wrong_story;
          problem(fmt::format("article {} is indexed under story {}, the archive has it in {}", hex,
                              doc.get_value(schema::kStorySlot).substr(0, 12),
                              article->story->group.hex().substr(0, 12)));
          if (repair) wrong_story.push_back(std::move(*article));
        }
      }
      if (progress && ++done % 1024 == 0) progress(done, total);
    }
    if (progress) progress(done, total);
  } catch (const Xapian::Error& e) {
    return std::unexpected(detail::xapian_error(e, "read the index"));
  }

  // Every log entry up to the watermark must be in the index once.
  std::vector<archive::Article> to_index = std::move(wrong_story);
  for (std::uint64_t after = 0;;) {
    auto entries = store.read_log(after, kLogBatch);
    if (!entries) return propagate(entries);
    if (entries->empty()) break;
    for (const archive::LogEntry& e : *entries) {
      after = e.seq;
      const auto found = copies.find(e.id.hex());
      const std::uint32_t n = found == copies.end() ? 0 : found->second;
      if (n == 1) continue;
      if (n == 0 && e.seq > watermark) {
        ++check.behind;
        continue;
      }
      if (const auto aside = set_aside.find(e.id.hex()); n == 0 && aside != set_aside.end()) {
        check.set_aside.push_back(aside->second);
        problem(fmt::format("article {} (log #{}, from {}) could not be indexed: {}", e.id.hex(),
                            e.seq,
                            aside->second.file.empty() ? "an unknown file" : aside->second.file,
                            aside->second.reason));
      } else if (n == 0) {
        ++check.missing;
        problem(fmt::format("article {} (log #{}) is not in the index", e.id.hex(), e.seq));
      } else {
        ++check.doubled;
        problem(fmt::format("article {} (log #{}) is in the index {} times", e.id.hex(), e.seq, n));
      }
      if (repair) {
        auto article = store.get(e.id);
        if (!article) return propagate(article);
        to_index.push_back(std::move(*article));
      }
    }
  }
  if (!repair) return check;

  FrenchAnalyser analyser;
  for (const std::string& hex : orphans) {
    if (auto removed = writer->remove(hex); !removed) return propagate(removed);
    ++check.repaired;
  }
  for (archive::Article& article : to_index) {
    const std::string hex = article.id.hex();
    if (auto removed = writer->remove(hex); !removed) return propagate(removed);
    auto added = writer->replace(analyse_article(analyser, std::move(article)));
    if (!added && added.error().code == Errc::refused) continue;  // still set aside
    if (!added) return propagate(added);
    if (set_aside.contains(hex)) {
      if (auto cleared = writer->clear_set_aside(hex); !cleared) return propagate(cleared);
      std::erase_if(check.set_aside, [&](const SetAside& s) { return s.id_hex == hex; });
    }
    ++check.repaired;
  }
  if (check.repaired > 0) {
    if (auto committed = writer->commit(writer->last_seq()); !committed)
      return propagate(committed);
  }
  return check;
}

}  // namespace kiosque::indexer
