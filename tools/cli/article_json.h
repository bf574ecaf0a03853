// The JSON shapes of articles shared by show, list and search.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosque/archive/article.h"

namespace kiosque::tools {

// id, title, date (published, or null), date_precision, filed_date and date_kind (the date
// filters and sorting use: published, else intake), source, credit, the metadata, story (its
// id, or null in an archive not yet grouped), seq, added_at (no text).
nlohmann::json article_json(const archive::Article& article);

// A one-line label: the title, or else the start of the text cut at a character boundary.
std::string headline(const archive::Article& article, std::size_t max_bytes = 80);

// The filed date as a person reads it: "2023-09-10", or "2026-11-21 (intake)" for an article
// whose text and metadata give no date.
std::string filed_text(const archive::Article& article);

// "2026-11-21T09:30:00Z".
std::string iso_time(std::int64_t unix_ms);

}  // namespace kiosque::tools
