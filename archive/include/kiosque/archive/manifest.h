// Metadata given beside articles in a table: a manifest.
//
// A manifest is a TSV or CSV file (RFC 4180 quoting; the delimiter is read from the header: tab,
// comma or semicolon) whose header names a `file` column (also `path`, `filename`, `fichier`)
// and at least one column kiosque knows: title (titre), date (published, datePublished),
// source (outlet, publisher, média), url (link, lien), author(s) (auteur), section (rubrique),
// tags (keywords, mots-clés), language (lang, langue). Other columns are left alone. A `file`
// is a path relative to the manifest's folder. A list field (authors, tags) separates its values
// with `;` or `|`. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosque/archive/article.h"
#include "kiosque/base/result.h"

namespace kiosque::archive {

struct Manifest {
  std::filesystem::path path;
  // By the file's absolute, lexically normal path (manifest_key), each with the manifest as its
  // provenance.
  std::map<std::filesystem::path, GivenMetadata> rows;
  // Rows left out, each with its line and what is wrong ("line 12: '2019-13' is not a date: …").
  std::vector<std::string> problems;
};

// Whether `first_line` is a manifest's header (as above).
bool is_manifest_header(std::string_view first_line);

// Reads the manifest at `path`, stamping each row's provenance with `time_ms`. Errc::not_found or
// io_error when it cannot be read; Errc::invalid_argument when it is not a manifest (naming the
// columns it needs). A row with a bad field is left out and named in `problems`; the others
// stand.
Result<Manifest> read_manifest(const std::filesystem::path& path, std::int64_t time_ms);

// The key of `file` in Manifest::rows.
std::filesystem::path manifest_key(const std::filesystem::path& file);

// A date as a manifest or sidecar gives it: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by
// a time (`2023-09-10T14:05:00+02:00`: the day as written). Errc::invalid_argument saying what
// is wrong ("no month 13", "September has 30 days").
Result<ArticleDate> parse_given_date(std::string_view text);

// A sidecar: `NAME.meta.json` beside the article file NAME (`a.txt.meta.json` for `a.txt`), or
// beside a file of that stem (`a.meta.json` for `a.txt` or `a.html`): a JSON object whose keys
// are a manifest's column names (authors and tags may be arrays), with `provenance` kept.
// Unknown keys are left alone. Errc::invalid_argument saying what is wrong: not a JSON object, a
// value not a string, a bad date, nothing kiosque knows given.
Result<GivenMetadata> parse_sidecar(std::string_view json, const Provenance& provenance);

// The NAME a sidecar's file name `NAME.meta.json` is for; nullopt for any other name.
std::optional<std::string> sidecar_target(std::string_view name);

}  // namespace kiosque::archive
