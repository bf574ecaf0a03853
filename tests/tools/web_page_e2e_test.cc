// Web pages through the real binary: a browser's "web page, complete" (PAGE.html beside
// PAGE_files/) is one article under add and under watch, its assets neither archived nor
// rejected, the exact page kept; the metadata reaches show and search.
#include <nlohmann/json.hpp>

#include "folder/data_folder.h"
#include "test_support.h"
#include "watch_support.h"

using kiosque::test::files_under;
using kiosque::test::read_file;
using kiosque::test::TestFolder;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;
using kiosque::tools::DataFolder;

namespace {

const std::filesystem::path kPages =
    std::filesystem::path(KIOSQUE_SOURCE_DIR) / "tests" / "data" / "html";

// A page saved complete under `dir`, its assets folder named `assets` ("Sahel_files").
void save_complete(const std::filesystem::path& dir, const std::string& assets) {
  std::filesystem::create_directories(dir / assets / "img");
  write_file(dir / assets / "app.js", "window.dataLayer = [];");
  write_file(dir / assets / "style.css", "body { margin: 0 }");
  write_file(dir / assets / "img" / "lavrov.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11));
  write_file(dir / "Sahel.html", read_file(kPages / "other-outlet.html"));
}

}  // namespace

TEST_CASE("add takes a page saved complete as one article, its assets left alone", "[e2e][html]") {
  TestFolder f;
  const auto saved = f.dir / "saved";
  save_complete(saved, "Sahel_files");
  const auto r = f.k({"add", "--json", saved.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"added\":1,") || Catch::Contains("\"added\": 1"));
  CHECK(r.out.find("rejected\",") == std::string::npos);

  const auto found = f.k({"search", "--json", "author:diallo section:international"});
  const auto hits = nlohmann::json::parse(found.out)["results"];
  REQUIRE(hits.size() == 1);
  const std::string id = hits[0]["id"];
  const auto shown = nlohmann::json::parse(f.k({"show", "--json", id}).out);
  CHECK(shown["title"] == "Sahel : Moscou reçoit les ministres de l'AES");
  CHECK(shown["date"] == "2025-04-03");
  CHECK(shown["source"] == "Le Quotidien du Soir");
  CHECK(shown["authors"] == nlohmann::json({"Claire Dubois", "Karim Diallo"}));
  CHECK(shown["site"] == "www.quotidien-du-soir.example");
  CHECK(f.k({"show", "--raw", id}).out == read_file(kPages / "other-outlet.html"));
  CHECK(f.k({"verify"}).exit_code == 0);
}

TEST_CASE("watch takes a page saved complete, assets first, and clears its assets with it",
          "[e2e][watch][html]") {
  TestFolder f;
  WatchProcess watch(f.data);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));
  // As a browser does: the assets folder fills, then the page is renamed into place.
  const auto outside = f.dir / "outside";
  save_complete(outside, "Sahel_fichiers");
  std::filesystem::rename(outside / "Sahel_fichiers", f.inbox / "Sahel_fichiers");
  std::filesystem::rename(outside / "Sahel.html", f.inbox / "Sahel.html");
  REQUIRE(wait_until([&] { return f.inbox_empty() && f.archived() == 1; }));
  CHECK(files_under(f.inbox).empty());
  CHECK_FALSE(std::filesystem::exists(DataFolder{f.data}.rejected()));
  CHECK(watch.stop() == 0);
  CHECK(watch.log().find(".reason") == std::string::npos);  // no file was refused
}

TEST_CASE("watch --keep moves a page's assets to processed/ beside it", "[e2e][watch][html]") {
  TestFolder f;
  save_complete(f.inbox / "revue", "Sahel_files");
  WatchProcess watch(f.data, {"--keep"});
  REQUIRE(wait_until([&] { return f.inbox_empty() && f.archived() == 1; }));
  CHECK(watch.stop() == 0);
  const auto processed = DataFolder{f.data}.processed() / "revue";
  CHECK(std::filesystem::exists(processed / "Sahel.html"));
  CHECK(std::filesystem::exists(processed / "Sahel_files" / "img" / "lavrov.jpg"));
  CHECK(files_under(f.inbox).empty());
}
