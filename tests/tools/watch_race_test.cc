// A name in the inbox gets article A, then, a few milliseconds later, article B under the same
// name: rewritten in place (O_TRUNC, write, close) or renamed onto it (the usual atomic drop).
// Whatever happens to the name while watch reads it, the final content of every name is
// archived: watch removes exactly what it read, never what the name holds by then.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <random>
#include <thread>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/indexer/reader_snapshot.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::tools::DataFolder;

using kiosque::test::files_under;
using kiosque::test::TempDir;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using namespace kiosque;

namespace {

std::string article(const char* version, int round, std::uint64_t salt) {
  return fmt::format(
      "Version {} de l’article {}\n\nLa Cédéao s’est réunie à Abuja pour la {}e fois ({}). Le "
      "texte "
      "de cette version n’est écrit qu’une fois, pour qu’on le reconnaisse dans l’archive.\n",
      version, round, round, salt);
}

// Writes `bytes` to `path` as one writer does: open with O_TRUNC (creating it), write, close.
void write_in_place(const std::filesystem::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  REQUIRE(::close(fd) == 0);
}

}  // namespace

TEST_CASE("a name rewritten or renamed onto while watch reads it loses nothing, over 1,000 rounds",
          "[e2e][watch][race]") {
  TempDir dir;
  const auto data = dir / "data";
  WatchProcess watch(data);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));

  std::mt19937_64 random(Catch::rngSeed());
  std::uniform_int_distribution<int> delay_us(0, 20'000);
  constexpr int kRounds = 1000;
  std::vector<std::string> finals;
  for (int round = 0; round < kRounds; ++round) {
    const auto name = DataFolder{data}.inbox() / fmt::format("article-{}.txt", round);
    write_in_place(name, article("A", round, random()));
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    const std::string b = article("B", round, random());
    if (round % 2 == 0) {
      write_in_place(name, b);
    } else {
      const auto temporary = dir / "tmp";
      write_in_place(temporary, b);
      std::filesystem::rename(temporary, name);
    }
    finals.push_back(b);
  }
  if (!wait_until([&] {
        return files_under(DataFolder{data}.inbox()).empty() &&
               files_under(DataFolder{data}.staging()).empty();
      })) {
    const std::string log = watch.log();
    FAIL("files still wait after a minute; the watch's log ends:\n"
         << log.substr(log.size() - std::min<std::size_t>(log.size(), 4000)));
  }
  CHECK(watch.stop() == 0);
  CHECK_FALSE(std::filesystem::exists(DataFolder{data}.rejected()));

  auto snapshot = kiosque::indexer::ReaderSnapshot::open(
      {.index = DataFolder{data}.index(), .archive = DataFolder{data}.archive()},
      kiosque::indexer::IndexNeed::none);
  REQUIRE_OK(snapshot);
  int lost = 0;
  for (int round = 0; round < kRounds; ++round) {
    if (!snapshot->archive().raw_bytes(archive::sha256(finals[round]))) ++lost;
  }
  CHECK(lost == 0);
}
