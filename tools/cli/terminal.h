// Writing to a person at a terminal: terminal detection and a progress line.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace kiosque::tools {

bool stderr_is_terminal();
bool stdout_is_terminal();
// Whether to write colour and bold to stdout for --color `mode`: always, never, or auto (a
// terminal, directly or through the pager, and neither NO_COLOR set to anything nor TERM=dumb,
// as no-color.org asks).
bool color_wanted(std::string_view mode);

// The width of the terminal stdout writes to, else $COLUMNS, else 80.
std::size_t terminal_columns();

// A one-line progress display on stderr, redrawn at most ten times a second; silent when stderr
// is not a terminal.
class Progress {
 public:
  // `enabled`: false to draw nothing even on a terminal (a --quiet command).
  explicit Progress(std::string label, std::uint64_t total, bool enabled = true);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::uint64_t done, std::uint64_t bytes);
  // For work that learns its total as it goes.
  void set_total(std::uint64_t total) { total_ = total; }
  void finish();
  // A callback for work that reports (done, total) as it goes.
  std::function<void(std::uint64_t, std::uint64_t)> reporter();

 private:
  std::string label_;
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace kiosque::tools
