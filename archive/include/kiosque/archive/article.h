// The article types shared by the archive and everything that reads it.
//
// An article is identified by the SHA-256 of its normalised text (ArticleId); each exact file
// that produced it is a raw version, identified by the SHA-256 of its bytes (RawId). Plain values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosque::archive {

// A SHA-256 digest. Ordered and hashable so it can key maps; printed as 64 lower-case hex digits.
struct Digest {
  std::array<std::uint8_t, 32> bytes{};

  std::string hex() const;
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
  // Parses exactly 64 hex digits; nullopt otherwise.
  static std::optional<Digest> from_hex(std::string_view hex);
  // Takes exactly 32 bytes; nullopt otherwise.
  static std::optional<Digest> from_bytes(std::string_view raw);

  auto operator<=>(const Digest&) const = default;
};

using ArticleId = Digest;
using RawId = Digest;

// A publication date and how much of it is known: a `date 2023-09` header gives a month, a byline
// `le 1 septembre 2020` gives a day.
struct ArticleDate {
  enum class Precision : std::uint8_t { year = 1, month = 2, day = 3 };
  int year = 0;
  int month = 0;  // 1-12, 0 when unknown
  int day = 0;    // 1-31, 0 when unknown
  Precision precision = Precision::year;

  // "2023", "2023-09" or "2020-09-01", as precise as known.
  std::string to_string() const;
  // A sortable number YYYYMMDD, with unknown parts as 00.
  std::uint32_t sort_key() const {
    return static_cast<std::uint32_t>(year * 10000 + month * 100 + day);
  }
  auto operator<=>(const ArticleDate&) const = default;
};

// What is known of an article beyond its text, title, date and source: from a web page's
// metadata (JSON-LD, OpenGraph, <meta>), and later from manifests and sidecars. Not part of the
// article's id, which hashes the text alone. Every field may be empty.
struct ArticleMeta {
  std::vector<std::string> authors;
  std::string section;            // the outlet's rubric ("politique", "monde")
  std::vector<std::string> tags;  // keywords
  std::string url;                // the canonical address
  std::string site;               // the host of `url` ("actu.orange.fr")
  std::string language;           // as declared ("fr", "fr-FR")
  std::string standfirst;         // the description, or chapô
  std::optional<ArticleDate> modified;

  bool empty() const {
    return authors.empty() && section.empty() && tags.empty() && url.empty() && site.empty() &&
           language.empty() && standfirst.empty() && !modified;
  }
  bool operator==(const ArticleMeta&) const = default;
};

// Where something came from: a file as the user named it, and when it was read.
struct Provenance {
  std::string path;  // as given by the user, for people to read
  std::int64_t time_ms = 0;

  bool operator==(const Provenance&) const = default;
};

// Metadata given beside an article rather than read from it: a manifest's row, a sidecar file.
// It never touches the article's bytes or id; each one is kept with where it came from, and wins
// over what the text or page said, a later one over an earlier one, field by field (a list field,
// authors or tags, is replaced whole). Empty fields give nothing.
struct GivenMetadata {
  std::string title;
  std::optional<ArticleDate> date;
  std::string source;
  ArticleMeta meta;
  Provenance provenance;

  bool empty() const { return title.empty() && !date && source.empty() && meta.empty(); }
  bool operator==(const GivenMetadata&) const = default;
};

// What the normaliser makes of a text: the article as kiosque stores and indexes it.
struct NormalisedText {
  std::string text;   // NFC, LF line ends, paragraphs separated by blank lines, no boilerplate
  std::string title;  // empty when the text has no title line
  std::optional<ArticleDate> date;
  std::string source;  // the outlet or credit ("AFP", "Orange Actu"), empty when none
  ArticleMeta meta;
  // The credit the text states ("Avec AFP") when a given source (the outlet that published it)
  // replaced it: set by with_given only, never stored, so that both stay searchable.
  std::string credit;

  bool operator==(const NormalisedText&) const = default;
};

// `content` with `given` applied over it, in order.
NormalisedText with_given(NormalisedText content, const std::vector<GivenMetadata>& given);

// The date an article is filed under for date filters, sorting and timelines: its publication
// date where the text or given metadata states one, else the UTC day it was taken in.
struct FiledDate {
  enum class Kind : std::uint8_t { published, intake };
  ArticleDate date;
  Kind kind = Kind::published;

  // "published" or "intake", as output names the kind.
  std::string_view kind_name() const { return kind == Kind::published ? "published" : "intake"; }
};

struct Article;
FiledDate filed_date(const Article& article);

// The UTC day of a Unix time in milliseconds, as a date of day precision.
ArticleDate utc_day(std::int64_t time_ms);

// An article's place among stories (archive/README.md, "Stories"). A cluster is one article in
// its versions (near-duplicates: copied, updated, truncated, lightly edited); a group, or story,
// is one or more clusters reporting one event. Each is named by the id of an article in it, the
// founder's, and keeps that name as it grows; when two merge, the larger's name stays.
struct StoryPlace {
  ArticleId group;
  ArticleId cluster;
  bool operator==(const StoryPlace&) const = default;
};

// One archived article as read back from the store.
struct Article {
  ArticleId id;
  // What the text or page said, with every given metadata (below) applied.
  NormalisedText content;
  std::vector<GivenMetadata> given;  // oldest first
  std::vector<RawId> raw_versions;   // in the order they arrived; the first is the original
  std::uint64_t seq = 0;             // its entry in the ingestion log
  // Its first entry: the order it was taken in, which a later entry (its metadata or story
  // changed) does not change.
  std::uint64_t intake_seq = 0;
  std::int64_t added_at_ms = 0;  // Unix time in milliseconds when it was first taken in
  // Set by Store::get once the archive has grouped its articles (not part of the record).
  std::optional<StoryPlace> story;
};

}  // namespace kiosque::archive
