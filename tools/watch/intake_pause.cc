#include "watch/intake_pause.h"

#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

constexpr auto kResumeEvery = std::chrono::seconds(1);

}  // namespace

void IntakePause::pause() {
  paused_ = true;
  resume_at_ = Clock::now() + kResumeEvery;
}

void IntakePause::check_space() {
  if (paused_) return;
  const auto free = free_bytes(folder_.root);
  if (!free || *free >= min_free_) return;
  log_.warn(
      "intake paused: only {} free on the disk holding {}, {} needed; files wait in the inbox",
      base::human_bytes(*free), base::printable_name(folder_.root.string()),
      base::human_bytes(min_free_));
  pause();
}

void IntakePause::pause_on(const Error& error) {
  // Nothing unacknowledged left the inbox or staging/; the files wait there until writing works,
  // and are found again by the scans that follow the resume.
  log_.warn("intake paused: {}; files wait in the inbox until writing works again", error.message);
  pause();
}

bool IntakePause::try_resume(archive::Store& store) {
  if (!paused_ || Clock::now() < resume_at_) return false;
  const auto free = free_bytes(folder_.root);
  auto resumed = free && *free < min_free_
                     ? Result<void>(fail(Errc::no_space,
                                         fmt::format("only {} free", base::human_bytes(*free))))
                     : store.resume();
  if (!resumed) {
    resume_at_ = Clock::now() + kResumeEvery;
    log_.detail("still cannot write: {}", resumed.error().message);
    return false;
  }
  paused_ = false;
  resume_at_ = Clock::time_point::max();
  log_.notice("intake resumed: {} free", base::human_bytes(free.value_or(0)));
  return true;
}

}  // namespace kiosque::tools
