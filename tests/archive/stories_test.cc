// Near-duplicates and stories, placed as articles are archived (archive/src/stories/).
#include <rocksdb/db.h>

#include <algorithm>
#include <map>
#include <set>

#include "kiosque/archive/ingest.h"
#include "kiosque/archive/normaliser.h"
#include "kiosque/archive/store.h"
#include "stories/story_text.h"
#include "story_test_support.h"
#include "test_support.h"

using namespace kiosque::archive;
using namespace kiosque::archive::detail;
using kiosque::test::body_of;
using kiosque::test::place_of;
using kiosque::test::put_text;
using kiosque::test::read_file;
using kiosque::test::seed_path;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;

namespace {

std::unique_ptr<Store> open_store(const std::filesystem::path& dir) {
  auto s = Store::open(dir);
  REQUIRE_OK(s);
  return std::move(*s);
}

// The body's paragraphs, first `keep` of them.
std::string first_paragraphs(const std::string& body, std::size_t keep) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < keep && at != std::string::npos; ++i) {
    at = body.find("\n\n", at == 0 ? 0 : at + 2);
  }
  return at == std::string::npos ? body : body.substr(0, at);
}

}  // namespace

TEST_CASE("shingles are runs of five words - case folded - accents and soft hyphens kept apart",
          "[stories]") {
  CHECK(shingles("un deux trois quatre").empty());
  CHECK(shingles("un deux trois quatre cinq").size() == 1);
  CHECK(shingles("Un, deux ; trois – quatre cinq six").size() == 2);
  CHECK(shingles("UN DEUX TROIS QUATRE CINQ") == shingles("un deux trois quatre cinq"));
  CHECK(shingles("l’appel est lancé ce soir") == shingles("l'appel est lancé ce soir"));
  CHECK(shingles("un deux trois qua\u00adtre cinq") == shingles("un deux trois quatre cinq"));
  CHECK(shingles("un deux trois été cinq") != shingles("un deux trois ete cinq"));
}

TEST_CASE(
    "a body and its copy, its truncation or its extension are near-duplicates - two "
    "outlets' versions are not",
    "[stories]") {
  const std::string body = body_of("001");
  const auto whole = shingles(body);
  CHECK(compare_bodies(whole, whole).near_duplicate);
  CHECK(compare_bodies(whole, shingles(first_paragraphs(body, 5))).near_duplicate);
  CHECK(compare_bodies(shingles(body + "\n\nUn paragraphe ajouté plus tard, avec la réaction du "
                                       "Kremlin et celle des autorités de transition."),
                       whole)
            .near_duplicate);
  for (const char* other : {"000", "002", "003", "004"}) {
    INFO(other);
    const auto o = compare_bodies(whole, shingles(body_of(other)));
    CHECK_FALSE(o.near_duplicate);
    CHECK(o.containment < 0.2);
  }
}

TEST_CASE("the opening's names are capitalised words not starting a sentence - folded",
          "[stories]") {
  const auto a =
      lead_traits("Goïta appelle Poutine", "Le président Assimi Goïta a appelé la CEDEAO.");
  const auto b = lead_traits("", "Selon le Kremlin, Assimi Goita parle à la Cédéao.");
  // goita, assimi and cedeao (not "Le", "Selon" or a title's first word alone).
  CHECK(shared_count(a.names, b.names) == 3);
  const auto c = lead_traits("", "Un entretien téléphonique. Une conversation au téléphone.");
  CHECK(c.names.empty());
  CHECK(c.words.size() == 3);  // entret, teleph, conver
}

TEST_CASE("the seeds: three outlets' versions of one call are one story - the others their own",
          "[stories]") {
  TempDir dir;
  auto store = open_store(dir.path() / "archive");
  std::map<std::string, ArticleId> ids;
  for (const auto& p : seed_paths()) {
    ids[p.filename().string().substr(0, 3)] = put_text(*store, read_file(p)).id;
  }
  std::map<std::string, StoryPlace> place;
  for (const auto& [name, id] : ids) place[name] = place_of(*store, id);
  CHECK(place["000"].group == place["001"].group);
  CHECK(place["000"].group == place["002"].group);
  CHECK(place["003"].group != place["000"].group);
  CHECK(place["004"].group != place["000"].group);
  CHECK(place["003"].group != place["004"].group);
  CHECK(place["000"].group == ids["000"]);  // named after its first article
  std::set<ArticleId> clusters;
  for (const auto& [name, p] : place) clusters.insert(p.cluster);
  CHECK(clusters.size() == 5);  // different texts: none is a near-duplicate of another

  auto members = store->story_members(ids["000"]);
  REQUIRE_OK(members);
  CHECK(members->size() == 3);
  auto stats = store->stats();
  REQUIRE_OK(stats);
  CHECK(stats->story_groups == 1);
  CHECK(stats->story_folded == 2);
  CHECK(stats->near_duplicates == 0);
  auto check = store->verify();
  REQUIRE_OK(check);
  CHECK(check->problems.empty());
}

TEST_CASE(
    "an article that is a version of two others joins them into one story - they are "
    "logged anew for the index",
    "[stories]") {
  TempDir dir;
  auto store = open_store(dir.path() / "archive");
  const std::string a_body = body_of("003"), b_body = body_of("004");
  const auto a = put_text(*store, "Premier titre\n\n" + a_body);
  const auto b = put_text(*store, "Second titre\n\n" + b_body);
  CHECK(place_of(*store, a.id).group != place_of(*store, b.id).group);

  const auto c = put_text(*store, "Troisième titre\n\n" + a_body + "\n\n" + b_body);
  const StoryPlace joined = place_of(*store, c.id);
  CHECK(place_of(*store, a.id) == joined);
  CHECK(place_of(*store, b.id) == joined);
  CHECK(joined.cluster == std::min(a.id, b.id));  // equal sizes: the smaller id stays
  CHECK(joined.group == joined.cluster);

  // The one whose place changed has a new, last log entry, after the new article's.
  const ArticleId moved = std::max(a.id, b.id);
  auto log = store->read_log(0, 10);
  REQUIRE_OK(log);
  REQUIRE(log->size() == 3);
  CHECK(log->back().id == moved);
  CHECK((*log)[1].id == c.id);

  auto members = store->story_members(joined.group);
  REQUIRE_OK(members);
  CHECK(members->size() == 3);
  auto check = store->verify();
  REQUIRE_OK(check);
  CHECK(check->problems.empty());
}

TEST_CASE("grouping again from the archive gives the same places - in the order of intake",
          "[stories]") {
  TempDir dir;
  auto store = open_store(dir.path() / "archive");
  // All taken in within one millisecond, as a batch often is: the order is the log's.
  std::vector<ArticleId> ids;
  for (const auto& p : seed_paths()) ids.push_back(put_text(*store, read_file(p)).id);
  ids.push_back(
      put_text(*store, "Une version courte\n\n" + first_paragraphs(body_of("001"), 5)).id);
  std::vector<StoryPlace> before;
  for (const auto& id : ids) before.push_back(place_of(*store, id));
  CHECK(before.back().cluster == ids[1]);  // the short version joined 001's cluster
  CHECK(before[0].group == ids[0]);        // the call's story is named after 000, taken in first
  // 000 gets a new, last log entry (given metadata changes it): its intake order stays.
  GivenMetadata given;
  given.source = "Autre";
  auto prepared = prepare_bytes(read_file(seed_path("000")), {});
  REQUIRE_OK(prepared);
  auto changed = store->put(*prepared, Provenance{"again.txt", 1700000000000}, &given);
  REQUIRE_OK(changed);
  CHECK(changed->seq == 7);

  REQUIRE_OK(store->regroup());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO(i);
    CHECK(place_of(*store, ids[i]) == before[i]);
  }
  store.reset();
  store = open_store(dir.path() / "archive");  // and a reopening does not group again
  CHECK(place_of(*store, ids.back()) == before.back());
}

TEST_CASE("stories grouped by older rules are not read - a writer's open groups the archive again",
          "[stories]") {
  TempDir dir;
  const auto path = dir.path() / "archive";
  std::vector<ArticleId> ids;
  std::vector<StoryPlace> before;
  {
    auto store = open_store(path);
    for (const auto& p : seed_paths()) ids.push_back(put_text(*store, read_file(p)).id);
    for (const auto& id : ids) before.push_back(place_of(*store, id));
  }
  {
    // What an archive grouped by the previous rules says of itself, its records left as they are.
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path.string(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), path.string(), families, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    const auto stories = std::find(names.begin(), names.end(), "stories");
    REQUIRE(stories != names.end());
    auto* family = handles[static_cast<std::size_t>(stories - names.begin())];
    CHECK(db->Put(rocksdb::WriteOptions(), family, "v-version", "3").ok());
    for (auto* h : handles) CHECK(db->DestroyColumnFamilyHandle(h).ok());
    CHECK(db->Close().ok());
  }
  {
    auto reader = Store::open(path, {.read_only = true});
    REQUIRE_OK(reader);
    auto article = (*reader)->get(ids[1]);
    REQUIRE_OK(article);
    CHECK_FALSE(article->story);
  }
  auto store = open_store(path);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO(i);
    CHECK(place_of(*store, ids[i]) == before[i]);
  }
}

TEST_CASE("an undated text is no older than the latest year it names", "[stories]") {
  CHECK(latest_of(named_years("des putschs entre 2020 et 2023 ; en février 2022"), 2026) == 2023);
  CHECK(named_years("le 12345e jour, le code 20231, 1899 et 2031") == std::vector<int>{2031});
  CHECK(latest_of(named_years("l'an 2031 et 2024"), 2026) == 2024);  // a year to come is not past
  CHECK(latest_of(named_years("sans année"), 2026) == std::nullopt);
}
