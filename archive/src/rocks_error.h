// The one place where RocksDB statuses become kiosque Errors.
#pragma once

#include <rocksdb/status.h>

#include <string_view>

#include "kiosque/base/result.h"

namespace kiosque::archive::detail {

// `what` says what was being done ("open the archive", "write article …").
Error rocks_error(const rocksdb::Status& status, std::string_view what);

}  // namespace kiosque::archive::detail
