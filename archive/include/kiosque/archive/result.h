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

struct Error {
  Errc code;
  std::string message;
  std::string hint;  // may be empty

  Error(Errc c, std::string msg, std::string h = {})
      : code(c), message(std::move(msg)), hint(std::move(h)) {}
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

}  // namespace kiosque
