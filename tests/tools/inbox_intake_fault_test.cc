// take_in under a file system that fails the Nth write or sync, for every N the intake reaches:
// each time, every file that left the inbox is archived intact (or refused with its reason), and
// every file that was not acknowledged is still in the inbox or in staging/.
#include <fmt/format.h>

#include <map>

#include "fault_fs.h"
#include "kiosque/archive/content_hash.h"
#include "test_support.h"
#include "watch/inbox_intake.h"

using kiosque::test::corpus_paths;
using kiosque::test::FaultFs;
using kiosque::test::read_file;
using kiosque::test::seed_paths;
using kiosque::test::TempDir;
using kiosque::test::write_file;
using namespace kiosque;
using kiosque::Errc;

namespace {

struct Dropped {
  std::string name;
  std::string bytes;
  bool bad = false;
};

std::vector<Dropped> files_to_drop() {
  std::vector<Dropped> out;
  for (const auto& p : seed_paths()) out.push_back({p.filename().string(), read_file(p)});
  for (const auto& p : corpus_paths(3)) out.push_back({p.filename().string(), read_file(p)});
  out.push_back({"binary.bin", std::string("\x01\x02\x03 binary", 10), true});
  return out;
}

// One intake under a fault; returns whether the fault fired.
bool intake_under_fault(FaultFs::Op op, std::uint64_t nth) {
  TempDir dir;
  tools::IntakeConfig config;
  config.folder.root = dir / "data";
  REQUIRE_OK(config.folder.create());
  config.ingest.threads = 1;
  config.ingest.group_files = 3;  // several group syncs in one intake
  const auto dropped = files_to_drop();
  std::vector<std::filesystem::path> paths;
  for (const auto& d : dropped) {
    write_file(config.folder.inbox() / d.name, d.bytes);
    paths.push_back(config.folder.inbox() / d.name);
  }

  auto fs = std::make_shared<FaultFs>(op, nth, /*real_syncs=*/false);
  auto env = FaultFs::env(fs);
  {
    archive::StoreOptions options;
    options.env = env.get();
    auto store = archive::Store::open(config.folder.archive(), options);
    if (store) {
      const tools::Log quiet(tools::Verbosity::quiet);
      auto staging = tools::Staging::open(config.folder);
      REQUIRE_OK(staging);
      auto taken = tools::take_in(**store, *staging, paths, {}, config,
                                  quiet);  // an error is the case under test
      // A full disk is said to be one, so that watch pauses rather than stops.
      if (!taken && op == FaultFs::Op::write_no_space) CHECK(taken.error().code == Errc::no_space);
    }
  }

  INFO(fmt::format("{} #{}",
                   op == FaultFs::Op::sync    ? "sync"
                   : op == FaultFs::Op::write ? "write"
                                              : "ENOSPC write",
                   nth));
  auto store = archive::Store::open(config.folder.archive());
  REQUIRE_OK(store);
  CHECK((*store)->verify()->problems.empty());
  std::map<std::string, std::filesystem::path> staged;
  std::error_code none;
  for (const auto& entry : std::filesystem::directory_iterator(config.folder.staging(), none)) {
    const std::string name = entry.path().filename().string();
    staged[name.substr(name.find('~') + 1)] = entry.path();
  }
  for (const auto& d : dropped) {
    INFO(d.name);
    if (std::filesystem::exists(config.folder.inbox() / d.name)) {
      CHECK(read_file(config.folder.inbox() / d.name) == d.bytes);  // waiting, untouched
    } else if (staged.contains(d.name)) {
      CHECK(read_file(staged[d.name]) == d.bytes);  // staged, waiting for the next run
    } else if (d.bad) {
      CHECK(read_file(config.folder.rejected() / d.name) == d.bytes);
      CHECK(std::filesystem::exists(config.folder.rejected() / (d.name + ".reason")));
    } else {
      auto raw = (*store)->raw_bytes(archive::sha256(d.bytes));  // acknowledged: archived intact
      REQUIRE_OK(raw);
      CHECK(*raw == d.bytes);
    }
  }
  return fs->fired();
}

}  // namespace

TEST_CASE("an intake failing at every write and sync position leaves nothing lost or half-done",
          "[tools][intake][fault]") {
  for (const auto op : {FaultFs::Op::write, FaultFs::Op::sync, FaultFs::Op::write_no_space}) {
    std::uint64_t covered = 0;
    // ENOSPC at every fifth write: the same positions as the I/O errors, at a fifth of the time.
    const std::uint64_t step = op == FaultFs::Op::write_no_space ? 5 : 1;
    for (std::uint64_t nth = 1; intake_under_fault(op, nth); nth += step) covered = nth;
    INFO((op == FaultFs::Op::sync ? "syncs" : "writes") << " covered: " << covered);
    CHECK(covered >= 3);  // the intake does reach several positions of each kind
  }
}
