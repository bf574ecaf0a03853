// Indexing a large backlog: faster, and into a compact index.
//
// Xapian's writer is single-threaded, and a B-tree grown by many commits is about half empty.
// bulk_build indexes the backlog with one writer per core, each into a database of its own,
// then merges the live index and those shards with Xapian's compaction into one new index with
// full blocks, and swaps it in atomically: readers see the old index until the swap, then the
// new one. A crash at any point leaves the live index as it was; leftovers are removed by the
// next bulk_build.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "kiosque/archive/store.h"
#include "kiosque/indexer/index_writer.h"
#include "kiosque/indexer/updater.h"

namespace kiosque::indexer {

// Worth it when the backlog is at least `kMinBacklog` articles and at least as large as the
// index already is: the merge rewrites the whole index.
bool bulk_build_pays(std::uint64_t backlog, std::uint64_t indexed_documents);
inline constexpr std::uint64_t kMinBacklog = 5000;

// Indexes the log after writer->last_seq() up to config.through_seq (or the store's last), then
// swaps the merged index into `dir`, the folder `writer` has open; `writer` is reopened on it.
// When config.keep_going stops it early, nothing is merged and the index is left as it was.
Result<UpdateTotals> bulk_build(
    const archive::Store& store, std::unique_ptr<IndexWriter>& writer,
    const std::filesystem::path& dir, const UpdaterConfig& config,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace kiosque::indexer
