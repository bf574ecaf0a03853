// The one place where Xapian exceptions become kiosque Errors.
#pragma once

#include <xapian.h>

#include <string_view>

#include "kiosque/base/result.h"

namespace kiosque::indexer::detail {

// `what` says what was being done ("open the index", "commit").
Error xapian_error(const Xapian::Error& e, std::string_view what);

}  // namespace kiosque::indexer::detail
