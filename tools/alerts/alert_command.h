// Running an alert's command for one match: the program and its arguments as the user saved
// them, never a shell line built from article text; the article's fields go in the environment.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kiosque/base/result.h"

namespace kiosque::tools {

struct CommandRun {
  std::vector<std::string> argv;             // argv[0] is looked up in PATH
  std::map<std::string, std::string> env;    // added to (or replacing in) kiosque's environment
  std::filesystem::path output;              // stdout and stderr are appended here
  std::chrono::milliseconds timeout{30000};  // then the command is killed
};

// The command's exit status (128 + N when signal N ended it, as a shell reports it).
// Errc::not_found when the program does not exist; Errc::busy when it ran past the timeout and
// was killed; Errc::io_error when it could not be started.
Result<int> run_command(const CommandRun& run);

}  // namespace kiosque::tools
