// Fuzz target: the whole pipeline, bytes -> decode -> normalise -> analyse -> a real Xapian
// document added to a real, small glass database through kiosque's IndexWriter. Any input the
// archive takes in must be indexable: a refusal by the writer (a term Xapian would refuse) or any
// other error is a crash here.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "kiosque/indexer/index_writer.h"

using kiosque::tools::DataFolder;

namespace {

struct Index {
  std::filesystem::path dir;
  std::unique_ptr<kiosque::indexer::IndexWriter> writer;
  kiosque::indexer::FrenchAnalyser analyser;
  std::uint64_t seq = 0;

  Index() {
    char name[] = "/tmp/kiosque-fuzz-pipeline-XXXXXX";
    if (::mkdtemp(name) == nullptr) __builtin_trap();
    dir = name;
    auto opened = kiosque::indexer::IndexWriter::open(DataFolder{dir}.index(), {.sync = false});
    if (!opened) __builtin_trap();
    writer = std::move(*opened);
  }
  ~Index() {
    writer.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto prepared =
      kiosque::archive::prepare_bytes(std::string(reinterpret_cast<const char*>(data), size), {});
  if (!prepared) return 0;
  static Index index;
  kiosque::archive::Article article;
  article.id = prepared->id;
  article.content = std::move(prepared->content);
  article.seq = ++index.seq;
  auto added =
      index.writer->replace(kiosque::indexer::analyse_article(index.analyser, std::move(article)));
  if (!added) __builtin_trap();
  // Commit now and then, so that the database stays small and Xapian's own commit checks run.
  if (index.seq % 64 == 0 && !index.writer->commit(index.seq)) __builtin_trap();
  return 0;
}
