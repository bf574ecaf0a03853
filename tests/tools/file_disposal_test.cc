// Moving files out of the inbox without ever overwriting anything.
#include "watch/file_disposal.h"

#include "folder/data_folder.h"
#include "test_support.h"

using kiosque::test::read_file;
using kiosque::test::TempDir;
using kiosque::test::write_file;
using kiosque::tools::move_aside;

TEST_CASE("a refused file moves to the same place under rejected/ beside its reason",
          "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox() / "sub");
  write_file(dir.folder().inbox() / "sub" / "bad.bin", "bytes");
  auto moved =
      move_aside(dir.folder().inbox() / "sub" / "bad.bin", std::filesystem::path("sub") / "bad.bin",
                 dir.folder().rejected(), "reason: binary\n");
  REQUIRE_OK(moved);
  CHECK(*moved == dir.folder().rejected() / "sub" / "bad.bin");
  CHECK(read_file(*moved) == "bytes");
  CHECK(read_file(dir.folder().rejected() / "sub" / "bad.bin.reason") == "reason: binary\n");
  CHECK_FALSE(std::filesystem::exists(dir.folder().inbox() / "sub" / "bad.bin"));
  CHECK((std::filesystem::status(dir.folder().rejected()).permissions() &
         std::filesystem::perms::others_all) == std::filesystem::perms::none);
}

TEST_CASE("names already taken are never overwritten", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox());
  std::filesystem::create_directories(dir.folder().rejected());
  write_file(dir.folder().rejected() / "a.txt", "first");
  write_file(dir.folder().rejected() / "a.txt.reason", "first reason");
  write_file(dir.folder().rejected() / "a-2.txt.reason", "an orphan reason also holds its name");

  write_file(dir.folder().inbox() / "a.txt", "second");
  auto moved =
      move_aside(dir.folder().inbox() / "a.txt", "a.txt", dir.folder().rejected(), "second reason");
  REQUIRE_OK(moved);
  CHECK(*moved == dir.folder().rejected() / "a-3.txt");
  CHECK(read_file(dir.folder().rejected() / "a.txt") == "first");
  CHECK(read_file(dir.folder().rejected() / "a.txt.reason") == "first reason");
  CHECK(read_file(dir.folder().rejected() / "a-3.txt") == "second");
  CHECK(read_file(dir.folder().rejected() / "a-3.txt.reason") == "second reason");

  write_file(dir.folder().inbox() / "noext", "x");
  write_file(dir.folder().rejected() / "noext", "y");
  auto plain = move_aside(dir.folder().inbox() / "noext", "noext", dir.folder().rejected());
  REQUIRE_OK(plain);
  CHECK(*plain == dir.folder().rejected() / "noext-2");
}

TEST_CASE("a link is moved as a link, its target untouched", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox());
  write_file(dir / "target.txt", "target");
  std::filesystem::create_symlink(dir / "target.txt", dir.folder().inbox() / "link.txt");
  auto moved =
      move_aside(dir.folder().inbox() / "link.txt", "link.txt", dir.folder().rejected(), "link\n");
  REQUIRE_OK(moved);
  CHECK(std::filesystem::is_symlink(*moved));
  CHECK(read_file(dir / "target.txt") == "target");
}

TEST_CASE("a file gone before the move is reported, and leaves no reason behind", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox());
  auto moved =
      move_aside(dir.folder().inbox() / "gone.txt", "gone.txt", dir.folder().rejected(), "reason");
  REQUIRE_FALSE(moved.has_value());
  CHECK(moved.error().code == kiosque::Errc::not_found);
  CHECK_FALSE(std::filesystem::exists(dir.folder().rejected() / "gone.txt.reason"));
}

TEST_CASE("a name that climbs out of the destination is refused, and nothing moves", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox());
  write_file(dir.folder().inbox() / "x.txt", "x");
  for (const char* name : {"../x.txt", "/x.txt", ""}) {
    auto moved =
        move_aside(dir.folder().inbox() / "x.txt", name, dir.folder().rejected(), "reason");
    REQUIRE_FALSE(moved.has_value());
  }
  CHECK(read_file(dir.folder().inbox() / "x.txt") == "x");
  CHECK_FALSE(std::filesystem::exists(dir.folder().rejected()));
}

TEST_CASE("a name too long for its .reason is shortened, without clashes", "[disposal]") {
  TempDir dir;
  std::filesystem::create_directories(dir.folder().inbox());
  const std::string name = std::string(251, 'e') + ".txt";  // 255 bytes, the longest a name can be
  std::vector<std::filesystem::path> moved_to;
  for (int i = 0; i < 3; ++i) {
    write_file(dir.folder().inbox() / name, std::to_string(i));
    auto moved =
        move_aside(dir.folder().inbox() / name, name, dir.folder().rejected(), "empty file\n");
    REQUIRE_OK(moved);
    CHECK(moved->filename().string().size() + 7 <= 255);
    CHECK(read_file(*moved) == std::to_string(i));
    CHECK(std::filesystem::exists(moved->string() + ".reason"));
    moved_to.push_back(*moved);
  }
  CHECK(moved_to[0] != moved_to[1]);
  CHECK(moved_to[1] != moved_to[2]);
  CHECK(moved_to[0].extension() == ".txt");
}

TEST_CASE(
    "a file from a folder nested deeper than PATH_MAX still moves, to the top of the destination",
    "[disposal]") {
  TempDir dir;
  std::filesystem::path relative;
  while (relative.native().size() < 4200) relative /= std::string(200, 'd');
  // Created one level at a time: the whole path is too long for the kernel.
  std::filesystem::path made = dir.folder().inbox();
  std::filesystem::create_directories(made);
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(made);
  for (const auto& part : relative) {
    std::filesystem::create_directory(part);
    std::filesystem::current_path(part);
  }
  write_file("deep.txt", "deep");
  std::filesystem::current_path(cwd);
  auto moved = move_aside(dir.folder().inbox() / relative / "deep.txt", relative / "deep.txt",
                          dir.folder().rejected(), "why\n");
  REQUIRE_OK(moved);
  CHECK(*moved == dir.folder().rejected() / "deep.txt");
  CHECK(read_file(*moved) == "deep");
}
