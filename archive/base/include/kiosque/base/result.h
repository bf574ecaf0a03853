// Result<T>: the error-as-value type used by every kiosque library.
//
// A Result holds either a value or an Error. Errors carry a code (what kind of failure, so callers
// can branch), a message (what happened, for a person) and an optional hint (what to do about it).
// Library code never prints and never exits: tools/ turns an Error into a message and exit status.
// Thread-safety: plain values; safe to move between threads.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace kiosque {

enum class Errc {
  invalid_argument,  // the caller asked for something malformed
  not_found,         // the thing named does not exist
  ambiguous,         // a prefix names more than one thing
  refused,           // input that kiosque will not take in (binary, empty, too large, …)
  io_error,          // the operating system or a storage engine failed to read or write
  no_space,          // the disk is full
  corruption,        // stored data does not match its checksum or format
  busy,              // another process holds the data folder
  version_mismatch,  // data written by an incompatible version
  internal,          // a broken invariant: a bug
};

// A short, stable name for the code ("io_error"), used in JSON output and logs.
const char* errc_name(Errc code) noexcept;

// Which of the data folder's stores an error is about, so that tools/ can say what to do (run
// `kiosque verify` for the archive, `kiosque reindex` for the index) without the libraries
// knowing the command line.
enum class Part { none, archive, index };

struct Error {
  Errc code;
  std::string message;
  std::string hint;  // what to do, when the library itself knows; may be empty
  Part part = Part::none;

  Error(Errc c, std::string msg, std::string h = {})
      : code(c), message(std::move(msg)), hint(std::move(h)) {}
  Error(Part p, Errc c, std::string msg) : code(c), message(std::move(msg)), part(p) {}
};

// [[nodiscard]]: a Result dropped without a look is a compile error under -Werror (libstdc++ 12's
// std::expected is not marked so). Discard one on purpose with `(void)`, where a comment says why.
template <typename T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using std::expected<T, Error>::expected;
  Result(std::expected<T, Error> other) : std::expected<T, Error>(std::move(other)) {}
};

// Shorthand for the failure branch: `return fail(Errc::not_found, "no article {id}");`.
inline std::unexpected<Error> fail(Errc code, std::string message, std::string hint = {}) {
  return std::unexpected<Error>(std::in_place, code, std::move(message), std::move(hint));
}

// The same, for an error about the archive or the index.
inline std::unexpected<Error> fail(Part part, Errc code, std::string message) {
  return std::unexpected<Error>(std::in_place, part, code, std::move(message));
}

// Propagation: `if (!opened) return propagate(opened);` hands a failed Result's error on to a
// Result of another type.
template <typename T>
std::unexpected<Error> propagate(const std::expected<T, Error>& failed) {
  return std::unexpected<Error>(failed.error());
}

}  // namespace kiosque
