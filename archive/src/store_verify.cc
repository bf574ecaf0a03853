// Store::verify: reading every record back and checking it against its key and its neighbours.
#include <fmt/format.h>

#include <unordered_map>

#include "kiosque/archive/content_hash.h"
#include "store_impl.h"
#include "stories/story_index.h"

namespace kiosque::archive {

namespace {

// Problems beyond this many are counted, not listed: a badly damaged archive would otherwise
// print millions of lines.
constexpr std::size_t kMaxListed = 1000;

struct Checker {
  rocksdb::DB& db;
  const std::array<rocksdb::ColumnFamilyHandle*, kFamilies>& cf;
  ArchiveCheck check;
  std::uint64_t extra_problems = 0;
  std::uint64_t done = 0, total = 0;
  const std::function<void(std::uint64_t, std::uint64_t)>& progress;

  void problem(std::string text) {
    if (check.problems.size() < kMaxListed) {
      check.problems.push_back(std::move(text));
    } else {
      ++extra_problems;
    }
  }

  void step() {
    if (progress && ++done % 1024 == 0) progress(done, total);
  }

  // Visits every record of `family`; a read error (a damaged table) is one problem, and the
  // family's remaining records are not reached.
  template <typename F>
  bool each(Family family, F&& visit) {
    rocksdb::ReadOptions options;
    options.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, cf[family]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      visit(std::string_view(it->key().data(), it->key().size()),
            std::string_view(it->value().data(), it->value().size()));
      step();
    }
    if (!it->status().ok()) {
      problem(fmt::format("the {} records cannot all be read: {}", kFamilyNames[family],
                          it->status().ToString()));
      return false;
    }
    return true;
  }
};

}  // namespace

Result<ArchiveCheck> Store::verify(
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) const {
  const Impl& d = *impl_;
  Checker c{*d.db, d.cf, {}, 0, 0, d.counters.articles * 2 + d.counters.raw_versions, progress};

  // Raw versions: the bytes hash to the key, and the article they belong to exists.
  std::unordered_map<std::string, std::string> raw_owner;  // raw id -> article id (binary)
  const bool raw_read = c.each(kRaw, [&](std::string_view key, std::string_view value) {
    ++c.check.raw_versions;
    const auto id = Digest::from_bytes(key);
    const auto raw = decode_raw(value);
    if (!id || !raw) {
      c.problem(
          fmt::format("raw version {} does not decode", id ? id->hex() : "with a malformed key"));
      return;
    }
    const auto bytes = raw_file_bytes(*raw);
    if (!bytes) {
      c.problem(fmt::format("raw version {} does not decompress", id->hex()));
      return;
    }
    c.check.bytes += bytes->size();
    if (sha256(*bytes) != *id)
      c.problem(fmt::format("raw version {}: its bytes do not hash to its id", id->hex()));
    raw_owner.emplace(std::string(key), std::string(raw->article.view()));
  });

  // Articles: the normalised text hashes to the key, each raw version exists and points back,
  // and the log entry named by the article's sequence number names it.
  std::unordered_map<std::uint64_t, std::string> article_of_seq;
  const bool articles_read = c.each(kArticles, [&](std::string_view key, std::string_view value) {
    ++c.check.articles;
    const auto id = Digest::from_bytes(key);
    if (!id) {
      c.problem("an article record has a malformed key");
      return;
    }
    const auto article = decode_article(*id, value);
    if (!article) {
      c.problem(fmt::format("article {} does not decode", id->hex()));
      return;
    }
    c.check.bytes += article->content.text.size();
    if (sha256(article->content.text) != *id) {
      c.problem(fmt::format("article {}: its normalised text does not hash to its id", id->hex()));
    }
    for (const RawId& raw : article->raw_versions) {
      const auto owner = raw_owner.find(std::string(raw.view()));
      if (!raw_read) break;  // what could not be read is reported once, not per article
      if (owner == raw_owner.end()) {
        c.problem(fmt::format("article {}: its raw version {} is missing", id->hex(), raw.hex()));
      } else if (owner->second != key) {
        c.problem(fmt::format("article {}: raw version {} belongs to another article", id->hex(),
                              raw.hex()));
      }
    }
    if (!article_of_seq.emplace(article->seq, std::string(key)).second) {
      c.problem(fmt::format("article {}: another article has the same log number {}", id->hex(),
                            article->seq));
    }
  });

  // The log: one entry per article, each naming the article that carries its number.
  std::uint64_t last = 0;
  const bool log_read = c.each(kLog, [&](std::string_view key, std::string_view value) {
    ++c.check.log_entries;
    const auto seq = decode_seq(key);
    const auto id = decode_log_value(value);
    if (!seq || !id) {
      c.problem("an entry of the ingestion log does not decode");
      return;
    }
    last = std::max(last, *seq);
    const auto named = article_of_seq.find(*seq);
    if (!articles_read) return;
    if (named == article_of_seq.end() || named->second != id->view()) {
      c.problem(fmt::format("log entry {} names article {}, which does not carry that number", *seq,
                            id->hex()));
    }
  });

  if (raw_read && articles_read && log_read &&
      (c.check.articles != d.counters.articles || c.check.raw_versions != d.counters.raw_versions ||
       c.check.log_entries != c.check.articles || last != d.counters.last_seq)) {
    c.problem(fmt::format(
        "the counters say {} articles, {} raw versions, last log entry {}; the records hold {}, {} "
        "and {} ({} log entries)",
        d.counters.articles, d.counters.raw_versions, d.counters.last_seq, c.check.articles,
        c.check.raw_versions, last, c.check.log_entries));
  }
  // Stories: every place listed in its group and every group member placed there, once the
  // records they point at have read back whole.
  if (raw_read && articles_read && log_read) {
    std::vector<std::string> story_problems;
    auto checked = detail::check_stories(d, story_problems);
    auto counts = detail::count_stories(d);
    auto current = detail::stories_current(d);
    if (!checked || !counts || !current) {
      story_problems.push_back(
          fmt::format("the stories could not be read: {}", (!checked  ? checked.error()
                                                            : !counts ? counts.error()
                                                                      : current.error())
                                                               .message));
    } else if (*current && counts->placed != c.check.articles) {
      story_problems.push_back(
          fmt::format("{} of {} articles are placed in a story", counts->placed, c.check.articles));
    }
    for (auto& p : story_problems) c.problem(std::move(p));
  }
  if (c.extra_problems > 0)
    c.check.problems.push_back(fmt::format("… and {} more problems", c.extra_problems));
  if (progress) progress(c.total, c.total);
  return c.check;
}

}  // namespace kiosque::archive
