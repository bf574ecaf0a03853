// Fuzz target: arbitrary query strings through the searcher, over a small real index and
// archive built once from the seed articles. Malformed queries are refused with an error value.
#include <cstddef>
#include <cstdint>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/searcher.h"
#include "kiosque/indexer/updater.h"

namespace {

struct Fixture {
  std::unique_ptr<kiosque::indexer::Searcher> searcher;
  std::unique_ptr<kiosque::archive::Store> store;

  Fixture() {
    const auto dir = std::filesystem::temp_directory_path() / ("kiosque-fuzz-query-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::vector<std::filesystem::path> seeds;
    for (const auto& e : std::filesystem::directory_iterator(KIOSQUE_SHARED_DIR "/seeds")) seeds.push_back(e.path());
    {
      auto writable = kiosque::archive::Store::open(dir / "archive");
      auto writer = kiosque::indexer::IndexWriter::open(dir / "index");
      if (!writable || !writer) __builtin_trap();
      if (!kiosque::archive::ingest_files(**writable, seeds, {}, {})) __builtin_trap();
      if (!kiosque::indexer::catch_up(**writable, **writer, {})) __builtin_trap();
    }
    auto s = kiosque::indexer::Searcher::open(dir / "index");
    auto st = kiosque::archive::Store::open(dir / "archive", {.read_only = true});
    if (!s || !st) __builtin_trap();
    searcher = std::move(*s);
    store = std::move(*st);
    std::filesystem::remove_all(dir);  // both stay open; the files go when the process ends
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  kiosque::indexer::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 5;
  (void)fixture.searcher->search(request, *fixture.store);
  return 0;
}
