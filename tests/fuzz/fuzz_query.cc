// Fuzz target: arbitrary query strings through the searcher, over a small real index and
// archive built once from the seed articles. Malformed queries are refused with an error value.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/indexer.h"
#include "kiosque/indexer/reader_snapshot.h"

using kiosque::tools::DataFolder;

namespace {

struct Fixture {
  std::optional<kiosque::indexer::ReaderSnapshot> snapshot;

  Fixture() {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("kiosque-fuzz-query-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::vector<std::filesystem::path> seeds;
    for (const auto& e : std::filesystem::directory_iterator(KIOSQUE_SHARED_DIR "/seeds"))
      seeds.push_back(e.path());
    const kiosque::indexer::SnapshotPaths paths{.index = DataFolder{dir}.index(),
                                                .archive = DataFolder{dir}.archive()};
    {
      auto writable = kiosque::archive::Store::open(paths.archive);
      auto index = kiosque::indexer::Indexer::open(paths.index);
      if (!writable || !index) __builtin_trap();
      if (!kiosque::archive::ingest_files(**writable, seeds, {}, {})) __builtin_trap();
      if (!(*index)->update(**writable, {}, kiosque::indexer::Pace::steady)) __builtin_trap();
    }
    auto opened =
        kiosque::indexer::ReaderSnapshot::open(paths, kiosque::indexer::IndexNeed::required);
    if (!opened) __builtin_trap();
    snapshot.emplace(std::move(*opened));
    std::filesystem::remove_all(dir);  // both stay open; the files go when the process ends
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  kiosque::indexer::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 5;
  (void)fixture.snapshot->index()->search(request, fixture.snapshot->archive());
  return 0;
}
