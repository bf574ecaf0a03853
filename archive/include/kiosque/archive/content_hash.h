// SHA-256 of a byte string: the key of raw blobs and articles. Thread-safe.
#pragma once

#include <string_view>

#include "kiosque/archive/article.h"

namespace kiosque::archive {

Digest sha256(std::string_view bytes);

}  // namespace kiosque::archive
