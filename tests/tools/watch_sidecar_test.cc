// End to end: metadata dropped into the inbox beside articles (sidecars), and files that are not
// articles, under a real `kiosque watch`.
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "watch_support.h"

using kiosque::test::read_file;
using kiosque::test::wait_until;
using kiosque::test::WatchProcess;
using kiosque::test::write_file;

namespace {

// The search hit for `query` as JSON (the query must match one article).
nlohmann::json only_hit(const kiosque::test::TestFolder& f, const std::string& query) {
  const auto r = f.k({"search", "--json", query});
  const auto hits = nlohmann::json::parse(r.out)["results"];
  return hits.size() == 1 ? hits[0] : nlohmann::json();
}

}  // namespace

TEST_CASE("watch takes a sidecar with its article, gives a late one to it, refuses non-articles",
          "[e2e][watch][sidecar]") {
  kiosque::test::TestFolder f;
  WatchProcess watch(f.data);
  REQUIRE(wait_until([&] { return watch.log().find(" watching ") != std::string::npos; }));

  // Before its article: taken with it. The article's bytes are untouched.
  write_file(f.inbox / "mali.txt.meta.json",
             R"({"date": "2021-03-04", "source": "Le Monde", "tags": ["Sahel", "Cédéao"]})");
  const std::string mali_text = "Premier article\n\nLe Mali et la Cédéao discutent à Bamako.\n";
  write_file(f.inbox / "mali.txt", mali_text);
  // By stem, and a bad one: the article is taken without it, the sidecar refused with why.
  write_file(f.inbox / "benin.txt", "Troisième article\n\nLe Bénin et la Cédéao à Cotonou.\n");
  write_file(f.inbox / "benin.meta.json", R"({"date": "2019-13"})");
  // Not articles.
  write_file(f.inbox / "README.md", "# Dépôt\n\nDes articles.\n");
  write_file(f.inbox / "MANIFEST.tsv", "file\tdate\nmali.txt\t2020\n");
  write_file(f.inbox / "notes.json", "{\"a\": 1}\n");
  // Its article first, the sidecar after: the article is updated, in the index too.
  write_file(f.inbox / "niger.txt",
             "Second article\n\nLe Niger et la Cédéao discutent à Niamey.\n");
  REQUIRE(wait_until([&] { return f.archived() == 3 && kiosque::test::intake_done(f.data); },
                     std::chrono::seconds(30)));
  write_file(f.inbox / "niger.meta.json", R"({"date": "2022-05-06", "source": "Libération"})");
  REQUIRE(wait_until(
      [&] {
        const auto hit = only_hit(f, "Niamey");
        return hit.is_object() && hit["source"] == "Libération";
      },
      std::chrono::seconds(30)));
  REQUIRE(wait_until([&] { return kiosque::test::intake_done(f.data); }));
  INFO(watch.log());

  const auto mali = only_hit(f, "Bamako");
  REQUIRE(mali.is_object());
  CHECK(mali["date"] == "2021-03-04");
  CHECK(mali["date_kind"] == "published");
  CHECK(mali["source"] == "Le Monde");
  CHECK(f.k({"show", "--raw", mali["id"]}).out == mali_text);
  CHECK_THAT(f.k({"show", mali["id"]}).out,
             Catch::Contains("given    date, source, tags from " +
                             (f.inbox / "mali.txt.meta.json").string()));
  const auto niger = only_hit(f, "Niamey");
  CHECK(niger["date"] == "2022-05-06");
  CHECK(f.k({"count", "source:liberation", "--since", "2022", "--until", "2022"}).out == "1\n");
  const auto benin = only_hit(f, "Cotonou");
  CHECK(benin["date_kind"] == "intake");

  const auto rejected = DataFolder{f.data}.rejected();
  CHECK_THAT(read_file(rejected / "benin.meta.json.reason"), Catch::Contains("no month 13"));
  for (const std::string name : {"README.md", "MANIFEST.tsv", "notes.json"}) {
    INFO(name);
    CHECK_THAT(read_file(rejected / (name + ".reason")), Catch::Contains("not an article"));
  }
  CHECK(f.archived() == 3);
  REQUIRE(watch.stop() == 0);
}
