// The store's insides, shared by store.cc and store_verify.cc.
#pragma once

#include <fmt/format.h>
#include <rocksdb/db.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosque/archive/store.h"
#include "record_codec.h"
#include "rocks_error.h"
#include "stories/shingle_postings.h"

namespace kiosque::archive {

namespace detail {

enum Family : std::size_t {
  kDefault,
  kRaw,
  kArticles,
  kProvenance,
  kLog,
  kMeta,
  kStories,
  kShingles,
  kFamilies
};
constexpr std::array<const char*, kFamilies> kFamilyNames{
    "default", "raw", "articles", "provenance", "log", "meta", "stories", "shingles"};
constexpr std::string_view kSchemaKey = "schema";
constexpr std::string_view kSchemaValue = "kiosque-archive/1";
constexpr std::string_view kCountersKey = "counters";

}  // namespace detail

// This header is private to the store's .cc files, which all speak the store's detail names.
using namespace detail;

struct Store::Impl {
  std::filesystem::path dir;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  // cf[kStories] and cf[kShingles] are null in an archive of an older kiosque opened read-only:
  // it has no stories.
  std::array<rocksdb::ColumnFamilyHandle*, kFamilies> cf{};
  // Whether the stories were placed by this kiosque's rules: stories of other rules (an older
  // kiosque's, read beside it) are not read at all, as if there were none.
  bool stories_current = false;
  Counters counters;
  // A writer's shingle postings not yet filed (stories/shingle_postings.h).
  PendingPostings pending;

  ~Impl() {
    if (!db) return;
    if (!read_only) {
      // A failure leaves them to the next writer's open, which files them again.
      static_cast<void>(file_postings(*db, cf[kShingles], cf[kStories], pending));
      // Leave the data in compressed tables rather than in the uncompressed write-ahead log: the
      // archive is smaller on disk and the next open has no log to replay. Synced data is safe
      // either way, so a failure here loses nothing.
      std::vector<rocksdb::ColumnFamilyHandle*> families(cf.begin(), cf.end());
      db->Flush(rocksdb::FlushOptions(), families).PermitUncheckedError();
    }
    for (auto* handle : cf) {
      if (handle != nullptr) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();  // a failed close loses nothing that was synced
  }

  Result<std::optional<std::string>> get(Family family, std::string_view key,
                                         std::string_view what) const {
    std::string value;
    const rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf[family], key, &value);
    if (s.IsNotFound()) return std::optional<std::string>{};
    if (!s.ok()) return std::unexpected(rocks_error(s, what));
    return std::optional<std::string>(std::move(value));
  }

  Result<void> load_schema_and_counters() {
    auto schema = get(kMeta, kSchemaKey, "read the archive's schema");
    if (!schema) return propagate(schema);
    if (!*schema) {
      if (read_only) return {};  // a store created but never written: empty
      rocksdb::WriteBatch batch;
      batch.Put(cf[kMeta], kSchemaKey, kSchemaValue);
      batch.Put(cf[kMeta], kCountersKey, detail::encode_counters(counters));
      rocksdb::WriteOptions wo;
      wo.sync = true;
      const rocksdb::Status s = db->Write(wo, &batch);
      if (!s.ok()) return std::unexpected(rocks_error(s, "initialise the archive"));
      return {};
    }
    if (**schema != kSchemaValue) {
      return fail(Part::archive, Errc::version_mismatch,
                  fmt::format("the archive in {} has schema '{}', this kiosque reads '{}'",
                              dir.string(), **schema, kSchemaValue));
    }
    auto raw = get(kMeta, kCountersKey, "read the archive's counters");
    if (!raw) return propagate(raw);
    auto decoded = *raw ? detail::decode_counters(**raw) : std::nullopt;
    if (!decoded) {
      return fail(Part::archive, Errc::corruption, "the archive's counters record is damaged");
    }
    counters = *decoded;
    return {};
  }

  // The article as users see it: given metadata applied.
  Result<Article> get_article(const ArticleId& id) const {
    auto article = get_record(id);
    if (article) article->content = with_given(std::move(article->content), article->given);
    return article;
  }

  // The record as stored: the content as the text said, the given metadata apart.
  Result<Article> get_record(const ArticleId& id) const {
    auto value = get(kArticles, id.view(), "read an article");
    if (!value) return propagate(value);
    if (!*value) return fail(Errc::not_found, fmt::format("no article {}", id.hex()));
    auto article = detail::decode_article(id, **value);
    if (!article) {
      return fail(Part::archive, Errc::corruption,
                  fmt::format("the record of article {} is damaged", id.hex()));
    }
    return std::move(*article);
  }

  // The stored record of a raw version, known to decode (detail::decode_raw views into it).
  Result<std::string> get_raw_record(const RawId& id) const {
    auto value = get(kRaw, id.view(), "read a raw version");
    if (!value) return propagate(value);
    if (!*value) return fail(Errc::not_found, fmt::format("no raw version {}", id.hex()));
    if (!detail::decode_raw(**value)) {
      return fail(Part::archive, Errc::corruption,
                  fmt::format("raw version {} is damaged", id.hex()));
    }
    return std::move(**value);
  }
};

}  // namespace kiosque::archive
