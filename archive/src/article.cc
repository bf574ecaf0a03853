#include "kiosque/archive/article.h"

#include <fmt/format.h>

#include <chrono>
#include <cstring>

namespace kiosque::archive {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Digest::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

std::optional<Digest> Digest::from_hex(std::string_view hex) {
  Digest d;
  if (hex.size() != d.bytes.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < d.bytes.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d.bytes[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return d;
}

std::optional<Digest> Digest::from_bytes(std::string_view raw) {
  Digest d;
  if (raw.size() != d.bytes.size()) return std::nullopt;
  std::memcpy(d.bytes.data(), raw.data(), raw.size());
  return d;
}

std::string ArticleDate::to_string() const {
  switch (precision) {
    case Precision::year:
      return fmt::format("{:04}", year);
    case Precision::month:
      return fmt::format("{:04}-{:02}", year, month);
    case Precision::day:
      return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  }
  return {};
}

namespace {

template <typename T>
void take_if_given(T& field, const T& given) {
  if (!given.empty()) field = given;
}

}  // namespace

NormalisedText with_given(NormalisedText content, const std::vector<GivenMetadata>& given) {
  std::string stated = content.source;
  for (const GivenMetadata& g : given) {
    take_if_given(content.title, g.title);
    if (g.date) content.date = g.date;
    take_if_given(content.source, g.source);
    ArticleMeta& m = content.meta;
    take_if_given(m.authors, g.meta.authors);
    take_if_given(m.section, g.meta.section);
    take_if_given(m.tags, g.meta.tags);
    take_if_given(m.url, g.meta.url);
    take_if_given(m.site, g.meta.site);
    take_if_given(m.language, g.meta.language);
    take_if_given(m.standfirst, g.meta.standfirst);
    if (g.meta.modified) m.modified = g.meta.modified;
  }
  if (content.source != stated) content.credit = std::move(stated);
  return content;
}

ArticleDate utc_day(std::int64_t time_ms) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(time_ms)))};
  return {.year = static_cast<int>(day.year()),
          .month = static_cast<int>(static_cast<unsigned>(day.month())),
          .day = static_cast<int>(static_cast<unsigned>(day.day())),
          .precision = ArticleDate::Precision::day};
}

FiledDate filed_date(const Article& article) {
  if (article.content.date) return {*article.content.date, FiledDate::Kind::published};
  return {utc_day(article.added_at_ms), FiledDate::Kind::intake};
}

}  // namespace kiosque::archive
