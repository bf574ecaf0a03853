// The staging folder: where an inbox file is moved, by one rename, just before it is read.
//
// Once a file is staged, its inbox name is free: whatever is written or renamed to that name
// afterwards is a new file, with inotify events of its own, and can never be removed for the
// staged one. What kiosque reads, archives and then removes is exactly the staged file. Staging is
// a rename within one file system (the data folder's), so a crash leaves each file either in the
// inbox or in staging/, never in neither; files left in staging/ are taken in at the next start.
// Not thread-safe: used by the intake thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "folder/data_folder.h"

namespace kiosque::tools {

struct StagedFile {
  std::filesystem::path path;  // under staging/
  std::filesystem::path name;  // where it was in the inbox, relative to it: for logs, provenance,
                               // rejected/ and processed/
};

class Staging {
 public:
  // Creates staging/ when missing. Errc::invalid_argument when it is not on the inbox's file
  // system (a rename cannot cross file systems).
  static Result<Staging> open(const DataFolder& folder);

  // Moves `inbox_file` into staging/. nullopt when it is gone already.
  Result<std::optional<StagedFile>> stage(const std::filesystem::path& inbox_file);
  // Files an earlier run staged but did not finish with (it was killed), oldest first; their
  // inbox names are known by their last component only.
  std::vector<StagedFile> leftovers() const;

 private:
  Staging(DataFolder folder, std::string prefix)
      : folder_(std::move(folder)), prefix_(std::move(prefix)) {}
  DataFolder folder_;
  std::string prefix_;  // unique to this run
  std::uint64_t next_ = 0;
};

}  // namespace kiosque::tools
