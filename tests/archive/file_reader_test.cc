#include "kiosque/archive/file_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "test_support.h"

using kiosque::Errc;
using kiosque::archive::read_article_file;
using kiosque::archive::ReadLimits;
using kiosque::test::TempDir;
using kiosque::test::write_file;

TEST_CASE("a regular file is read byte for byte", "[file_reader]") {
  TempDir dir;
  std::string bytes(
      "\xEF\xBB\xBF"
      "a\r\nb\tc\xC3\xA9 ");
  while (bytes.size() < 200'000) bytes += "ligne de texte\r\n";  // longer than the first read
  write_file(dir / "a.txt", bytes);
  auto r = read_article_file(dir / "a.txt", {});
  REQUIRE_OK(r);
  CHECK(*r == bytes);
}

TEST_CASE("a huge binary file is refused from its first bytes, without reading it whole",
          "[file_reader]") {
  TempDir dir;
  { std::ofstream(dir / "zeros.bin"); }
  // 1 GB of zeros, sparse: reading it whole would take a gigabyte of memory.
  REQUIRE(::truncate((dir / "zeros.bin").c_str(), 1'000'000'000) == 0);
  auto r = read_article_file(dir / "zeros.bin", ReadLimits{2ull << 30});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::refused);
  CHECK_THAT(r.error().message, Catch::Contains("binary"));
}

TEST_CASE("UTF-16 without a byte-order mark is named as such", "[file_reader]") {
  TempDir dir;
  std::string le, be;
  for (const char c : std::string("Le président a parlé de la Cédéao.")) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  write_file(dir / "le.txt", le);
  write_file(dir / "be.txt", be);
  for (const auto& [name, charset] :
       {std::pair{"le.txt", "UTF-16LE"}, std::pair{"be.txt", "UTF-16BE"}}) {
    auto r = read_article_file(dir / name, {});
    REQUIRE_FALSE(r.has_value());
    CHECK_THAT(r.error().message,
               Catch::Contains(charset) && Catch::Contains("without a byte-order mark"));
    CHECK_THAT(r.error().hint, Catch::Contains("UTF-8"));
  }
}

TEST_CASE("links FIFOs folders empty and oversized files are refused", "[file_reader]") {
  TempDir dir;
  write_file(dir / "target.txt", "texte");
  std::filesystem::create_symlink(dir / "target.txt", dir / "link.txt");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  std::filesystem::create_directory(dir / "folder");
  write_file(dir / "empty.txt", "");
  write_file(dir / "big.txt", std::string(2000, 'a'));

  const std::vector<std::pair<std::string, std::string>> cases{
      {"link.txt", "symbolic link"}, {"fifo", "FIFO"},         {"folder", "directory"},
      {"empty.txt", "empty"},        {"big.txt", "too large"},
  };
  for (const auto& [name, reason] : cases) {
    INFO(name);
    auto r = read_article_file(dir / name, ReadLimits{1000});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == Errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains(reason));
  }
}

TEST_CASE("a missing or unreadable file is an I/O error", "[file_reader]") {
  TempDir dir;
  auto missing = read_article_file(dir / "nope.txt", {});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == Errc::io_error);

  if (::geteuid() != 0) {  // root reads anything
    write_file(dir / "secret.txt", "x");
    std::filesystem::permissions(dir / "secret.txt", std::filesystem::perms::none);
    auto denied = read_article_file(dir / "secret.txt", {});
    REQUIRE_FALSE(denied.has_value());
    CHECK(denied.error().code == Errc::io_error);
  }
}
