// Running another program as a whole process, timed, with its peak memory.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosque::bench {

struct ProcessRun {
  int exit_code = -1;  // -1 when a signal ended it
  double seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
};

// Starts `argv` (argv[0] looked up in PATH), stdout and stderr appended to `output`.
pid_t start_process(const std::vector<std::string>& argv, const std::filesystem::path& output,
                    const std::vector<std::string>& extra_env = {});
// Waits for `pid`, started at `start`.
ProcessRun wait_process(pid_t pid, std::chrono::steady_clock::time_point start);
// Both.
ProcessRun run_process(const std::vector<std::string>& argv, const std::filesystem::path& output,
                       const std::vector<std::string>& extra_env = {});

// True when `program` is found in PATH.
bool program_available(const std::string& program);

}  // namespace kiosque::bench
