#include "kiosque/archive/store.h"

#include <fmt/format.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "kiosque/base/folder_bytes.h"
#include "read_only_open.h"
#include "record_codec.h"
#include "rocks_error.h"
#include "rocks_log.h"
#include "store_impl.h"
#include "stories/story_index.h"

namespace kiosque::archive {

namespace {

// Placing an article reads postings and candidates' records all over the archive; RocksDB's
// default, 8 MB per family, held a tenth of what a 60,000-article archive's placings read.
constexpr std::size_t kBlockCacheBytes = 64 << 20;

rocksdb::ColumnFamilyOptions family_options(Family family,
                                            const std::shared_ptr<rocksdb::Cache>& cache,
                                            bool read_only) {
  rocksdb::ColumnFamilyOptions o;
  // Raw bytes arrive compressed (raw_compression.h): RocksDB would only spend time failing to
  // shrink them further. The first kiosque's uncompressed raw records stay as they are.
  const auto compression = family == kRaw ? rocksdb::kNoCompression : rocksdb::kZSTD;
  o.compression = compression;
  o.bottommost_compression = compression;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  // Bloom filters answer the writer's lookups of what is absent. A reader looks up what its index
  // or a story names, which is there, and would only load every table's filter as it opens (a
  // search process: 55 ms with them, 50 ms without, on fr-news).
  if (family == kStories) {
    // Every lookup of a placing names one prefix (a kind of key and 8 bytes: a shingle, a name,
    // an id), and most shingles of a new body were never seen: prefix blooms, in the tables and
    // in the memtable, answer those without a search. Its keys are hashes, in no order: a
    // memtable of one small skiplist per prefix takes them in at half the cost of one large
    // skiplist (measured on fr-news: 1.5 s against 3.1 s for 740,000 keys).
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(9));
    // Both are made zeroed whenever a memtable is, a writer's open among them: RocksDB's defaults
    // (a million buckets, a bloom of a tenth of the memtable: 14 MB) took 50 ms of a one-file
    // add. 64 Ki buckets hold a full memtable's 800,000 keys in lists of a dozen, and 2 % of
    // the memtable gives its prefixes 13 bits each. A reader's memtable holds only the log's
    // unflushed tail: it has neither.
    if (!read_only) {
      o.memtable_prefix_bloom_size_ratio = 0.02;
      o.memtable_factory.reset(rocksdb::NewHashSkipListRepFactory(64 << 10));
      // A flush first sorts the buckets into one skiplist, with a cache miss per step once the
      // memtable outgrows the caches: archiving fr-news and closing took 6.4 s with RocksDB's
      // 64 MB, 5.0-5.4 s with 16 MB, 5.7-6.1 s with 4 MB (more tables for each lookup to pass).
      o.write_buffer_size = 16 << 20;
    }
    if (!read_only) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  if (family == kShingles) {
    // Looked up by shingle (8 bytes), and most shingles of a new body were never seen: prefix
    // blooms answer those. Written in sorted batches (stories/shingle_postings.h), which RocksDB's
    // own skiplist takes in at little cost and a flush writes out without sorting; one batch of
    // postings is about 14 MB.
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
    t.whole_key_filtering = false;
    if (!read_only) {
      o.memtable_prefix_bloom_size_ratio = 0.02;
      o.write_buffer_size = 32 << 20;
      t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    }
  }
  if (family == kRaw || family == kArticles || family == kProvenance) {
    // Every put looks its raw id and article id up; most are absent, which a bloom filter answers.
    if (!read_only) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    t.block_size = 16 * 1024;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::Options db_options(const std::filesystem::path& dir, const StoreOptions& options) {
  rocksdb::Options o;
  o.info_log = detail::open_info_log(dir, !options.read_only);
  o.create_if_missing = options.create_if_missing && !options.read_only;
  o.create_missing_column_families = !options.read_only;
  o.max_background_jobs = 2;
  // A reader is most often a one-query process: starting RocksDB's 16 table-opening threads cost
  // it more (14 ms of 68) than opening its tables on one.
  if (options.read_only) o.max_file_opening_threads = 1;
  // One writing thread, and the stories' hashed memtable takes no concurrent writes.
  o.allow_concurrent_memtable_write = false;
  if (options.env != nullptr) o.env = options.env;
  return o;
}

void widen(std::optional<ArticleDate>& earliest, std::optional<ArticleDate>& latest,
           const std::optional<ArticleDate>& date) {
  if (!date) return;
  if (!earliest || *date < *earliest) earliest = date;
  if (!latest || *date > *latest) latest = date;
}

}  // namespace

const char* put_status_name(PutStatus status) noexcept {
  switch (status) {
    case PutStatus::added:
      return "added";
    case PutStatus::duplicate:
      return "duplicate";
    case PutStatus::new_raw_version:
      return "new_raw_version";
  }
  return "unknown";
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

bool Store::exists(const std::filesystem::path& dir) {
  return std::filesystem::exists(dir / "CURRENT");
}

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir,
                                           const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->read_only = options.read_only;
  if (options.read_only && !exists(dir)) {
    return fail(Part::archive, Errc::not_found,
                fmt::format("there is no archive in {}", dir.string()));
  }
  if (!options.read_only) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
      return fail(Errc::io_error, fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }

  // A reader of an archive written by an older kiosque opens the families it has.
  std::vector<std::string> existing;
  if (options.read_only) {
    const rocksdb::Status listed =
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &existing);
    if (!listed.ok())
      return std::unexpected(
          rocks_error(listed, fmt::format("open the archive in {}", dir.string())));
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  std::vector<Family> opened;
  const auto cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  for (std::size_t i = 0; i < kFamilies; ++i) {
    if (options.read_only &&
        std::find(existing.begin(), existing.end(), kFamilyNames[i]) == existing.end())
      continue;
    families.emplace_back(kFamilyNames[i],
                          family_options(static_cast<Family>(i), cache, options.read_only));
    opened.push_back(static_cast<Family>(i));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  const rocksdb::DBOptions db_opts(db_options(dir, options));
  const rocksdb::Status s =
      options.read_only ? detail::open_read_only(db_opts, dir, families, &handles, &raw_db)
                        : rocksdb::DB::Open(db_opts, dir.string(), families, &handles, &raw_db);
  if (!s.ok())
    return std::unexpected(rocks_error(s, fmt::format("open the archive in {}", dir.string())));
  impl->db.reset(raw_db);
  for (std::size_t i = 0; i < opened.size(); ++i) impl->cf[opened[i]] = handles[i];
  for (const Family f : {kRaw, kArticles, kProvenance, kLog, kMeta}) {
    if (impl->cf[f] == nullptr)
      return fail(
          Part::archive, Errc::corruption,
          fmt::format("the archive in {} has no '{}' records", dir.string(), kFamilyNames[f]));
  }

  if (auto loaded = impl->load_schema_and_counters(); !loaded) return propagate(loaded);
  auto current = detail::stories_current(*impl);
  if (!current) return propagate(current);
  impl->stories_current = *current;
  if (!options.read_only && !*current) {
    // An archive grouped by other rules (or by none: an older kiosque's) is grouped again.
    if (auto grouped = detail::regroup(*impl, {}); !grouped) return propagate(grouped);
  } else if (!options.read_only) {
    if (auto filed = detail::refile_postings(*impl); !filed) return propagate(filed);
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

namespace {

// Adds `given` to the record when it changes what the article shows.
bool add_given(Article& record, const GivenMetadata* given) {
  if (given == nullptr || given->empty()) return false;
  const NormalisedText before = with_given(record.content, record.given);
  record.given.push_back(*given);
  if (with_given(record.content, record.given) == before) {
    record.given.pop_back();
    return false;
  }
  return true;
}

}  // namespace

Result<PutOutcome> Store::put(const PreparedArticle& a, const Provenance& provenance,
                              const GivenMetadata* given) {
  Impl& d = *impl_;
  if (d.read_only) return fail(Errc::internal, "put() on a read-only store");
  if (a.packed_raw.empty())
    return fail(Errc::internal, "put() of an article prepared without its compressed bytes");

  auto existing_raw = d.get(kRaw, a.raw_id.view(), "look up a raw version");
  if (!existing_raw) return propagate(existing_raw);
  std::optional<ArticleId> article_id;
  if (*existing_raw) {
    auto raw = detail::decode_raw(**existing_raw);
    if (!raw) {
      return fail(Part::archive, Errc::corruption,
                  fmt::format("raw version {} is damaged", a.raw_id.hex()));
    }
    article_id = raw->article;
  }
  const ArticleId id = article_id.value_or(a.id);
  auto existing = d.get(kArticles, id.view(), "look up an article");
  if (!existing) return propagate(existing);

  Counters next = d.counters;
  std::chrono::nanoseconds placing{0};
  Article record;
  PutStatus status;
  rocksdb::WriteBatch batch;
  if (*existing) {
    auto decoded = detail::decode_article(id, **existing);
    if (!decoded) {
      return fail(Part::archive, Errc::corruption,
                  fmt::format("the record of article {} is damaged", id.hex()));
    }
    record = std::move(*decoded);
    status = article_id ? PutStatus::duplicate : PutStatus::new_raw_version;
    if (status == PutStatus::new_raw_version) record.raw_versions.push_back(a.raw_id);
  } else if (article_id) {
    return fail(
        Part::archive, Errc::corruption,
        fmt::format("raw version {} names article {}, which is missing", a.raw_id.hex(), id.hex()));
  } else {
    record.id = a.id;
    record.content = a.content;
    record.raw_versions = {a.raw_id};
    record.seq = ++next.last_seq;
    record.intake_seq = record.seq;
    record.added_at_ms = provenance.time_ms;
    ++next.articles;
    next.text_bytes += a.content.text.size();
    status = PutStatus::added;
  }
  const bool changed = add_given(record, given);
  if (status == PutStatus::duplicate && !changed) return PutOutcome{status, id, record.seq};
  if (status != PutStatus::added && changed) {
    // The index learns of a change from the log: the article moves to a new, last entry.
    batch.Delete(d.cf[kLog], detail::encode_seq(record.seq));
    record.seq = ++next.last_seq;
  }
  if (status == PutStatus::added || changed) {
    widen(next.earliest, next.latest, with_given(record.content, record.given).date);
    batch.Put(d.cf[kLog], detail::encode_seq(record.seq), detail::encode_log_value(id));
  }
  std::optional<detail::StoryText> made;
  const detail::StoryText* text = a.story_text.get();
  if (status == PutStatus::added) {
    const auto placing_start = std::chrono::steady_clock::now();
    if (text == nullptr)
      text = &made.emplace(detail::story_text(record.content.text, record.content.title));
    auto moved = detail::place_article(d, batch, record, d.counters.articles, *text);
    if (!moved) return propagate(moved);
    placing = std::chrono::steady_clock::now() - placing_start;
    // Articles whose story changed are logged anew, as for changed metadata, for the index.
    for (const ArticleId& other : *moved) {
      auto other_record = d.get_record(other);
      if (!other_record) return propagate(other_record);
      batch.Delete(d.cf[kLog], detail::encode_seq(other_record->seq));
      other_record->seq = ++next.last_seq;
      batch.Put(d.cf[kLog], detail::encode_seq(other_record->seq), detail::encode_log_value(other));
      batch.Put(d.cf[kArticles], other.view(), detail::encode_article(*other_record));
    }
  }
  if (status != PutStatus::duplicate) {
    ++next.raw_versions;
    next.raw_bytes += a.raw.size();
    batch.Put(d.cf[kRaw], a.raw_id.view(),
              detail::encode_raw(id, a.encoding, a.raw.size(), a.packed_raw));
    batch.Put(d.cf[kProvenance], a.raw_id.view(), detail::encode_provenance(provenance));
  }
  batch.Put(d.cf[kArticles], id.view(), detail::encode_article(record));
  batch.Put(d.cf[kMeta], kCountersKey, detail::encode_counters(next));
  const rocksdb::Status s = d.db->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return std::unexpected(rocks_error(s, fmt::format("archive article {}", id.hex())));
  d.counters = next;
  if (status == PutStatus::added) {
    // The article is archived and placed whatever happens here: postings that cannot be filed
    // stay gathered for the next put or the close, or else the next open, to file.
    static_cast<void>(detail::gather_postings(d, id, *text));
  }
  return PutOutcome{status, id, record.seq, changed, placing};
}

Result<void> Store::checkpoint(const std::filesystem::path& dest) const {
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(impl_->db.get(), &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  if (s.ok()) s = checkpoint->CreateCheckpoint(dest.string());
  if (!s.ok())
    return std::unexpected(rocks_error(s, fmt::format("copy the archive to {}", dest.string())));
  return {};
}

Result<void> Store::resume() {
  const rocksdb::Status s = impl_->db->Resume();
  if (!s.ok()) return std::unexpected(rocks_error(s, "resume writing the archive"));
  return {};
}

void Store::flush_in_background() {
  if (impl_->read_only) return;
  // Failing, they stay gathered for the close to file.
  static_cast<void>(
      detail::file_postings(*impl_->db, impl_->cf[kShingles], impl_->cf[kStories], impl_->pending));
  rocksdb::FlushOptions options;
  options.wait = false;
  std::vector<rocksdb::ColumnFamilyHandle*> families(impl_->cf.begin(), impl_->cf.end());
  impl_->db->Flush(options, families).PermitUncheckedError();
}

Result<void> Store::sync() {
  // A synced write of the (unchanged) counters makes every write before it durable too. Unlike
  // SyncWAL, a failing synced write leaves RocksDB in its background-error state, from which
  // later writes are refused cleanly and Resume() recovers; SyncWAL after a failed WAL flush
  // trips an assertion in Debian's RocksDB 7.8.
  rocksdb::WriteOptions options;
  options.sync = true;
  rocksdb::WriteBatch batch;
  batch.Put(impl_->cf[kMeta], kCountersKey, detail::encode_counters(impl_->counters));
  const rocksdb::Status s = impl_->db->Write(options, &batch);
  if (!s.ok()) return std::unexpected(rocks_error(s, "sync the archive to disk"));
  return {};
}

Result<Article> Store::get(const ArticleId& id) const {
  auto article = impl_->get_article(id);
  if (!article) return article;
  auto place = detail::read_place(*impl_, id);
  if (!place) return propagate(place);
  article->story = *place;
  return article;
}

Result<std::vector<StoryMember>> Store::story_members(const ArticleId& group) const {
  auto members = detail::read_group(*impl_, group);
  if (!members) return propagate(members);
  std::vector<StoryMember> out;
  out.reserve(members->size());
  for (const auto& m : *members) out.push_back({m.id, m.cluster});
  return out;
}

Result<void> Store::regroup(const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  if (impl_->read_only) return fail(Errc::internal, "regroup() on a read-only store");
  return detail::regroup(*impl_, progress);
}

Result<ArticleId> Store::resolve(std::string_view hex_prefix) const {
  if (hex_prefix.size() < 4 || hex_prefix.size() > 64 ||
      hex_prefix.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
    return fail(Errc::invalid_argument,
                fmt::format("'{}' is not an article id (4 to 64 hex digits)", hex_prefix));
  }
  if (hex_prefix.size() == 64) {
    const ArticleId id = *Digest::from_hex(hex_prefix);
    auto article = get(id);
    if (!article) return propagate(article);
    return id;
  }
  // Seek to the smallest id with this prefix (pad with zeros), then compare hex prefixes.
  std::string padded(hex_prefix);
  padded.resize(64, '0');
  const ArticleId low = *Digest::from_hex(padded);
  std::string lower_prefix(hex_prefix);
  for (char& c : lower_prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kArticles]));
  // The candidates an ambiguous prefix names, as git lists them: the first few, with titles.
  constexpr std::size_t kListed = 10;
  std::vector<ArticleId> found;
  for (it->Seek(rocksdb::Slice(low.view().data(), 32)); it->Valid(); it->Next()) {
    auto id = Digest::from_bytes(std::string_view(it->key().data(), it->key().size()));
    if (!id || !id->hex().starts_with(lower_prefix)) break;
    found.push_back(*id);
    if (found.size() > kListed) break;
  }
  if (!it->status().ok())
    return std::unexpected(rocks_error(it->status(), "look up an article id"));
  if (found.empty())
    return fail(Errc::not_found, fmt::format("no article id starts with '{}'", hex_prefix));
  if (found.size() == 1) return found.front();
  std::string candidates = "give more digits of the id; the candidates are:";
  for (std::size_t i = 0; i < std::min(found.size(), kListed); ++i) {
    std::string title;
    if (auto article = get(found[i])) {
      title = article->content.title.empty()
                  ? article->content.text.substr(0, article->content.text.find('\n'))
                  : article->content.title;
      if (title.size() > 70) {
        std::size_t cut = 70;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
        title = title.substr(0, cut) + "…";
      }
    }
    candidates += fmt::format("\n  {}  {}", found[i].hex().substr(0, 16), title);
  }
  if (found.size() > kListed) candidates += "\n  and more";
  return fail(Errc::ambiguous, fmt::format("article id prefix '{}' is ambiguous", hex_prefix),
              candidates);
}

Result<std::string> Store::raw_bytes(const RawId& id) const {
  auto record = impl_->get_raw_record(id);
  if (!record) return propagate(record);
  auto bytes = detail::raw_file_bytes(*detail::decode_raw(*record));
  if (!bytes) {
    return fail(Part::archive, Errc::corruption,
                fmt::format("raw version {} does not decompress", id.hex()));
  }
  return std::move(*bytes);
}

Result<RawVersionInfo> Store::raw_info(const RawId& id) const {
  auto record = impl_->get_raw_record(id);
  if (!record) return propagate(record);
  const auto raw = detail::decode_raw(*record);
  RawVersionInfo info{id, raw->article, raw->encoding, raw->size, {}};
  auto prov = impl_->get(kProvenance, id.view(), "read a provenance record");
  if (!prov) return propagate(prov);
  if (*prov) {
    auto decoded = detail::decode_provenance(**prov);
    if (!decoded)
      return fail(Part::archive, Errc::corruption,
                  fmt::format("provenance of {} is damaged", id.hex()));
    info.provenance = std::move(*decoded);
  }
  return info;
}

namespace {

Result<LogEntry> decode_log_entry(const rocksdb::Iterator& it) {
  const auto seq = detail::decode_seq(std::string_view(it.key().data(), it.key().size()));
  const auto id = detail::decode_log_value(std::string_view(it.value().data(), it.value().size()));
  if (!seq || !id)
    return fail(Part::archive, Errc::corruption, "an entry of the ingestion log is damaged");
  return LogEntry{*seq, *id};
}

}  // namespace

Result<std::vector<LogEntry>> Store::read_log(std::uint64_t after, std::size_t max) const {
  std::vector<LogEntry> out;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kLog]));
  for (it->Seek(detail::encode_seq(after + 1)); it->Valid() && out.size() < max; it->Next()) {
    auto entry = decode_log_entry(*it);
    if (!entry) return propagate(entry);
    out.push_back(*entry);
  }
  if (!it->status().ok())
    return std::unexpected(rocks_error(it->status(), "read the ingestion log"));
  return out;
}

Result<std::vector<LogEntry>> Store::read_log_backwards(std::uint64_t before,
                                                        std::size_t max) const {
  std::vector<LogEntry> out;
  if (before == 0) return out;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kLog]));
  for (it->SeekForPrev(detail::encode_seq(before - 1)); it->Valid() && out.size() < max;
       it->Prev()) {
    auto entry = decode_log_entry(*it);
    if (!entry) return propagate(entry);
    out.push_back(*entry);
  }
  if (!it->status().ok())
    return std::unexpected(rocks_error(it->status(), "read the ingestion log"));
  return out;
}

std::uint64_t Store::last_seq() const { return impl_->counters.last_seq; }

Result<StoreStats> Store::stats() const {
  const Counters& c = impl_->counters;
  StoreStats s;
  s.articles = c.articles;
  s.raw_versions = c.raw_versions;
  s.raw_bytes = c.raw_bytes;
  s.text_bytes = c.text_bytes;
  s.last_seq = c.last_seq;
  s.earliest = c.earliest;
  s.latest = c.latest;
  s.disk_bytes = base::folder_bytes(impl_->dir);
  auto stories = detail::count_stories(*impl_);
  if (!stories) return propagate(stories);
  s.story_groups = stories->groups;
  s.story_folded = stories->folded;
  s.near_duplicate_clusters = stories->clusters;
  s.near_duplicates = stories->near_duplicates;
  return s;
}

}  // namespace kiosque::archive
