// What to do about an error, in the command line's words.
//
// The libraries say what failed and in which store (Error::part); only here are their errors
// matched to the kiosque command that helps, so that no library names a subcommand.
#pragma once

#include <string>

#include "kiosque/base/result.h"

namespace kiosque::tools {

// The error's own hint when it has one, else the advice for its code and part (may be empty).
std::string hint_for(const Error& error);

}  // namespace kiosque::tools
