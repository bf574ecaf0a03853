#include "html/mhtml.h"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

#include "html/html_dom.h"

namespace kiosque::archive::html {

namespace {

// Only the top of a file is looked at for its headers.
constexpr std::size_t kHeaderBytes = 16 * 1024;

struct Part {
  std::string content_type;  // lower-cased, parameters included
  std::string transfer_encoding;
  std::string_view body;
};

// Headers up to the first blank line (continuation lines unfolded), names lower-cased; `rest`
// is left at the body.
std::vector<std::pair<std::string, std::string>> read_headers(std::string_view& rest) {
  std::vector<std::pair<std::string, std::string>> headers;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      const auto text = line.find_first_not_of(" \t");
      if (!headers.empty() && text != std::string_view::npos) {
        headers.back().second += ' ';
        headers.back().second += line.substr(text);
      }
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    headers.emplace_back(lower(line.substr(0, colon)), std::string(value));
  }
  return headers;
}

std::string header(const std::vector<std::pair<std::string, std::string>>& headers,
                   std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

// A parameter of a header value: boundary="x" or charset=utf-8.
std::string parameter(std::string_view value, std::string_view name) {
  const std::string low = lower(value);
  std::size_t at = 0;
  while ((at = low.find(name, at)) != std::string::npos) {
    const std::size_t eq = at + name.size();
    const bool starts = at == 0 || low[at - 1] == ';' || low[at - 1] == ' ' || low[at - 1] == '\t';
    if (!starts || eq >= low.size() || low[eq] != '=') {
      ++at;
      continue;
    }
    std::string_view v = value.substr(eq + 1);
    if (!v.empty() && v.front() == '"') {
      v.remove_prefix(1);
      return std::string(v.substr(0, v.find('"')));
    }
    return std::string(v.substr(0, v.find_first_of("; \t")));
  }
  return {};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string quoted_printable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
      continue;
    }
    if (i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {  // a soft line break
      i += in[i + 1] == '\r' && i + 2 < in.size() && in[i + 2] == '\n' ? 2 : 1;
      continue;
    }
    const int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      out += '=';
      continue;
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<std::string> base64(std::string_view in) {
  std::string clean;
  clean.reserve(in.size());
  for (const char c : in) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') clean += c;
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out(clean.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()),
                                static_cast<int>(clean.size()));
  if (n < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts the padding's bytes too.
  if (clean.ends_with("==")) {
    size -= 2;
  } else if (clean.ends_with("=")) {
    size -= 1;
  }
  out.resize(size);
  return out;
}

}  // namespace

bool looks_like_mhtml(std::string_view bytes) {
  std::string_view rest = bytes.substr(0, kHeaderBytes);
  const auto headers = read_headers(rest);
  return !header(headers, "mime-version").empty() &&
         lower(header(headers, "content-type")).starts_with("multipart/related");
}

std::optional<MhtmlPage> mhtml_page(std::string_view bytes) {
  std::string_view rest = bytes;
  const auto headers = read_headers(rest);
  const std::string boundary = parameter(header(headers, "content-type"), "boundary");
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::size_t at = rest.find(delimiter);
  while (at != std::string_view::npos) {
    std::string_view part = rest.substr(at + delimiter.size());
    if (part.starts_with("--")) break;  // the closing delimiter
    const auto next = part.find(delimiter);
    std::string_view body = part.substr(0, next);
    // The rest of the delimiter's line (transport padding) is not a header.
    body.remove_prefix(std::min(body.size(), body.find('\n') + 1));
    const auto part_headers = read_headers(body);
    const std::string type = header(part_headers, "content-type");
    if (lower(type).starts_with("text/html")) {
      const std::string encoding = lower(header(part_headers, "content-transfer-encoding"));
      MhtmlPage page;
      page.charset = lower(parameter(type, "charset"));
      if (encoding == "quoted-printable") {
        page.html = quoted_printable(body);
      } else if (encoding == "base64") {
        auto decoded = base64(body);
        if (!decoded) return std::nullopt;
        page.html = std::move(*decoded);
      } else {
        page.html = std::string(body);
      }
      return page;
    }
    if (next == std::string_view::npos) break;
    at = rest.find(delimiter, at + delimiter.size());
  }
  return std::nullopt;
}

}  // namespace kiosque::archive::html
