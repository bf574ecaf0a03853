// What a damaged index must never do: crash the process.
//
// Xapian's glass tables carry no checksums, so a damaged block can send Xapian's own code
// anywhere (a NULL pointer, a length read from garbage); its check (`kiosque verify`) finds the
// damage, but every reader cannot run that check first. Instead, while any thread is inside a call
// of this library on an index, a crash signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL) is taken as what it
// almost surely is, the index's damage: the handler says so on stderr with the program's hint,
// leaves the marker INDEX.damaged beside the index (so that later readers say the
// same at once and `kiosque watch` rebuilds it), and ends the process with exit status 5. At any
// other moment the signal goes on to the handler that was there before (the default, or a
// sanitizer's), so a bug elsewhere is still a crash with its usual report.
#pragma once

#include <filesystem>
#include <string_view>

namespace kiosque::indexer {

// Installs the handlers; call once, early in main(), before any thread starts. `hint` (what to
// do about a damaged index) follows the handler's message.
void install_index_crash_guard(std::string_view hint);

// The marker a crash inside the index leaves, beside `index_dir`.
std::filesystem::path damaged_marker(const std::filesystem::path& index_dir);

}  // namespace kiosque::indexer
