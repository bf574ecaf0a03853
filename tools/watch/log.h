// The log of the watch service: one line per event, each with its level, written to a sink.
//
// The default sink writes each line to stderr with the local time, in one write(2), so that lines
// from several threads never interleave; a test or an embedding program passes its own.
// Thread-safety: a Log may be used from any number of threads when its sink may.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string_view>

namespace kiosque::tools {

enum class Verbosity { quiet, normal, verbose };

// Receives each line: `level` is "", "warning: " or "error: ", `text` the event.
using LogSink = std::function<void(std::string_view level, std::string_view text)>;

// Each line on stderr, after the local time.
void log_to_stderr(std::string_view level, std::string_view text);

class Log {
 public:
  explicit Log(Verbosity verbosity, LogSink sink = log_to_stderr)
      : verbosity_(verbosity), sink_(std::move(sink)) {}

  // What happened to each file, start and stop: hidden by --quiet.
  template <typename... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ != Verbosity::quiet) line("", fmt::format(format, std::forward<Args>(args)...));
  }
  // Batches, commits and rescans: shown by --verbose.
  template <typename... Args>
  void detail(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ == Verbosity::verbose)
      line("", fmt::format(format, std::forward<Args>(args)...));
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
  void line(std::string_view level, std::string_view text) const { sink_(level, text); }

  Verbosity verbosity_;
  LogSink sink_;
};

}  // namespace kiosque::tools
