// The log of a long-running command: one line per event on stderr, each with the local time.
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace kiosque::tools {

enum class Verbosity { quiet, normal, verbose };

class Log {
 public:
  explicit Log(Verbosity verbosity) : verbosity_(verbosity) {}

  // What happened to each file, start and stop: hidden by --quiet.
  template <typename... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ != Verbosity::quiet) line("", fmt::format(format, std::forward<Args>(args)...));
  }
  // Batches, commits and rescans: shown by --verbose.
  template <typename... Args>
  void detail(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ == Verbosity::verbose) line("", fmt::format(format, std::forward<Args>(args)...));
  }
  // Always shown: what the user must look at, such as a refused file.
  template <typename... Args>
  void notice(fmt::format_string<Args...> format, Args&&... args) const {
    line("", fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) const {
    line("warning: ", fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) const {
    line("error: ", fmt::format(format, std::forward<Args>(args)...));
  }

 private:
  // One write per line, so that lines from several threads never interleave.
  static void line(std::string_view level, std::string_view text);

  Verbosity verbosity_;
};

}  // namespace kiosque::tools
