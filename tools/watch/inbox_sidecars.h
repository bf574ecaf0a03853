// Sidecars in the inbox: `NAME.meta.json` beside an article file gives its metadata
// (archive::parse_sidecar), without touching the article's bytes. Dropped before or with its
// article, a sidecar is taken with it; dropped after, it is given to the article its file
// became, found among the archive's most recent log entries.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosque/archive/ingest.h"
#include "kiosque/archive/manifest.h"
#include "kiosque/archive/store.h"

namespace kiosque::tools {

// How far back in the log a late sidecar looks for its article.
inline constexpr std::size_t kSidecarLookBack = 20000;

// The sidecar beside the inbox file `article`, if there is one: NAME.meta.json, else
// STEM.meta.json.
std::optional<std::filesystem::path> sidecar_beside(const std::filesystem::path& article);

// The files in the sidecar's folder that it can be for: NAME itself, else files of stem NAME
// other than sidecars.
std::vector<std::filesystem::path> articles_for_sidecar(const std::filesystem::path& sidecar);

// Reads and parses a sidecar (at most 1 MiB); `recorded` is the name kept as its provenance.
Result<archive::GivenMetadata> read_sidecar(const std::filesystem::path& path,
                                            const std::string& recorded);

// Gives `given` to the archived article whose raw version was recorded (as watch records inbox
// files) under the sidecar's NAME or a file of stem NAME in its folder, looking back
// kSidecarLookBack log entries: re-puts that raw version's bytes with it. nullopt when no such
// article was found. The put is durable only after the store's next sync.
Result<std::optional<archive::PutOutcome>> give_to_archived(
    archive::Store& store, const std::filesystem::path& recorded_sidecar,
    const archive::GivenMetadata& given, const archive::NormaliseConfig& normalise);

}  // namespace kiosque::tools
