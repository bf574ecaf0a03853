#include "kiosque/archive/file_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosque/archive/decoder.h"

namespace kiosque::archive {

namespace {

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error os_error(const char* what, int err) {
  return Error(err == ENOSPC ? Errc::no_space : Errc::io_error,
               fmt::format("cannot {} file: {}", what, std::strerror(err)));
}

constexpr std::uint64_t kHeadBytes = 64 << 10;

// Reads up to `size` bytes, fewer only at the end of the file.
Result<std::size_t> read_fully(int fd, char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, out + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(os_error("read", errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace

Result<std::string> read_article_file(const std::filesystem::path& path, const ReadLimits& limits) {
  // lstat first so that links, FIFOs and devices are refused without ever being opened.
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::unexpected(os_error("stat", errno));
  if (S_ISLNK(st.st_mode)) {
    return fail(Errc::refused, "symbolic link refused (links are never followed)",
                "copy the file itself instead of linking to it");
  }
  if (!S_ISREG(st.st_mode))
    return fail(Errc::refused, fmt::format("{} refused", file_kind(st.st_mode)));

  // O_NOFOLLOW and O_NONBLOCK close the race with a file swapped for a link or FIFO after lstat.
  Fd f{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) {
    if (errno == ELOOP)
      return fail(Errc::refused, "symbolic link refused (links are never followed)");
    return std::unexpected(os_error("open", errno));
  }
  if (::fstat(f.fd, &st) != 0) return std::unexpected(os_error("stat", errno));
  if (!S_ISREG(st.st_mode))
    return fail(Errc::refused, fmt::format("{} refused", file_kind(st.st_mode)));
  if (st.st_size == 0) return fail(Errc::refused, "empty file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limits.max_bytes) {
    return fail(Errc::refused,
                fmt::format("file too large: {} bytes, the limit is {}", size, limits.max_bytes),
                "raise the limit with --max-size if this really is one article");
  }

  // The first bytes decide whether this is text at all: a huge binary file is refused before
  // it is read whole.
  std::string bytes(std::min<std::uint64_t>(size, kHeadBytes), '\0');
  auto done = read_fully(f.fd, bytes.data(), bytes.size());
  if (!done) return propagate(done);
  if (auto text = check_text_head(std::string_view(bytes).substr(0, *done)); !text) {
    return propagate(text);
  }
  if (*done == bytes.size() && size > bytes.size()) {
    bytes.resize(size);
    auto rest = read_fully(f.fd, bytes.data() + *done, size - *done);
    if (!rest) return propagate(rest);
    *done += *rest;
  }
  bytes.resize(*done);  // a file that shrank while we read it: take what is there
  if (bytes.empty()) return fail(Errc::refused, "empty file");
  return bytes;
}

}  // namespace kiosque::archive
