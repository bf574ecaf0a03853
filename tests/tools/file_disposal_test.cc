// Moving files out of the inbox without ever overwriting anything.
#include "file_disposal.h"
#include "test_support.h"

using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::write_file;
using kiosque::tools::move_aside;

TEST_CASE("a refused file moves to the same place under rejected/ beside its reason", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox" / "sub");
  write_file(dir / "inbox" / "sub" / "bad.bin", "bytes");
  auto moved = move_aside(dir / "inbox" / "sub" / "bad.bin", dir / "inbox", dir / "rejected", "reason: binary\n");
  REQUIRE_OK(moved);
  CHECK(*moved == dir / "rejected" / "sub" / "bad.bin");
  CHECK(read_file(*moved) == "bytes");
  CHECK(read_file(dir / "rejected" / "sub" / "bad.bin.reason") == "reason: binary\n");
  CHECK_FALSE(std::filesystem::exists(dir / "inbox" / "sub" / "bad.bin"));
  CHECK((std::filesystem::status(dir / "rejected").permissions() & std::filesystem::perms::others_all) ==
        std::filesystem::perms::none);
}

TEST_CASE("names already taken are never overwritten", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox");
  std::filesystem::create_directories(dir / "rejected");
  write_file(dir / "rejected" / "a.txt", "first");
  write_file(dir / "rejected" / "a.txt.reason", "first reason");
  write_file(dir / "rejected" / "a-2.txt.reason", "an orphan reason also holds its name");

  write_file(dir / "inbox" / "a.txt", "second");
  auto moved = move_aside(dir / "inbox" / "a.txt", dir / "inbox", dir / "rejected", "second reason");
  REQUIRE_OK(moved);
  CHECK(*moved == dir / "rejected" / "a-3.txt");
  CHECK(read_file(dir / "rejected" / "a.txt") == "first");
  CHECK(read_file(dir / "rejected" / "a.txt.reason") == "first reason");
  CHECK(read_file(dir / "rejected" / "a-3.txt") == "second");
  CHECK(read_file(dir / "rejected" / "a-3.txt.reason") == "second reason");

  write_file(dir / "inbox" / "noext", "x");
  write_file(dir / "rejected" / "noext", "y");
  auto plain = move_aside(dir / "inbox" / "noext", dir / "inbox", dir / "rejected");
  REQUIRE_OK(plain);
  CHECK(*plain == dir / "rejected" / "noext-2");
}

TEST_CASE("a link is moved as a link, its target untouched", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox");
  write_file(dir / "target.txt", "target");
  std::filesystem::create_symlink(dir / "target.txt", dir / "inbox" / "link.txt");
  auto moved = move_aside(dir / "inbox" / "link.txt", dir / "inbox", dir / "rejected", "link\n");
  REQUIRE_OK(moved);
  CHECK(std::filesystem::is_symlink(*moved));
  CHECK(read_file(dir / "target.txt") == "target");
}

TEST_CASE("a file gone before the move is reported, and leaves no reason behind", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox");
  auto moved = move_aside(dir / "inbox" / "gone.txt", dir / "inbox", dir / "rejected", "reason");
  REQUIRE_FALSE(moved.has_value());
  CHECK(moved.error().code == kiosque::Errc::not_found);
  CHECK_FALSE(std::filesystem::exists(dir / "rejected" / "gone.txt.reason"));
}

TEST_CASE("nothing is moved from outside the folder it is said to come from", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "inbox");
  write_file(dir / "elsewhere.txt", "x");
  auto moved = move_aside(dir / "elsewhere.txt", dir / "inbox", dir / "rejected", "reason");
  REQUIRE_FALSE(moved.has_value());
  CHECK(read_file(dir / "elsewhere.txt") == "x");
  CHECK_FALSE(std::filesystem::exists(dir / "rejected"));
}
