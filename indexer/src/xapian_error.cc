#include "xapian_error.h"

#include <fmt/format.h>

namespace kiosque::indexer::detail {

Error xapian_error(const Xapian::Error& e, std::string_view what) {
  const std::string detail = e.get_description();
  // Xapian's exceptions are not polymorphic: tell them apart by their type name.
  const std::string_view type = e.get_type();
  if (type == "DatabaseLockError") {
    return Error(Part::index, Errc::busy,
                 fmt::format("cannot {}: another kiosque process is writing the index", what));
  }
  // Xapian reports some damage as a plain DatabaseError: zlib failing to inflate a block, and a
  // block past the table's end (a table cut short, or a damaged pointer to a block).
  const bool damage_as_error =
      type == "DatabaseError" && (detail.find("inflate failed") != std::string::npos ||
                                  detail.find("EOF reading block") != std::string::npos);
  if (type == "DatabaseCorruptError" || damage_as_error) {
    return Error(Part::index, Errc::corruption,
                 fmt::format("cannot {}: the index is damaged ({})", what, detail));
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return Error(Part::index, Errc::not_found,
                 fmt::format("cannot {}: no index ({})", what, detail));
  }
  if (type == "QueryParserError" || type == "WildcardError") {
    return Error(Errc::invalid_argument, fmt::format("cannot {}: {}", what, e.get_msg()));
  }
  if (detail.find("No space left") != std::string::npos) {
    return Error(Errc::no_space, fmt::format("cannot {}: the disk is full", what),
                 "free some disk space; the index catches up from the archive on the next start");
  }
  return Error(Errc::io_error, fmt::format("cannot {}: {}", what, detail));
}

}  // namespace kiosque::indexer::detail
