#include "index_sync.h"

#include "kiosque/indexer/bulk_build.h"
#include "terminal.h"

namespace kiosque::tools {

Result<indexer::UpdateTotals> update_index(const std::filesystem::path& index_dir, const archive::Store& store,
                                           const std::string& label,
                                           const std::function<void(const indexer::SetAside&)>& on_set_aside) {
  auto writer = indexer::IndexWriter::open(index_dir);
  if (!writer) return std::unexpected(writer.error());
  const std::uint64_t todo = store.last_seq() > (*writer)->last_seq() ? store.last_seq() - (*writer)->last_seq() : 0;
  Progress progress(label, todo);
  const auto show = [&](std::uint64_t done, std::uint64_t) {
    if (!label.empty()) progress.update(done, 0);
  };
  indexer::UpdaterConfig config;
  config.on_set_aside = on_set_aside;
  if (indexer::bulk_build_pays(todo, (*writer)->document_count())) {
    return indexer::bulk_build(store, *writer, index_dir, config, show);
  }
  return indexer::catch_up(store, **writer, config, show);
}

}  // namespace kiosque::tools
