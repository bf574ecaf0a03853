// The shingle postings: under each sampled shingle of a body (story_text.h), the articles filed
// there, in the archive's `shingles` family (layout in archive/README.md, "Stories").
//
// Postings are written once and only ever looked up, about 24 an article: written with each
// article, they were three quarters of the stories' keys and most of grouping's cost, each one
// inserted at a random place in a memtable and sorted again when it was flushed. A writer gathers
// them in memory instead (PendingPostings) and files them in bulk, sorted, in one batch: each
// lands beside the one before it in the family's skiplist, which a flush then writes out as it
// stands. Until then a marker in the `stories` family, written in the batch of the first article
// gathered, names where they start in the log, and the batch that files them deletes it: a
// writer's open that finds it files the postings of the articles logged since again, so a kill
// loses none.
//
// Used by the store's writing thread only; readers never read postings.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "kiosque/base/result.h"

namespace kiosque::archive::detail {

// An article filed under a shingle or a name: its id's first 8 bytes, and for a shingle, how many
// sampled shingles the article is filed under (so that a candidate is weighed unread).
struct Posting {
  std::uint64_t id = 0;
  std::uint16_t keys = 0;
};

// The postings gathered since the last filing, found by shingle.
class PendingPostings {
 public:
  // Filed when this many are gathered: about 20,000 articles, 12 MB beside a 4 MB table of heads.
  static constexpr std::size_t kFileAt = 1 << 19;

  // Files the article whose id starts with `id_prefix` under each of `keys`.
  void add(std::uint64_t id_prefix, const std::vector<std::uint64_t>& keys);
  // Appends the articles filed under `shingle`, newest first.
  void find(std::uint64_t shingle, std::vector<Posting>& out) const;
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear();

  struct Entry {
    std::uint64_t shingle = 0;
    std::uint64_t id = 0;
    std::uint32_t next = 0;  // the previous entry of the same chain, plus one; 0 ends it
    std::uint16_t keys = 0;
  };
  // Sorted by shingle then id, one entry for each pair (the latest).
  std::vector<Entry> sorted() const;

 private:
  std::vector<std::uint32_t> heads_;  // by a shingle's low bits: its chain's newest entry, plus one
  std::vector<Entry> entries_;
};

// The articles filed under `shingle`, in the archive or gathered, each once; at most `max` + 1,
// so that the caller can see too many. Keeps one iterator over the family for its lookups.
class ShingleLookup {
 public:
  ShingleLookup(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                const PendingPostings& pending);
  ~ShingleLookup();
  Result<std::vector<Posting>> find(std::uint64_t shingle, std::size_t max) const;

 private:
  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle* family_;
  const PendingPostings& pending_;
  mutable std::unique_ptr<rocksdb::Iterator> iterator_;
};

// Adds the marker to the batch that places the first article gathered, logged at `seq`.
void mark_gathering(const PendingPostings& pending, rocksdb::ColumnFamilyHandle* stories,
                    rocksdb::WriteBatch& batch, std::uint64_t seq);

// Writes the gathered postings, and deletes the marker, in one batch; then forgets them. On
// failure they stay gathered, and the marker with them.
Result<void> file_postings(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* shingles,
                           rocksdb::ColumnFamilyHandle* stories, PendingPostings& pending);

// The log sequence number from which postings were being gathered when the last writer stopped
// without filing them, if it did; the log's first when the marker is damaged.
Result<std::optional<std::uint64_t>> unfiled_since(rocksdb::DB& db,
                                                   rocksdb::ColumnFamilyHandle* stories);

// Forgets every posting, filed or gathered (regrouping files them all again).
void clear_postings(rocksdb::ColumnFamilyHandle* shingles, rocksdb::ColumnFamilyHandle* stories,
                    rocksdb::WriteBatch& batch, PendingPostings& pending);

}  // namespace kiosque::archive::detail
