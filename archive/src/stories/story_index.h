// The archive's story index: where each article stands among near-duplicates and stories, and
// the lookups that place a new article, in the `stories` column family and the shingle postings
// (shingle_postings.h; layout in archive/README.md, "Stories"). Used by the store's writing thread
// only (place, gather, refile, regroup); the reading functions may run on any thread.
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "../store_impl.h"
#include "story_text.h"

namespace kiosque::archive::detail {

// Places a new article (`record` as stored, its given metadata apart, `text` what story_text
// made of its text), `placed_before` articles having been placed already. Writes its place and
// lookups into `batch`; when it joins groups or clusters together, the other articles whose place
// changed are returned, for the caller to re-log so that the index hears of them. Once the batch
// is written, gather_postings must follow.
Result<std::vector<ArticleId>> place_article(const Store::Impl& d, rocksdb::WriteBatch& batch,
                                             const Article& record, std::uint64_t placed_before,
                                             const StoryText& text);
// Files the placed article's shingle postings: gathered in memory, and filed in bulk when there
// are enough. On failure they stay gathered, for the next call or the close to file.
Result<void> gather_postings(Store::Impl& d, const ArticleId& id, const StoryText& text);
// At a writer's open: files again the postings that a writer stopped before filing them had
// gathered (from the articles' stored texts).
Result<void> refile_postings(Store::Impl& d);

// The article's place; nullopt when the archive has not placed it by this kiosque's rules (an
// archive of an older kiosque opened read-only). read_group, count_stories and check_stories
// likewise see no stories then.
Result<std::optional<StoryPlace>> read_place(const Store::Impl& d, const ArticleId& id);

struct GroupMember {
  ArticleId id;
  ArticleId cluster;
};
// The group's members, in id order.
Result<std::vector<GroupMember>> read_group(const Store::Impl& d, const ArticleId& group);

// Whether every article has been placed by this kiosque's rules (the `version` key).
Result<bool> stories_current(const Store::Impl& d);
// Forgets every place and places every article again, in the order they were taken in
// (Article::intake_seq), so that the same archive always gives the groups its intake gave. Does not
// re-log anything: the caller rebuilds the index. `progress(done, total)`.
Result<void> regroup(Store::Impl& d,
                     const std::function<void(std::uint64_t, std::uint64_t)>& progress);

struct StoryCounts {
  std::uint64_t placed = 0;
  std::uint64_t groups = 0;           // of more than one article
  std::uint64_t folded = 0;           // articles beyond the first of those groups
  std::uint64_t clusters = 0;         // of more than one article
  std::uint64_t near_duplicates = 0;  // articles beyond the first of those clusters
};
Result<StoryCounts> count_stories(const Store::Impl& d);

// Every place against its group's list, both ways, and against the articles. Problems appended.
Result<void> check_stories(const Store::Impl& d, std::vector<std::string>& problems);

}  // namespace kiosque::archive::detail
