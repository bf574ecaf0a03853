#include "kiosque/archive/content_hash.h"

#include <openssl/sha.h>

namespace kiosque::archive {

Digest sha256(std::string_view bytes) {
  Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d.bytes.data());
  return d;
}

}  // namespace kiosque::archive
