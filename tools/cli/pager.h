// Long output through a pager on a terminal, as git does: stdout becomes a pipe to $KIOSQUE_PAGER,
// else $PAGER, else `less` (with LESS=FRX unless set: it quits at once for one screen, keeps
// colours, and leaves the text on the screen). Nothing happens when stdout is not a terminal or
// the pager is empty or `cat`.
#pragma once

#include <sys/types.h>

namespace kiosque::tools {

// Whether a pager started by Pager shows stdout on a terminal (colour stays wanted).
bool paging();

class Pager {
 public:
  // Starts the pager when stdout is a terminal and `wanted`.
  explicit Pager(bool wanted);
  // Waits for the pager to end, after closing the pipe.
  ~Pager();
  Pager(const Pager&) = delete;
  Pager& operator=(const Pager&) = delete;

 private:
  pid_t pid_ = -1;
};

}  // namespace kiosque::tools
