#include "kiosque/base/result.h"

namespace kiosque {

const char* errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_argument:
      return "invalid_argument";
    case Errc::not_found:
      return "not_found";
    case Errc::ambiguous:
      return "ambiguous";
    case Errc::refused:
      return "refused";
    case Errc::io_error:
      return "io_error";
    case Errc::no_space:
      return "no_space";
    case Errc::corruption:
      return "corruption";
    case Errc::busy:
      return "busy";
    case Errc::version_mismatch:
      return "version_mismatch";
    case Errc::internal:
      return "internal";
  }
  return "unknown";
}

}  // namespace kiosque
