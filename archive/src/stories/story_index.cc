#include "story_index.h"

#include <fmt/format.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "big_endian.h"
#include "shingle_postings.h"
#include "story_text.h"

namespace kiosque::archive::detail {

namespace {

// Keys of the `stories` family, by their first byte.
constexpr char kPlaceKey = 'a';      // a + article id -> its place and traits
constexpr char kMemberKey = 'g';     // g + group id + article id -> the article's cluster id
constexpr char kNameKey = 'n';       // n + name (8) + undated (1) + day (4) + id's first 8 -> ""
constexpr char kNameCountKey = 'c';  // c + name (8) -> articles with the name in their opening
// Every key is 9 bytes or more: the family's prefix blooms take the first 9 (store.cc).
constexpr std::string_view kVersionKey = "v-version";
// Raised whenever the rules below change, so that an archive is grouped again by the new ones.
constexpr std::string_view kVersion = "5";

constexpr std::uint8_t kPlaceFormat = 3;
constexpr std::size_t kIdPrefix = 8;
// A shingle shared by more than this many bodies is boilerplate, not a sign of a copy.
constexpr std::size_t kBoilerplateBodies = 50;
constexpr std::size_t kMaxNearCandidates = 8;
// Articles of one story are published within this many days of each other.
constexpr int kWindowDays = 3;
// The articles looked at for each rare name: the newest in the window.
constexpr std::size_t kMaxNamePostings = 32;
// A candidate shares at least this share of sampled shingles before its text is read.
constexpr double kMinSampledContainment = 0.4;

struct Place {
  StoryPlace story;
  std::int32_t day = 0;  // days since 1970-01-01 of the filed date
  bool dated = false;    // a stated publication day, not the intake day
  // For an undated article, the first day of the latest year its text names (it is no older);
  // else the lowest day.
  std::int32_t not_before = std::numeric_limits<std::int32_t>::min();
  std::vector<std::uint64_t> names, words;
};

std::string place_key(const ArticleId& id) {
  std::string k(1, kPlaceKey);
  k += id.view();
  return k;
}
std::string member_prefix(const ArticleId& group) {
  std::string k(1, kMemberKey);
  k += group.view();
  return k;
}
std::string member_key(const ArticleId& group, const ArticleId& id) {
  return member_prefix(group) + std::string(id.view());
}
std::string name_prefix(std::uint64_t name, bool undated) {
  std::string k(1, kNameKey);
  put_u64(k, name);
  k.push_back(undated ? '\1' : '\0');
  return k;
}
void put_day(std::string& k, std::int32_t day) {
  const auto biased = static_cast<std::uint32_t>(day) ^ 0x80000000U;  // sortable as bytes
  for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>(biased >> (8 * i)));
}
std::string name_count_key(std::uint64_t name) {
  std::string k(1, kNameCountKey);
  put_u64(k, name);
  return k;
}

std::string encode_place(const Place& p) {
  std::string out(1, static_cast<char>(kPlaceFormat));
  out += p.story.cluster.view();
  out += p.story.group.view();
  put_u64(out, static_cast<std::uint32_t>(p.day));
  put_u64(out, static_cast<std::uint32_t>(p.not_before));
  out.push_back(p.dated ? '\1' : '\0');
  for (const auto* list : {&p.names, &p.words}) {
    put_u64(out, list->size());
    for (const auto v : *list) put_u64(out, v);
  }
  return out;
}

std::optional<Place> decode_place(std::string_view in) {
  Place p;
  if (in.size() < 1 + 64 + 8 + 8 + 1 || static_cast<std::uint8_t>(in[0]) != kPlaceFormat)
    return std::nullopt;
  p.story.cluster = *Digest::from_bytes(in.substr(1, 32));
  p.story.group = *Digest::from_bytes(in.substr(33, 32));
  p.day = static_cast<std::int32_t>(static_cast<std::uint32_t>(get_u64(in.substr(65, 8))));
  p.not_before = static_cast<std::int32_t>(static_cast<std::uint32_t>(get_u64(in.substr(73, 8))));
  p.dated = in[81] != 0;
  in.remove_prefix(82);
  for (auto* list : {&p.names, &p.words}) {
    if (in.size() < 8) return std::nullopt;
    const std::uint64_t n = get_u64(in);
    in.remove_prefix(8);
    if (n > in.size() / 8) return std::nullopt;
    for (std::uint64_t i = 0; i < n; ++i, in.remove_prefix(8)) list->push_back(get_u64(in));
  }
  if (!in.empty()) return std::nullopt;
  return p;
}

std::int32_t days_since_epoch(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year),
                           std::chrono::month(static_cast<unsigned>(month)),
                           std::chrono::day(static_cast<unsigned>(day))};
  return static_cast<std::int32_t>(sys_days(ymd).time_since_epoch().count());
}

// The day a story is dated by: a stated day (a stated month counts as its 15th, give or take the
// window), else the intake day, which only says the article is no newer, with the latest year
// its text names, which says it is no older.
void set_day(Place& p, const Article& record, const std::vector<int>& years) {
  const FiledDate filed = filed_date(record);
  const ArticleDate& d = filed.date;
  p.dated = filed.kind == FiledDate::Kind::published && d.precision != ArticleDate::Precision::year;
  if (p.dated) {
    p.day =
        days_since_epoch(d.year, d.month, d.precision == ArticleDate::Precision::day ? d.day : 15);
  } else {
    const ArticleDate intake = utc_day(record.added_at_ms);
    p.day = days_since_epoch(intake.year, intake.month, intake.day);
    if (const auto year = latest_of(years, intake.year))
      p.not_before = days_since_epoch(*year, 1, 1);
  }
}

bool in_window(const Place& a, const Place& b) {
  if (a.dated && b.dated) return std::abs(a.day - b.day) <= kWindowDays;
  if (a.dated) return a.day <= b.day + kWindowDays && a.day + kWindowDays >= b.not_before;
  if (b.dated) return b.day <= a.day + kWindowDays && b.day + kWindowDays >= a.not_before;
  return std::abs(a.day - b.day) <= kWindowDays;
}

// A walk over many keys of one kind, past the 8-byte prefixes the blooms are made of.
rocksdb::ReadOptions across_prefixes() {
  rocksdb::ReadOptions options;
  options.total_order_seek = true;
  return options;
}

class Reader {
 public:
  explicit Reader(const Store::Impl& d) : d_(d) {}

  Result<std::optional<Place>> place(const ArticleId& id) const {
    auto value = d_.get(kStories, place_key(id), "read an article's story");
    if (!value) return propagate(value);
    if (!*value) return std::optional<Place>{};
    auto p = decode_place(**value);
    if (!p)
      return fail(Part::archive, Errc::corruption,
                  fmt::format("the story record of article {} is damaged", id.hex()));
    return p;
  }

  // The placed article whose id starts with these 8 bytes, and its place: one seek, for the
  // place records are keyed by id.
  Result<std::optional<std::pair<ArticleId, Place>>> find(std::uint64_t id_prefix) const {
    std::string seek(1, kPlaceKey);
    put_u64(seek, id_prefix);
    auto* it = iterator();
    it->Seek(seek);
    if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "read the stories"));
    if (!it->Valid() || !it->key().starts_with(seek) || it->key().size() != 33)
      return std::optional<std::pair<ArticleId, Place>>{};
    const auto id = *Digest::from_bytes(it->key().ToStringView().substr(1));
    auto p = decode_place(it->value().ToStringView());
    if (!p)
      return fail(Part::archive, Errc::corruption,
                  fmt::format("the story record of article {} is damaged", id.hex()));
    return std::optional<std::pair<ArticleId, Place>>(std::pair(id, std::move(*p)));
  }

  // The articles filed under `prefix` whose day lies from `from` to `to` (inclusive), at most
  // `max` + 1 of them so the caller can see too many.
  Result<std::vector<Posting>> postings(const std::string& prefix, std::size_t max,
                                        std::optional<std::int32_t> from = {},
                                        std::optional<std::int32_t> to = {},
                                        bool newest_first = false) const {
    std::vector<Posting> out;
    auto* it = iterator();
    std::string lower = prefix;
    if (from) put_day(lower, *from);
    // Past the window's last day, or past every key of the prefix.
    std::string upper = prefix;
    if (to) {
      put_day(upper, *to + 1);
    } else {
      upper.append(16, '\xff');
    }
    const auto keep = [&](std::string_view key) {
      out.push_back(
          {get_u64(key.substr(key.size() - kIdPrefix)), get_u16(it->value().ToStringView())});
    };
    if (newest_first) {
      it->SeekForPrev(upper);
      for (; it->Valid() && it->key().starts_with(prefix) && out.size() <= max; it->Prev()) {
        const auto key = it->key().ToStringView();
        if (key.compare(lower) < 0) break;
        if (key.compare(upper) < 0) keep(key);
      }
    } else {
      it->Seek(lower);
      for (; it->Valid() && it->key().starts_with(prefix) && out.size() <= max; it->Next()) {
        const auto key = it->key().ToStringView();
        if (to && key.compare(upper) >= 0) break;
        keep(key);
      }
    }
    if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "read the stories"));
    return out;
  }

  Result<std::vector<GroupMember>> group(const ArticleId& group) const {
    std::vector<GroupMember> out;
    const std::string prefix = member_prefix(group);
    auto* it = iterator();
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const auto key = it->key().ToStringView();
      auto id = Digest::from_bytes(key.substr(prefix.size()));
      auto cluster = Digest::from_bytes(it->value().ToStringView());
      if (!id || !cluster)
        return fail(Part::archive, Errc::corruption,
                    fmt::format("the member list of story {} is damaged", group.hex()));
      out.push_back({*id, *cluster});
    }
    if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "read a story"));
    return out;
  }

  Result<std::uint64_t> name_count(std::uint64_t name) const {
    auto value = d_.get(kStories, name_count_key(name), "read the stories");
    if (!value) return propagate(value);
    return *value && (*value)->size() == 8 ? get_u64(**value) : 0;
  }

  // One iterator for every lookup of a placing, each within one key prefix (the blooms' unit).
  rocksdb::Iterator* iterator() const {
    if (!iterator_) {
      rocksdb::ReadOptions options;
      options.prefix_same_as_start = true;
      iterator_.reset(d_.db->NewIterator(options, d_.cf[kStories]));
    }
    return iterator_.get();
  }

 private:
  const Store::Impl& d_;
  mutable std::unique_ptr<rocksdb::Iterator> iterator_;
};

// The near-duplicates of a body among the placed articles, as their places. A candidate's text
// is read only when it shares enough of the sampled shingles to possibly be one.
Result<std::vector<std::pair<ArticleId, Place>>> near_duplicates(
    const Store::Impl& d, const Reader& reader, const ShingledBody& body,
    const std::vector<std::uint64_t>& keys) {
  struct Votes {
    std::size_t shared = 0;
    std::uint16_t keys = 0;
  };
  std::unordered_map<std::uint64_t, Votes> votes;
  const ShingleLookup lookup(*d.db, d.cf[kShingles], d.pending);
  for (const auto key : keys) {
    auto filed = lookup.find(key, kBoilerplateBodies);
    if (!filed) return propagate(filed);
    if (filed->size() > kBoilerplateBodies) continue;
    for (const auto& p : *filed) {
      auto& v = votes[p.id];
      ++v.shared;
      v.keys = p.keys;
    }
  }
  // Candidates that share too few sampled shingles to be copies are dropped before anything of
  // theirs is read; the others are read best first.
  std::vector<std::pair<std::size_t, std::uint64_t>> ranked;
  for (const auto& [id, v] : votes) {
    const auto fewer = std::max<std::size_t>(1, std::min<std::size_t>(keys.size(), v.keys));
    if (static_cast<double>(v.shared) >= kMinSampledContainment * static_cast<double>(fewer))
      ranked.emplace_back(v.shared, id);
  }
  std::sort(ranked.begin(), ranked.end(), std::greater<>());
  if (ranked.size() > kMaxNearCandidates) ranked.resize(kMaxNearCandidates);
  std::vector<std::pair<ArticleId, Place>> out;
  for (const auto& [n, prefix] : ranked) {
    auto found = reader.find(prefix);
    if (!found) return propagate(found);
    if (!*found) continue;
    auto& [id, place] = **found;
    auto other = d.get_record(id);
    if (!other) return propagate(other);
    const auto& text = other->content;
    if (!compare_bodies(body, shingles(story_body(text.text, text.title))).near_duplicate) continue;
    out.emplace_back(id, std::move(place));
  }
  return out;
}

// The group a new article's opening ties it to, if any: the group with the most articles that
// share enough rare names (and telling words) with it in the window, provided they are at least
// half the group, so that a story never grows by a chain of loose likenesses.
Result<std::optional<ArticleId>> same_story(const Reader& reader, const Place& mine,
                                            const std::vector<std::uint64_t>& rare_names) {
  // How many of the new article's rare names each article of the window was found under: a link
  // takes two, so the others are never read.
  std::unordered_map<std::uint64_t, std::size_t> hits;
  for (const auto name : rare_names) {
    for (const bool undated : {false, true}) {
      std::optional<std::int32_t> from, to;
      bool newest_first = false;
      if (mine.dated && !undated) {
        from = mine.day - kWindowDays;
        to = mine.day + kWindowDays;
      } else if (mine.dated) {
        from = mine.day - kWindowDays;
      } else if (!undated) {
        to = mine.day + kWindowDays;
        newest_first = true;
      } else {
        from = mine.day - kWindowDays;
        to = mine.day + kWindowDays;
      }
      auto ids =
          reader.postings(name_prefix(name, undated), kMaxNamePostings, from, to, newest_first);
      if (!ids) return propagate(ids);
      for (const auto& p : *ids) ++hits[p.id];
    }
  }
  std::vector<std::uint64_t> candidates;
  for (const auto& [id, n] : hits) {
    if (n >= 2) candidates.push_back(id);
  }
  std::sort(candidates.begin(), candidates.end());  // the same order on every run
  std::map<ArticleId, std::size_t> links;
  for (const auto prefix : candidates) {
    auto found = reader.find(prefix);
    if (!found) return propagate(found);
    if (!*found) continue;
    const Place& p = (*found)->second;
    if (!in_window(mine, p)) continue;
    const std::size_t names = shared_count(rare_names, p.names);
    const std::size_t words = shared_count(mine.words, p.words);
    if (names >= 3 || (names >= 2 && words >= 2)) ++links[p.story.group];
  }
  std::optional<ArticleId> best;
  std::size_t best_links = 0, best_size = 0;
  for (const auto& [group, n] : links) {
    auto members = reader.group(group);
    if (!members) return propagate(members);
    const std::size_t size = members->size();
    if (2 * n < size) continue;
    if (n > best_links || (n == best_links && size > best_size)) {
      best = group;
      best_links = n;
      best_size = size;
    }
  }
  return best;
}

// Of several groups (or clusters), the one that keeps its name: the largest, then the smallest id.
ArticleId survivor(const std::map<ArticleId, std::size_t>& sizes) {
  auto best = sizes.begin();
  for (auto it = sizes.begin(); it != sizes.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  return best->first;
}

}  // namespace

Result<std::vector<ArticleId>> place_article(const Store::Impl& d, rocksdb::WriteBatch& batch,
                                             const Article& record, std::uint64_t placed_before,
                                             const StoryText& t) {
  const Reader reader(d);
  Place mine;
  Article shown = record;
  shown.content = with_given(record.content, record.given);
  set_day(mine, shown, t.years);
  mine.names = t.lead.names;
  mine.words = t.lead.words;
  mine.story = {record.id, record.id};
  auto dups = near_duplicates(d, reader, t.body, t.keys);
  if (!dups) return propagate(dups);
  std::vector<ArticleId> moved;
  if (!dups->empty()) {
    // The new article joins its versions; groups and clusters it bridges become one.
    std::set<ArticleId> groups, clusters;
    for (const auto& [id, p] : *dups) {
      groups.insert(p.story.group);
      clusters.insert(p.story.cluster);
    }
    std::map<ArticleId, std::vector<GroupMember>> members;
    std::map<ArticleId, std::size_t> group_sizes, cluster_sizes;
    for (const auto& g : groups) {
      auto list = reader.group(g);
      if (!list) return propagate(list);
      group_sizes[g] = list->size();
      for (const auto& m : *list) {
        if (clusters.contains(m.cluster)) ++cluster_sizes[m.cluster];
      }
      members[g] = std::move(*list);
    }
    const ArticleId group = survivor(group_sizes);
    const ArticleId cluster = survivor(cluster_sizes);
    mine.story = {group, cluster};
    for (const auto& [g, list] : members) {
      for (const auto& m : list) {
        const ArticleId new_cluster = clusters.contains(m.cluster) ? cluster : m.cluster;
        if (g == group && new_cluster == m.cluster) continue;
        auto p = reader.place(m.id);
        if (!p) return propagate(p);
        if (!*p) continue;
        (*p)->story = {group, new_cluster};
        batch.Put(d.cf[kStories], place_key(m.id), encode_place(**p));
        if (g != group) batch.Delete(d.cf[kStories], member_key(g, m.id));
        batch.Put(d.cf[kStories], member_key(group, m.id), new_cluster.view());
        moved.push_back(m.id);
      }
    }
  }

  const std::uint64_t rare_limit = std::max<std::uint64_t>(10, (placed_before + 1) / 200);
  std::vector<std::uint64_t> rare_names;
  for (const auto name : mine.names) {
    auto n = reader.name_count(name);
    if (!n) return propagate(n);
    if (*n <= rare_limit) rare_names.push_back(name);
    std::string count;
    put_u64(count, *n + 1);
    batch.Put(d.cf[kStories], name_count_key(name), count);
  }
  if (dups->empty()) {
    auto group = same_story(reader, mine, rare_names);
    if (!group) return propagate(group);
    if (*group) mine.story.group = **group;
  }

  const std::string id_prefix(record.id.view().substr(0, kIdPrefix));
  batch.Put(d.cf[kStories], place_key(record.id), encode_place(mine));
  batch.Put(d.cf[kStories], member_key(mine.story.group, record.id), mine.story.cluster.view());
  // Filed under its rare names only: a name common now stays common, and would only be a long
  // list to write and never read.
  for (const auto name : rare_names) {
    std::string key = name_prefix(name, !mine.dated);
    put_day(key, mine.day);
    batch.Put(d.cf[kStories], key + id_prefix, {});
  }
  mark_gathering(d.pending, d.cf[kStories], batch, record.seq);
  return moved;
}

Result<void> gather_postings(Store::Impl& d, const ArticleId& id, const StoryText& t) {
  d.pending.add(get_u64(id.view()), t.keys);
  if (d.pending.size() < PendingPostings::kFileAt) return {};
  return file_postings(*d.db, d.cf[kShingles], d.cf[kStories], d.pending);
}

Result<void> refile_postings(Store::Impl& d) {
  auto since = unfiled_since(*d.db, d.cf[kStories]);
  if (!since) return propagate(since);
  if (!*since) return {};
  // Every article gathered since the marker was written is logged at or after it (an article
  // logged again moves to a later entry); articles logged again that were filed before are filed
  // twice, under the same keys.
  // A damaged log entry or article has no postings to give; verify names it, and every other
  // article is filed.
  std::unique_ptr<rocksdb::Iterator> it(d.db->NewIterator(rocksdb::ReadOptions(), d.cf[kLog]));
  for (it->Seek(encode_seq(**since)); it->Valid(); it->Next()) {
    const auto id = decode_log_value(it->value().ToStringView());
    if (!id) continue;
    auto record = d.get_record(*id);
    if (!record &&
        (record.error().code == Errc::not_found || record.error().code == Errc::corruption))
      continue;
    if (!record) return propagate(record);
    d.pending.add(get_u64(id->view()),
                  story_text(record->content.text, record->content.title).keys);
  }
  if (!it->status().ok())
    return std::unexpected(rocks_error(it->status(), "read the ingestion log"));
  return file_postings(*d.db, d.cf[kShingles], d.cf[kStories], d.pending);
}

Result<std::optional<StoryPlace>> read_place(const Store::Impl& d, const ArticleId& id) {
  if (!d.stories_current) return std::optional<StoryPlace>{};
  auto p = Reader(d).place(id);
  if (!p) return propagate(p);
  if (!*p) return std::optional<StoryPlace>{};
  return std::optional<StoryPlace>((*p)->story);
}

Result<std::vector<GroupMember>> read_group(const Store::Impl& d, const ArticleId& group) {
  if (!d.stories_current) return std::vector<GroupMember>{};
  return Reader(d).group(group);
}

Result<bool> stories_current(const Store::Impl& d) {
  if (d.cf[kStories] == nullptr) return false;
  auto v = d.get(kStories, kVersionKey, "read the stories' version");
  if (!v) return propagate(v);
  return *v && **v == kVersion;
}

Result<void> regroup(Store::Impl& d,
                     const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  d.stories_current = false;
  std::vector<std::pair<std::uint64_t, ArticleId>> order;
  {
    std::unique_ptr<rocksdb::Iterator> it(
        d.db->NewIterator(rocksdb::ReadOptions(), d.cf[kArticles]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto id = Digest::from_bytes(it->key().ToStringView());
      auto a = id ? decode_article(*id, it->value().ToStringView()) : std::nullopt;
      if (!a) return fail(Part::archive, Errc::corruption, "an article record is damaged");
      order.emplace_back(a->intake_seq, *id);
    }
    if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "read the articles"));
  }
  std::sort(order.begin(), order.end());
  {
    rocksdb::WriteBatch clear;
    clear.DeleteRange(d.cf[kStories], std::string(9, '\0'), std::string(9, '\xff'));
    clear_postings(d.cf[kShingles], d.cf[kStories], clear, d.pending);
    const rocksdb::Status s = d.db->Write(rocksdb::WriteOptions(), &clear);
    if (!s.ok()) return std::unexpected(rocks_error(s, "clear the stories"));
  }
  std::uint64_t done = 0;
  for (const auto& [at, id] : order) {
    auto article = d.get_record(id);
    if (!article) return propagate(article);
    rocksdb::WriteBatch batch;
    const StoryText text = story_text(article->content.text, article->content.title);
    auto moved = place_article(d, batch, *article, done, text);
    if (!moved) return propagate(moved);
    const rocksdb::Status s = d.db->Write(rocksdb::WriteOptions(), &batch);
    if (!s.ok()) return std::unexpected(rocks_error(s, "group the articles"));
    if (auto gathered = gather_postings(d, id, text); !gathered) return gathered;
    if (progress) progress(++done, order.size());
  }
  if (auto filed = file_postings(*d.db, d.cf[kShingles], d.cf[kStories], d.pending); !filed)
    return filed;
  rocksdb::WriteBatch done_batch;
  done_batch.Put(d.cf[kStories], kVersionKey, kVersion);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  const rocksdb::Status s = d.db->Write(synced, &done_batch);
  if (!s.ok()) return std::unexpected(rocks_error(s, "group the articles"));
  d.stories_current = true;
  return {};
}

Result<StoryCounts> count_stories(const Store::Impl& d) {
  StoryCounts counts;
  if (!d.stories_current) return counts;
  std::unique_ptr<rocksdb::Iterator> it(d.db->NewIterator(across_prefixes(), d.cf[kStories]));
  const std::string prefix(1, kMemberKey);
  std::string group;
  std::map<std::string, std::size_t> clusters;
  std::size_t size = 0;
  const auto close_group = [&] {
    if (size > 1) {
      ++counts.groups;
      counts.folded += size - 1;
    }
    for (const auto& [c, n] : clusters) {
      if (n > 1) {
        ++counts.clusters;
        counts.near_duplicates += n - 1;
      }
    }
    clusters.clear();
    size = 0;
  };
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const auto key = it->key().ToStringView();
    const auto g = key.substr(1, 32);
    if (g != group) {
      close_group();
      group = g;
    }
    ++size;
    ++counts.placed;
    ++clusters[std::string(it->value().ToStringView())];
  }
  close_group();
  if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "count the stories"));
  return counts;
}

Result<void> check_stories(const Store::Impl& d, std::vector<std::string>& problems) {
  if (!d.stories_current) return {};
  const Reader reader(d);
  std::unique_ptr<rocksdb::Iterator> it(d.db->NewIterator(across_prefixes(), d.cf[kStories]));
  for (it->Seek(std::string(1, kPlaceKey));
       it->Valid() && it->key().starts_with(std::string(1, kPlaceKey)); it->Next()) {
    auto id = Digest::from_bytes(it->key().ToStringView().substr(1));
    auto p = decode_place(it->value().ToStringView());
    if (!id || !p) {
      problems.push_back("a story record is damaged");
      continue;
    }
    auto article = d.get(kArticles, id->view(), "read an article");
    if (!article) return propagate(article);
    if (!*article) problems.push_back(fmt::format("story record of missing article {}", id->hex()));
    auto cluster = d.get(kStories, member_key(p->story.group, *id), "read a story");
    if (!cluster) return propagate(cluster);
    if (!*cluster || **cluster != p->story.cluster.view())
      problems.push_back(
          fmt::format("article {} is not listed in its story {}", id->hex(), p->story.group.hex()));
  }
  const std::string members(1, kMemberKey);
  for (it->Seek(members); it->Valid() && it->key().starts_with(members); it->Next()) {
    const auto key = it->key().ToStringView();
    auto group = Digest::from_bytes(key.substr(1, 32));
    auto id = Digest::from_bytes(key.substr(33));
    if (!group || !id) {
      problems.push_back("a story's member list is damaged");
      continue;
    }
    auto p = reader.place(*id);
    if (!p) return propagate(p);
    if (!*p || (*p)->story.group != *group)
      problems.push_back(
          fmt::format("story {} lists article {}, which is not in it", group->hex(), id->hex()));
  }
  if (!it->status().ok()) return std::unexpected(rocks_error(it->status(), "check the stories"));
  return {};
}

}  // namespace kiosque::archive::detail
