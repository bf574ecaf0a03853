#include "shingle_postings.h"

#include <fmt/format.h>

#include <algorithm>

#include "../rocks_error.h"
#include "big_endian.h"

namespace kiosque::archive::detail {

namespace {

// In the `stories` family (9 bytes, as its prefix blooms want): the log sequence number of the
// first article whose postings are gathered and not yet filed.
constexpr std::string_view kGatheringKey = "p-pending";
constexpr std::size_t kHeads = 1 << 20;

std::string posting_key(std::uint64_t shingle, std::uint64_t id) {
  std::string k;
  k.reserve(16);
  put_u64(k, shingle);
  put_u64(k, id);
  return k;
}

}  // namespace

void PendingPostings::add(std::uint64_t id_prefix, const std::vector<std::uint64_t>& keys) {
  if (heads_.empty()) heads_.assign(kHeads, 0);
  const auto filed = static_cast<std::uint16_t>(std::min<std::size_t>(keys.size(), 0xffff));
  for (const std::uint64_t shingle : keys) {
    // Shingles are mixed hashes: their low bits spread them evenly.
    std::uint32_t& head = heads_[shingle & (kHeads - 1)];
    entries_.push_back({shingle, id_prefix, head, filed});
    head = static_cast<std::uint32_t>(entries_.size());
  }
}

void PendingPostings::find(std::uint64_t shingle, std::vector<Posting>& out) const {
  if (heads_.empty()) return;
  for (std::uint32_t at = heads_[shingle & (kHeads - 1)]; at != 0;) {
    const Entry& e = entries_[at - 1];
    if (e.shingle == shingle) out.push_back({e.id, e.keys});
    at = e.next;
  }
}

void PendingPostings::clear() {
  entries_.clear();
  entries_.shrink_to_fit();
  heads_.clear();
  heads_.shrink_to_fit();
}

std::vector<PendingPostings::Entry> PendingPostings::sorted() const {
  std::vector<Entry> out = entries_;
  for (std::size_t i = 0; i < out.size(); ++i) out[i].next = static_cast<std::uint32_t>(i);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.shingle, a.id, a.next) < std::tie(b.shingle, b.id, b.next);
  });
  // Of an article filed twice under one shingle (its id's first 8 bytes shared), the latest.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (kept > 0 && out[kept - 1].shingle == out[i].shingle && out[kept - 1].id == out[i].id) {
      out[kept - 1] = out[i];
    } else {
      out[kept++] = out[i];
    }
  }
  out.resize(kept);
  return out;
}

ShingleLookup::ShingleLookup(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                             const PendingPostings& pending)
    : db_(db), family_(family), pending_(pending) {}

ShingleLookup::~ShingleLookup() = default;

Result<std::vector<Posting>> ShingleLookup::find(std::uint64_t shingle, std::size_t max) const {
  std::vector<Posting> out;
  if (!iterator_) {
    rocksdb::ReadOptions options;
    options.prefix_same_as_start = true;
    iterator_.reset(db_.NewIterator(options, family_));
  }
  std::string prefix;
  put_u64(prefix, shingle);
  for (iterator_->Seek(prefix); iterator_->Valid() && out.size() <= max; iterator_->Next()) {
    const auto key = iterator_->key().ToStringView();
    if (key.size() != 16 || !key.starts_with(prefix)) break;
    out.push_back({get_u64(key.substr(8)), get_u16(iterator_->value().ToStringView())});
  }
  if (!iterator_->status().ok())
    return std::unexpected(rocks_error(iterator_->status(), "read the shingle postings"));
  if (out.size() > max) return out;
  // An article is filed in one place, but the postings of the articles a killed writer left
  // unfiled are gathered again beside those it did file: count each article once.
  const std::size_t filed = out.size();
  std::vector<Posting> gathered;
  pending_.find(shingle, gathered);
  for (const Posting& p : gathered) {
    const auto end = out.begin() + static_cast<std::ptrdiff_t>(filed);
    if (std::none_of(out.begin(), end, [&](const Posting& f) { return f.id == p.id; }))
      out.push_back(p);
    if (out.size() > max) break;
  }
  return out;
}

void mark_gathering(const PendingPostings& pending, rocksdb::ColumnFamilyHandle* stories,
                    rocksdb::WriteBatch& batch, std::uint64_t seq) {
  if (!pending.empty()) return;
  std::string value;
  put_u64(value, seq);
  batch.Put(stories, kGatheringKey, value);
}

Result<void> file_postings(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* shingles,
                           rocksdb::ColumnFamilyHandle* stories, PendingPostings& pending) {
  if (pending.empty()) return {};
  // In key order, each lands beside the one before it in the family's skiplist; the marker goes
  // with them.
  rocksdb::WriteBatch batch;
  for (const auto& e : pending.sorted())
    batch.Put(shingles, posting_key(e.shingle, e.id), encode_u16(e.keys));
  batch.Delete(stories, kGatheringKey);
  const rocksdb::Status s = db.Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return std::unexpected(rocks_error(s, "file the shingle postings"));
  pending.clear();
  return {};
}

Result<std::optional<std::uint64_t>> unfiled_since(rocksdb::DB& db,
                                                   rocksdb::ColumnFamilyHandle* stories) {
  std::string value;
  const rocksdb::Status s = db.Get(rocksdb::ReadOptions(), stories, kGatheringKey, &value);
  if (s.IsNotFound()) return std::optional<std::uint64_t>{};
  if (!s.ok()) return std::unexpected(rocks_error(s, "read the stories"));
  // Postings are derived from the articles: a damaged marker costs filing them all again, never
  // a writer's open.
  if (value.size() != 8) return std::optional<std::uint64_t>(1);
  return std::optional<std::uint64_t>(get_u64(value));
}

void clear_postings(rocksdb::ColumnFamilyHandle* shingles, rocksdb::ColumnFamilyHandle* stories,
                    rocksdb::WriteBatch& batch, PendingPostings& pending) {
  batch.DeleteRange(shingles, std::string(), std::string(17, '\xff'));
  batch.Delete(stories, kGatheringKey);
  pending.clear();
}

}  // namespace kiosque::archive::detail
