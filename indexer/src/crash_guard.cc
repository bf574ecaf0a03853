#include "kiosque/indexer/crash_guard.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

#include "index_call.h"
#include "index_paths.h"

namespace kiosque::indexer {

namespace {

constexpr std::array<int, 4> kCrashSignals{SIGSEGV, SIGBUS, SIGFPE, SIGILL};

std::atomic<int> calls_in_progress{0};
// The marker's path, written by the call that starts when none is in progress and read only by
// the handler. A fixed buffer: the handler may not allocate.
char marker_path[4096];
std::atomic<bool> marker_set{false};
struct sigaction previous[kCrashSignals.size()];
// What the handler tells the user to do, given by the program at install time.
char hint_line[512] = "";

void write_all(const char* text) {
  std::size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<std::size_t>(n);
  }
}

void on_crash(int signal, siginfo_t* info, void* context) {
  if (calls_in_progress.load() > 0) {
    if (marker_set.load()) {
      const int fd = ::open(marker_path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd >= 0) ::close(fd);
    }
    write_all("kiosque: the index is damaged: Xapian crashed reading it (");
    write_all(::sigabbrev_np(signal) != nullptr ? ::sigabbrev_np(signal) : "signal");
    write_all(")\n");
    write_all(hint_line);
    ::_exit(5);
  }
  for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
    if (kCrashSignals[i] != signal) continue;
    const struct sigaction& before = previous[i];
    if ((before.sa_flags & SA_SIGINFO) != 0 && before.sa_sigaction != nullptr) {
      before.sa_sigaction(signal, info, context);
      return;
    }
    if (before.sa_handler != SIG_DFL && before.sa_handler != SIG_IGN &&
        before.sa_handler != nullptr) {
      before.sa_handler(signal);
      return;
    }
  }
  // The default action: returning re-runs the faulting instruction, which now kills the process.
  ::signal(signal, SIG_DFL);
}

}  // namespace

void install_index_crash_guard(std::string_view hint) {
  if (!hint.empty()) {
    const std::string line = "hint: " + std::string(hint) + "\n";
    std::strncpy(hint_line, line.c_str(), sizeof hint_line - 1);
  }
  // The handler must run even when the stack itself overflowed.
  static std::array<char, 64 * 1024> stack;
  stack_t alternate{};
  alternate.ss_sp = stack.data();
  alternate.ss_size = stack.size();
  ::sigaltstack(&alternate, nullptr);
  for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
    struct sigaction action {};
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    ::sigaction(kCrashSignals[i], &action, &previous[i]);
  }
}

std::filesystem::path damaged_marker(const std::filesystem::path& index_dir) {
  return detail::beside(index_dir, detail::kDamaged);
}

namespace detail {

IndexCall::IndexCall(const std::filesystem::path& index_dir) {
  // Only the call that finds none in progress writes the path: never two writers at once.
  if (calls_in_progress.fetch_add(1) == 0) {
    const std::string marker = damaged_marker(index_dir).string();
    marker_set = false;
    if (marker.size() < sizeof marker_path) {
      std::memcpy(marker_path, marker.c_str(), marker.size() + 1);
      marker_set = true;
    }
  }
}

IndexCall::~IndexCall() { --calls_in_progress; }

}  // namespace detail

}  // namespace kiosque::indexer
