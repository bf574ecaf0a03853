#include "cli/watch_signals.h"

#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace kiosque::tools {

WatchSignals::WatchSignals() {
  ::signal(SIGPIPE, SIG_IGN);
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGHUP);
  ::pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  fd_ = ::signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
}

WatchSignals::~WatchSignals() {
  if (fd_ >= 0) ::close(fd_);
  ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

WatchRequest WatchSignals::take() {
  signalfd_siginfo info{};
  if (::read(fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) return {};
  const int signal = static_cast<int>(info.ssi_signo);
  const char* name = ::sigabbrev_np(signal);
  return {signal == SIGHUP ? WatchRequest::Kind::rescan : WatchRequest::Kind::stop,
          name != nullptr ? std::string("SIG") + name : "a signal"};
}

}  // namespace kiosque::tools
