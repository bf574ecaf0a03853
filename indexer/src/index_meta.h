// The index's metadata, read and written in this one place: the archive log watermark, the
// analyser version and the articles set aside (documented in indexer/README.md).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kiosque/base/result.h"
#include "kiosque/indexer/index_writer.h"

namespace kiosque::indexer::detail {

// The log sequence number the index is complete up to (0 for a new index). Errc::corruption when
// the stored value is not a number. May throw Xapian::Error.
Result<std::uint64_t> read_watermark(const Xapian::Database& db);
void write_watermark(Xapian::WritableDatabase& db, std::uint64_t seq);

// The analyser version the index was built with (empty for a new index).
std::string read_analyser(const Xapian::Database& db);
void write_analyser(Xapian::WritableDatabase& db);
// Writes the analyser version and the document layout (schema::kLayout) of a new index.
// Errc::version_mismatch when the index was built by another analyser or to another layout;
// Errc::corruption when the analyser entry is unreadable, or missing from an index that holds
// articles.
Result<void> check_analyser(const Xapian::Database& db);

// Articles that could not be indexed, oldest first. May throw Xapian::Error.
std::vector<SetAside> read_set_aside(const Xapian::Database& db);
std::uint64_t count_set_aside(const Xapian::Database& db);
void write_set_aside(Xapian::WritableDatabase& db, const SetAside& entry);
void clear_set_aside(Xapian::WritableDatabase& db, const std::string& id_hex);

}  // namespace kiosque::indexer::detail
