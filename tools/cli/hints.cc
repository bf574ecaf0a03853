#include "cli/hints.h"

namespace kiosque::tools {

namespace {

std::string archive_hint(Errc code) {
  switch (code) {
    case Errc::corruption:
      return "run `kiosque verify` to see what is damaged, and restore from a backup";
    case Errc::version_mismatch:
      return "use the kiosque version that wrote it";
    case Errc::not_found:
      return "take articles in with `kiosque add PATH` or `kiosque watch`, or pick the folder with "
             "--data DIR";
    case Errc::busy:
      return "stop the other process (kiosque watch?), or drop the files into the inbox instead";
    default:
      return {};
  }
}

std::string index_hint(Errc code) {
  switch (code) {
    case Errc::corruption:
      return "run `kiosque reindex`, which rebuilds it from the archive";
    case Errc::version_mismatch:
      return "run `kiosque reindex`, which rebuilds it with this analyser";
    case Errc::not_found:
      return "take articles in with `kiosque add`, or rebuild the index with `kiosque reindex`";
    case Errc::busy:
      return "stop the other process (kiosque watch?), or drop the files into the inbox instead";
    default:
      return {};
  }
}

}  // namespace

std::string hint_for(const Error& error) {
  if (!error.hint.empty()) return error.hint;
  switch (error.part) {
    case Part::archive:
      return archive_hint(error.code);
    case Part::index:
      return index_hint(error.code);
    case Part::none:
      return {};
  }
  return {};
}

}  // namespace kiosque::tools
