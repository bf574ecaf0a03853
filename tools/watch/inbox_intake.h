// Taking files from the inbox into the archive, and clearing them out of the inbox.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "folder/data_folder.h"
#include "kiosque/archive/ingest.h"
#include "watch/inbox_staging.h"
#include "watch/log.h"

namespace kiosque::tools {

struct IntakeConfig {
  DataFolder folder;
  bool keep = false;  // move taken files to processed/ instead of removing them
  archive::IngestConfig ingest;
};

struct IntakeCounts {
  std::uint64_t added = 0, duplicates = 0, new_raw_versions = 0, rejected = 0;
  std::uint64_t skipped = 0;  // still being written, or gone before they were read
  std::uint64_t bytes = 0;
  std::vector<std::filesystem::path>
      retry;                        // not ready yet (being written, just created): look again
  std::vector<StagedFile> waiting;  // staged while a writer still had them open: look again
  std::vector<std::filesystem::path> given_sidecars;  // late ones, given to archived articles
};

// Takes in `files`, which are under the inbox, and `staged` files already in staging/. Each inbox
// file is staged first (see inbox_staging.h), so that what is read is exactly what is removed.
// Each file leaves staging/ only once its outcome is synced in the archive: taken in or duplicate,
// it is removed (moved to processed/ with `keep`); refused, it is moved to rejected/ beside a
// NAME.reason. Files already gone are skipped; files still open for writing and empty files
// younger than two seconds are handed back in `retry`, and staged files a writer still holds in
// `waiting`.
// A sidecar (NAME.meta.json, see inbox_sidecars.h) is taken with its article, or given to the
// archived article it names; any other file that is not an article (file_names.h) is moved to
// rejected/ with its reason, never archived.
// One log line per file. The error returned is the archive's, after which the files not yet
// reported stay where they are (inbox or staging/), to be taken in later.
Result<IntakeCounts> take_in(archive::Store& store, Staging& staging,
                             std::span<const std::filesystem::path> files,
                             std::span<const StagedFile> staged, const IntakeConfig& config,
                             const Log& log);

}  // namespace kiosque::tools
