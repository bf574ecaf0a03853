// Single-file web pages (MHTML: .mht, .mhtml, as Chrome and Edge save them): a MIME
// multipart/related message whose text/html part is the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosque::archive::html {

// True when the message headers at the top declare multipart/related content.
bool looks_like_mhtml(std::string_view bytes);

struct MhtmlPage {
  std::string html;     // the page's bytes, transfer encoding undone
  std::string charset;  // from the part's Content-Type, lower-cased; may be empty
};

// The first text/html part, decoded from quoted-printable or base64; nullopt when there is none
// or the message is malformed.
std::optional<MhtmlPage> mhtml_page(std::string_view bytes);

}  // namespace kiosque::archive::html
