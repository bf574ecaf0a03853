// A property of the whole pipeline: whatever Unicode text a file holds (letters, marks, digits,
// punctuation, symbols, emoji, scripts, long runs of any of them), once `add` has archived it,
// it is indexed: the index holds exactly the archive's articles, and verify finds nothing wrong.
#include <fmt/format.h>
#include <unicode/utf8.h>

#include <nlohmann/json.hpp>
#include <random>

#include "test_support.h"
#include "watch_support.h"

using kiosque::test::index_documents;
using kiosque::test::run_kiosque;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {

// Code point ranges covering every general category but controls and surrogates.
const std::vector<std::pair<UChar32, UChar32>> kRanges{
    {0x20, 0x7E},       {0xA0, 0x24F},      {0x300, 0x36F},     {0x370, 0x3FF},
    {0x400, 0x4FF},     {0x590, 0x5FF},     {0x600, 0x6FF},     {0x900, 0x97F},
    {0xE00, 0xE7F},     {0x1100, 0x11FF},   {0x2000, 0x206F},   {0x20A0, 0x20CF},
    {0x2100, 0x23FF},   {0x2500, 0x27BF},   {0x3000, 0x30FF},   {0x4E00, 0x4EFF},
    {0xAC00, 0xAC7F},   {0xFE00, 0xFE0F},   {0xFF00, 0xFFEF},   {0x1D400, 0x1D4FF},
    {0x1F1E6, 0x1F1FF}, {0x1F300, 0x1FAFF}, {0xE0020, 0xE007F}, {0xE000, 0xE0FF}};

std::string random_text(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> which(0, kRanges.size() - 1);
  std::uniform_int_distribution<int> length(1, 3000);
  std::bernoulli_distribution run(0.1), space(0.15);
  std::string text;
  const int n = length(random);
  for (int i = 0; i < n; ++i) {
    const auto [lo, hi] = kRanges[which(random)];
    const UChar32 c = std::uniform_int_distribution<UChar32>(lo, hi)(random);
    const int repeat = run(random) ? 300 : 1;  // now and then a run longer than any term
    for (int r = 0; r < repeat; ++r) {
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
      if (!error) text.append(buf, static_cast<std::size_t>(len));
    }
    if (space(random)) text += random() % 9 == 0 ? "\n\n" : " ";
  }
  return text;
}

}  // namespace

TEST_CASE("random Unicode text files taken in by add are all indexed",
          "[e2e][property][real-world]") {
  TempDir dir;
  std::mt19937 random(Catch::rngSeed());
  std::filesystem::create_directories(dir / "in");
  for (int i = 0; i < 150; ++i) {
    write_file(dir / "in" / fmt::format("random-{:03}.txt", i),
               fmt::format("Dépêche aléatoire {}\n\n{}\n", i, random_text(random)));
  }
  const auto data = dir / "data";
  const auto r = run_kiosque({"--data", data.string(), "add", (dir / "in").string()});
  INFO(r.out << r.err);
  CHECK(r.signal == 0);
  CHECK((r.exit_code == 0 || r.exit_code == 1));  // a file may be refused (for instance as binary)
  CHECK(r.err.find("not indexed") == std::string::npos);
  const auto stats =
      nlohmann::json::parse(run_kiosque({"--data", data.string(), "stats", "--json"}).out);
  CHECK(stats["archive"]["articles"].get<std::uint64_t>() >= 140);
  CHECK(index_documents(data) == stats["archive"]["articles"].get<std::uint64_t>());
  CHECK(stats["index"]["set_aside"] == 0);
  CHECK(run_kiosque({"--data", data.string(), "verify"}).exit_code == 0);
}
