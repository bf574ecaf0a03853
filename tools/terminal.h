// Writing to a person: terminal detection, a progress line, sizes and escaped names.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosque::tools {

bool stderr_is_terminal();
bool stdout_is_terminal();

// "47.4 MB", "812 KB", "96 B".
std::string human_bytes(std::uint64_t bytes);

// A file name safe to print on one line: control characters and invalid UTF-8 escaped as \xNN.
std::string printable_name(std::string_view name);

// A one-line progress display on stderr, redrawn at most ten times a second; silent when stderr
// is not a terminal.
class Progress {
 public:
  explicit Progress(std::string label, std::uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::uint64_t done, std::uint64_t bytes);
  // For work that learns its total as it goes.
  void set_total(std::uint64_t total) { total_ = total; }
  void finish();

 private:
  std::string label_;
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace kiosque::tools
