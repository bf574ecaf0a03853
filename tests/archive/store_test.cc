#include "kiosque/archive/store.h"

#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "folder/data_folder.h"
#include "kiosque/archive/content_hash.h"
#include "kiosque/archive/ingest.h"
#include "test_support.h"

using namespace kiosque::archive;
using kiosque::Errc;
using kiosque::test::read_file;
using kiosque::test::seed_path;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::write_file;

namespace {

std::unique_ptr<Store> open_store(const std::filesystem::path& dir, bool read_only = false) {
  StoreOptions o;
  o.read_only = read_only;
  auto s = Store::open(dir, o);
  REQUIRE_OK(s);
  return std::move(*s);
}

PutOutcome put_bytes(Store& store, std::string bytes, const std::string& name = "file.txt") {
  auto prepared = prepare_bytes(std::move(bytes), {});
  REQUIRE_OK(prepared);
  auto outcome = store.put(*prepared, Provenance{name, 1700000000000});
  REQUIRE_OK(outcome);
  return *outcome;
}

std::string to_windows_1252(const std::string& utf8) {
  iconv_t cd = iconv_open("WINDOWS-1252", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size(), '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

}  // namespace

TEST_CASE("variants of one article share its id and keep their own bytes", "[store]") {
  TempDir dir;
  auto store = open_store(dir.path());
  const std::string original = read_file(seed_path("000"));
  const auto first = put_bytes(*store, original, "000.txt");
  CHECK(first.status == PutStatus::added);
  CHECK(first.seq == 1);

  const std::vector<std::pair<std::string, std::string>> variants{
      {"crlf", replace_all(original, "\n", "\r\n")},
      {"bom", "\xEF\xBB\xBF" + original},
      {"windows-1252", to_windows_1252(original)},
      {"trailing spaces", replace_all(original, "\n", "   \n") + "\n\n"},
  };
  std::set<RawId> raw_ids{sha256(original)};
  for (const auto& [name, bytes] : variants) {
    INFO(name);
    REQUIRE(bytes != original);
    const auto outcome = put_bytes(*store, bytes, name);
    CHECK(outcome.status == PutStatus::new_raw_version);
    CHECK(outcome.id == first.id);
    raw_ids.insert(sha256(bytes));
  }
  CHECK(raw_ids.size() == 5);
  CHECK(store->last_seq() == 1);  // no new log entry for raw versions

  auto article = store->get(first.id);
  REQUIRE_OK(article);
  REQUIRE(article->raw_versions.size() == 5);
  CHECK(*store->raw_bytes(article->raw_versions[0]) == original);
  CHECK(*store->raw_bytes(article->raw_versions[3]) == variants[2].second);
  auto info = store->raw_info(article->raw_versions[3]);
  REQUIRE_OK(info);
  CHECK(info->encoding == "windows-1252");
  CHECK(info->provenance.path == "windows-1252");

  auto stats = store->stats();
  REQUIRE_OK(stats);
  CHECK(stats->articles == 1);
  CHECK(stats->raw_versions == 5);
}

TEST_CASE("the same bytes twice are one article reported as a duplicate", "[store]") {
  TempDir dir;
  auto store = open_store(dir.path());
  const std::string bytes = read_file(seed_path("003"));
  const auto first = put_bytes(*store, bytes);
  const auto again = put_bytes(*store, bytes, "copy.txt");
  CHECK(again.status == PutStatus::duplicate);
  CHECK(again.id == first.id);
  CHECK(again.seq == first.seq);
  auto stats = store->stats();
  CHECK(stats->raw_versions == 1);
  CHECK(stats->raw_bytes == bytes.size());
}

TEST_CASE("reopening keeps every article the log and the counters", "[store]") {
  TempDir dir;
  std::vector<ArticleId> ids;
  {
    auto store = open_store(dir.path());
    for (const auto& p : seed_paths())
      ids.push_back(put_bytes(*store, read_file(p), p.string()).id);
    REQUIRE_OK(store->sync());
  }
  auto store = open_store(dir.path());
  CHECK(store->last_seq() == 5);
  auto log = store->read_log(0, 100);
  REQUIRE_OK(log);
  REQUIRE(log->size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK((*log)[i].seq == i + 1);
    CHECK((*log)[i].id == ids[i]);
    auto a = store->get(ids[i]);
    REQUIRE_OK(a);
    CHECK(sha256(a->content.text) == ids[i]);
  }
  auto tail = store->read_log(3, 100);
  REQUIRE(tail->size() == 2);
  auto back = store->read_log_backwards(6, 2);
  REQUIRE(back->size() == 2);
  CHECK((*back)[0].seq == 5);
  CHECK((*back)[1].seq == 4);

  auto stats = store->stats();
  REQUIRE_OK(stats);
  CHECK(stats->articles == 5);
  REQUIRE(stats->earliest);
  CHECK(stats->earliest->to_string() == "2020-09-01");
  CHECK(stats->latest->to_string() == "2023-09");
  CHECK(stats->disk_bytes > 0);
}

TEST_CASE("a flush started in the background loses nothing and lets writes go on beside it",
          "[store]") {
  TempDir dir;
  const auto paths = seed_paths();
  std::vector<ArticleId> ids;
  {
    auto store = open_store(dir.path());
    for (std::size_t i = 0; i < 3; ++i)
      ids.push_back(put_bytes(*store, read_file(paths[i]), paths[i].string()).id);
    store->flush_in_background();
    for (std::size_t i = 3; i < paths.size(); ++i)
      ids.push_back(put_bytes(*store, read_file(paths[i]), paths[i].string()).id);
    for (const auto& id : ids) {
      auto a = store->get(id);
      REQUIRE_OK(a);
      CHECK(sha256(a->content.text) == id);
    }
    REQUIRE_OK(store->sync());
    store->flush_in_background();
  }
  auto store = open_store(dir.path(), true);
  store->flush_in_background();  // a reader has nothing to write and says nothing
  CHECK(store->last_seq() == paths.size());
  for (const auto& id : ids) {
    auto a = store->get(id);
    REQUIRE_OK(a);
    CHECK(sha256(a->content.text) == id);
    CHECK(a->story);
  }
}

TEST_CASE("ids resolve from a unique prefix as in git", "[store]") {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<ArticleId> ids;
  for (const auto& p : seed_paths()) ids.push_back(put_bytes(*store, read_file(p)).id);
  for (const ArticleId& id : ids) {
    const std::string hex = id.hex();
    CHECK(*store->resolve(hex) == id);
    CHECK(*store->resolve(hex.substr(0, 8)) == id);
    CHECK(*store->resolve(hex.substr(0, 7)) == id);  // odd length
  }
  CHECK(store->resolve("zzzz").error().code == Errc::invalid_argument);
  CHECK(store->resolve("ab").error().code == Errc::invalid_argument);
  std::string absent = ids[0].hex();
  absent[0] = absent[0] == 'f' ? '0' : 'f';
  CHECK(store->resolve(absent.substr(0, 12)).error().code == Errc::not_found);

  // Two ids sharing a prefix: craft one by storing an article whose id we cannot choose, so
  // check ambiguity with the shortest prefix that two real ids share, when there is one.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      if (ids[i].hex().substr(0, 4) == ids[j].hex().substr(0, 4)) {
        CHECK(store->resolve(ids[i].hex().substr(0, 4)).error().code == Errc::ambiguous);
      }
    }
  }
}

TEST_CASE("an ambiguous prefix lists its candidates with their titles, as git does", "[store]") {
  TempDir dir;
  auto store = open_store(dir.path());
  // Articles until two ids share their first four digits (the ids follow from the texts, so the
  // same pair every run).
  std::map<std::string, std::pair<ArticleId, std::string>> by_prefix;
  std::optional<std::pair<std::string, std::string>> pair;  // the prefix, and the earlier title
  for (int n = 0; n < 5000 && !pair; ++n) {
    const std::string title = "Article numéro " + std::to_string(n);
    const ArticleId id =
        put_bytes(*store, title + "\n\nUn texte, le " + std::to_string(n) + ".\n").id;
    const std::string prefix = id.hex().substr(0, 4);
    if (by_prefix.contains(prefix)) {
      pair.emplace(prefix, by_prefix[prefix].second);
      by_prefix[prefix + "+"] = {id, title};
    } else {
      by_prefix[prefix] = {id, title};
    }
  }
  REQUIRE(pair);
  auto ambiguous = store->resolve(pair->first);
  REQUIRE_FALSE(ambiguous);
  CHECK(ambiguous.error().code == Errc::ambiguous);
  const auto& [first_id, first_title] = by_prefix[pair->first];
  const auto& [second_id, second_title] = by_prefix[pair->first + "+"];
  CHECK_THAT(ambiguous.error().hint,
             Catch::Contains(first_id.hex().substr(0, 16) + "  " + first_title));
  CHECK_THAT(ambiguous.error().hint,
             Catch::Contains(second_id.hex().substr(0, 16) + "  " + second_title));
  CHECK(store->resolve(first_id.hex().substr(0, 16)).value() == first_id);
}

TEST_CASE("one writer at a time - readers beside it", "[store]") {
  TempDir dir;
  auto writer = open_store(dir.path());
  const auto id = put_bytes(*writer, read_file(seed_path("001"))).id;
  REQUIRE_OK(writer->sync());

  auto second = Store::open(dir.path());
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code == Errc::busy);

  auto reader = open_store(dir.path(), /*read_only=*/true);
  auto a = reader->get(id);
  REQUIRE_OK(a);
  CHECK(a->content.date->to_string() == "2023-09");
}

TEST_CASE("a read-only open of a missing archive says so", "[store]") {
  TempDir dir;
  StoreOptions o;
  o.read_only = true;
  auto s = Store::open(dir / "nothing", o);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().code == Errc::not_found);
}

TEST_CASE("a batch with bad files takes in the good ones and gives each bad one its reason",
          "[store][ingest]") {
  TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directory(in);
  write_file(in / "binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(in / "empty.txt", "");
  write_file(in / "invalid.txt", "caf\xC3\xA9 puis caf\xE9");
  write_file(in / "huge.txt", std::string(5000, 'a'));
  write_file(in / "boilerplate-only.txt", "Laisser un commentaire\n\nAutres articles\n");
  std::filesystem::create_symlink(seed_path("000"), in / "link.txt");
  std::vector<std::filesystem::path> paths{
      seed_path("000"),   in / "binary.bin",  in / "empty.txt",
      in / "invalid.txt", seed_path("001"),   in / "huge.txt",
      in / "link.txt",    in / "missing.txt", in / "boilerplate-only.txt",
      seed_path("004")};
  auto store = open_store(dir.folder().archive());
  IngestConfig config;
  config.limits.max_bytes = 4000;
  std::map<std::string, std::string> reasons;
  std::vector<std::string> order;
  auto totals = ingest_files(*store, paths, config, [&](const FileOutcome& o) {
    order.push_back(o.path->filename().string());
    if (!*o.result) reasons[o.path->filename().string()] = o.result->error().message;
  });
  REQUIRE_OK(totals);
  CHECK(totals->added == 3);
  CHECK(totals->rejected == 7);
  CHECK(order.size() == paths.size());
  CHECK(order.front() == paths.front().filename().string());  // reported in the order given
  CHECK_THAT(reasons["binary.bin"], Catch::Contains("binary"));
  CHECK_THAT(reasons["empty.txt"], Catch::Contains("empty"));
  CHECK_THAT(reasons["invalid.txt"], Catch::Contains("invalid UTF-8"));
  CHECK_THAT(reasons["huge.txt"], Catch::Contains("too large"));
  CHECK_THAT(reasons["link.txt"], Catch::Contains("symbolic link"));
  CHECK_THAT(reasons["missing.txt"], Catch::Contains("No such file"));
  CHECK_THAT(reasons["boilerplate-only.txt"], Catch::Contains("no article text"));
  CHECK(store->stats()->articles == 3);
}

namespace {

// The niceness of each thread of this process but the calling one, from /proc.
std::vector<int> other_threads_niceness() {
  std::vector<int> found;
  const std::string self = std::to_string(gettid());
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    if (task.path().filename() == self) continue;
    std::ifstream in(task.path() / "stat");
    std::string stat;
    std::getline(in, stat);
    const std::size_t end = stat.rfind(')');
    if (end == std::string::npos) continue;  // a thread that ended meanwhile
    // Fields after the command's closing parenthesis: state is the 3rd, nice the 19th.
    std::istringstream fields(stat.substr(end + 2));
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i) {
      if (i == 19) found.push_back(std::stoi(field));
    }
  }
  return found;
}

}  // namespace

TEST_CASE("a reader that follows the log gets synced groups while files keep coming",
          "[store][ingest]") {
  TempDir dir;
  const auto paths = kiosque::test::corpus_paths(300);
  auto store = open_store(dir.folder().archive());
  IngestConfig config;
  config.threads = 2;
  config.group_interval = std::chrono::milliseconds(1);
  config.background_workers = true;
  std::uint64_t synced_at_first_report = 0;
  std::ptrdiff_t most_yielding = 0;
  auto totals = ingest_files(*store, paths, config, [&](const FileOutcome& o) {
    if (o.index == 0) synced_at_first_report = store->last_seq();
    const std::vector<int> niceness = other_threads_niceness();
    most_yielding = std::max(most_yielding, std::count(niceness.begin(), niceness.end(), 10));
  });
  REQUIRE_OK(totals);
  CHECK(totals->files == paths.size());
  // Without the interval the first report would come with all 300 files, in one group.
  CHECK(synced_at_first_report > 0);
  CHECK(synced_at_first_report < store->last_seq());
  // The preparing threads yield to the others (add's index writer).
  CHECK(most_yielding == 2);
}

TEST_CASE(
    "metadata given beside a file is kept with its provenance and moves the article in the log",
    "[store][given]") {
  TempDir dir;
  auto store = open_store(dir.folder().archive());
  auto prepared = prepare_bytes(read_file(seed_path("000")), {});
  REQUIRE_OK(prepared);
  GivenMetadata manifest;
  manifest.date = ArticleDate{2023, 9, 20, ArticleDate::Precision::day};
  manifest.source = "TASS";
  manifest.provenance = Provenance{"MANIFEST.tsv", 1700000000000};

  // Taken in with its metadata: one log entry, the metadata shown, the text's own kept apart.
  auto first = store->put(*prepared, Provenance{"000.txt", 1700000000000}, &manifest);
  REQUIRE_OK(first);
  CHECK(first->status == PutStatus::added);
  CHECK(first->metadata_changed);
  auto article = store->get(first->id);
  REQUIRE_OK(article);
  CHECK(article->content.date == manifest.date);
  CHECK(article->content.source == "TASS");
  CHECK(article->content.title == prepared->content.title);  // what the text gave stays
  REQUIRE(article->given.size() == 1);
  CHECK(article->given.front().provenance.path == "MANIFEST.tsv");

  // The same file and the same metadata again change nothing.
  auto again = store->put(*prepared, Provenance{"000.txt", 1700000000001}, &manifest);
  REQUIRE_OK(again);
  CHECK(again->status == PutStatus::duplicate);
  CHECK_FALSE(again->metadata_changed);
  CHECK(store->last_seq() == first->seq);

  // A later sidecar changes the source: the article moves to a new last log entry, alone.
  GivenMetadata sidecar;
  sidecar.source = "RIA Novosti";
  sidecar.provenance = Provenance{"000.txt.meta.json", 1700000001000};
  auto changed = store->put(*prepared, Provenance{"000.txt", 1700000001000}, &sidecar);
  REQUIRE_OK(changed);
  CHECK(changed->status == PutStatus::duplicate);
  CHECK(changed->metadata_changed);
  CHECK(changed->seq == first->seq + 1);
  auto log = store->read_log(0, 10);
  REQUIRE_OK(log);
  REQUIRE(log->size() == 1);
  CHECK(log->front().seq == changed->seq);
  article = store->get(first->id);
  REQUIRE_OK(article);
  CHECK(article->seq == changed->seq);
  CHECK(article->content.source == "RIA Novosti");
  CHECK(article->content.date == manifest.date);  // the manifest's date stands
  CHECK(article->given.size() == 2);
  CHECK(store->stats()->articles == 1);
  auto check = store->verify();
  REQUIRE_OK(check);
  INFO((check->problems.empty() ? "" : check->problems.front()));
  CHECK(check->problems.empty());
}
