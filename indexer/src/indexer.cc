#include "kiosque/indexer/indexer.h"

#include <fmt/format.h>

#include "bulk_build.h"
#include "index_paths.h"
#include "kiosque/indexer/crash_guard.h"
#include "kiosque/indexer/index_writer.h"

namespace kiosque::indexer {

namespace {

bool unusable(const Error& error) {
  return error.code == Errc::corruption || error.code == Errc::version_mismatch;
}

Result<void> remove_index(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) {
    return fail(Part::index, Errc::io_error,
                fmt::format("cannot remove the damaged index {}: {}", dir.string(), ec.message()));
  }
  std::filesystem::remove(damaged_marker(dir), ec);
  return {};
}

}  // namespace

struct Indexer::Impl {
  std::filesystem::path dir;
  // Null between a failed write and a successful reopen().
  std::unique_ptr<IndexWriter> writer;
  // What the writer last said, for the time it is gone.
  std::uint64_t last_seq = 0;
  std::uint64_t documents = 0;

  void remember() {
    last_seq = writer->last_seq();
    documents = writer->document_count();
  }
};

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Indexer::~Indexer() = default;

Result<std::unique_ptr<Indexer>> Indexer::open(const std::filesystem::path& dir,
                                               IndexerOptions options) {
  auto writer = IndexWriter::open(dir);
  if (!writer && options.heal && unusable(writer.error())) {
    if (options.on_heal) options.on_heal(writer.error());
    if (auto removed = remove_index(dir); !removed) return propagate(removed);
    writer = IndexWriter::open(dir);
  }
  if (!writer) return propagate(writer);
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->writer = std::move(*writer);
  impl->remember();
  return std::unique_ptr<Indexer>(new Indexer(std::move(impl)));
}

const std::filesystem::path& Indexer::dir() const { return impl_->dir; }

std::uint64_t Indexer::last_seq() const {
  return impl_->writer ? impl_->writer->last_seq() : impl_->last_seq;
}

std::uint64_t Indexer::document_count() const {
  return impl_->writer ? impl_->writer->document_count() : impl_->documents;
}

bool Indexer::bulk_builds(std::uint64_t backlog) const {
  return bulk_build_pays(backlog, document_count());
}

Result<UpdateTotals> Indexer::update(
    const archive::Store& store, const UpdaterConfig& config, Pace pace,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  if (!impl_->writer)
    return fail(Part::index, Errc::io_error, "the index writer is closed after a failed write");
  // A log that grows has its writer on another thread: its last_seq() is not ours to read.
  const bool in_bulk = [&] {
    if (pace != Pace::fastest || config.follow) return false;
    const std::uint64_t to = config.through_seq != 0 ? config.through_seq : store.last_seq();
    return bulk_builds(to > last_seq() ? to - last_seq() : 0);
  }();
  Result<UpdateTotals> totals = in_bulk
                                    ? bulk_build(store, impl_->writer, impl_->dir, config, progress)
                                    : catch_up(store, *impl_->writer, config, progress);
  if (!totals && (totals.error().code == Errc::no_space || totals.error().code == Errc::io_error)) {
    // Xapian drops everything uncommitted on a failed write; the writer is reopened at its last
    // commit once writing works again.
    if (impl_->writer) impl_->remember();
    impl_->writer.reset();
  } else if (impl_->writer) {
    impl_->remember();
  }
  return totals;
}

Result<void> Indexer::reopen() {
  if (impl_->writer) impl_->remember();
  impl_->writer.reset();
  auto writer = IndexWriter::open(impl_->dir);
  if (!writer) return propagate(writer);
  impl_->writer = std::move(*writer);
  impl_->remember();
  return {};
}

Result<void> Indexer::rebuild() {
  impl_->writer.reset();
  if (auto removed = remove_index(impl_->dir); !removed) return propagate(removed);
  impl_->last_seq = 0;
  impl_->documents = 0;
  auto writer = IndexWriter::open(impl_->dir);
  if (!writer) return propagate(writer);
  impl_->writer = std::move(*writer);
  impl_->remember();
  return {};
}

Result<UpdateTotals> Indexer::build_anew(
    const std::filesystem::path& dir, const archive::Store& store,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const auto fresh = detail::beside(dir, detail::kNew);
  const auto old = detail::beside(dir, detail::kOld);
  std::error_code ec;
  std::filesystem::remove_all(fresh, ec);
  std::filesystem::remove_all(old, ec);
  UpdateTotals totals;
  {
    auto indexer = open(fresh);
    if (!indexer) return propagate(indexer);
    auto built = (*indexer)->update(store, {}, Pace::fastest, progress);
    if (!built) return propagate(built);
    totals = *built;
  }
  if (std::filesystem::exists(dir)) std::filesystem::rename(dir, old, ec);
  if (!ec) std::filesystem::rename(fresh, dir, ec);
  if (ec)
    return fail(Part::index, Errc::io_error,
                fmt::format("cannot put the new index in place: {}", ec.message()));
  std::filesystem::remove_all(old, ec);
  std::filesystem::remove(damaged_marker(dir), ec);  // a new index, not damaged
  return totals;
}

}  // namespace kiosque::indexer
