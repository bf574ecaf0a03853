#include "kiosque/indexer/index_copy.h"

#include <fmt/format.h>
#include <xapian.h>

#include "index_call.h"
#include "index_meta.h"
#include "xapian_error.h"

namespace kiosque::indexer {

namespace {

constexpr int kAttempts = 5;

}  // namespace

Result<std::uint64_t> copy_index(const std::filesystem::path& dir, const std::filesystem::path& dest) {
  const detail::IndexCall call(dir);
  for (int attempt = 1;; ++attempt) {
    try {
      // A reader sees one commit throughout; compaction writes that commit out in full blocks.
      Xapian::Database db(dir.string());
      const auto seq = detail::read_watermark(db);
      if (!seq) return seq;
      db.compact(dest.string());
      return seq;
    } catch (const Xapian::DatabaseModifiedError&) {
      std::error_code ec;
      std::filesystem::remove_all(dest, ec);
      if (attempt == kAttempts) return fail(Errc::busy, "the index kept changing during the copy", "try again");
    } catch (const Xapian::Error& e) {
      return std::unexpected(detail::xapian_error(e, "copy the index"));
    } catch (const std::exception&) {
      return fail(Errc::corruption, "the index's watermark is damaged", "run `kiosque reindex`");
    }
  }
}

}  // namespace kiosque::indexer
