#include "record_codec.h"

#include <utility>
#include <vector>

#include "raw_compression.h"

namespace kiosque::archive::detail {

namespace {

class Writer {
 public:
  explicit Writer(std::size_t reserve = 64) { out_.reserve(reserve); }
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void bytes(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  void fixed(std::string_view s) { out_.append(s); }
  void date(const std::optional<ArticleDate>& d) {
    if (!d) {
      u8(0);
      return;
    }
    u8(static_cast<std::uint8_t>(d->precision));
    varint(static_cast<std::uint64_t>(d->year));
    u8(static_cast<std::uint8_t>(d->month));
    u8(static_cast<std::uint8_t>(d->day));
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }
  std::uint8_t u8() {
    if (in_.empty()) return bad();
    const auto v = static_cast<std::uint8_t>(in_.front());
    in_.remove_prefix(1);
    return v;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return bad();
      const auto b = static_cast<std::uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return bad();
  }
  std::string_view bytes() {
    const std::uint64_t n = varint();
    return fixed(n);
  }
  std::string_view fixed(std::uint64_t n) {
    if (!ok_ || n > in_.size()) {
      bad();
      return {};
    }
    const std::string_view s = in_.substr(0, n);
    in_.remove_prefix(n);
    return s;
  }
  std::string_view rest() {
    const std::string_view s = in_;
    in_ = {};
    return s;
  }
  std::optional<ArticleDate> date() {
    const std::uint8_t precision = u8();
    if (precision == 0) return std::nullopt;
    ArticleDate d;
    if (precision > 3) {
      bad();
      return std::nullopt;
    }
    d.precision = static_cast<ArticleDate::Precision>(precision);
    const std::uint64_t year = varint();
    d.month = u8();
    d.day = u8();
    if (year > 9999 || d.month > 12 || d.day > 31) {
      bad();
      return std::nullopt;
    }
    d.year = static_cast<int>(year);
    return d;
  }

 private:
  std::uint8_t bad() {
    ok_ = false;
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};

// The metadata fields' tags: stable, never reused.
enum class MetaTag : std::uint8_t {
  author = 1,
  section = 2,
  tag = 3,
  url = 4,
  site = 5,
  language = 6,
  standfirst = 7,
  modified = 8,
  given = 9,  // one GivenMetadata: time, path, then its fields with the tags here
  title = 10,
  date = 11,
  source = 12,
  intake_seq = 13,  // the article's first log entry, once a later one replaced it
};

std::string encoded_date(const std::optional<ArticleDate>& d);

// `extra`: fields beyond ArticleMeta's (a given entry's title, date, source).
void write_meta(Writer& w, const ArticleMeta& m, const std::vector<GivenMetadata>& given,
                std::vector<std::pair<MetaTag, std::string>> extra = {}) {
  std::vector<std::pair<MetaTag, std::string>> fields = std::move(extra);
  for (const auto& a : m.authors) fields.emplace_back(MetaTag::author, a);
  for (const auto& t : m.tags) fields.emplace_back(MetaTag::tag, t);
  const std::pair<MetaTag, const std::string*> single[] = {{MetaTag::section, &m.section},
                                                           {MetaTag::url, &m.url},
                                                           {MetaTag::site, &m.site},
                                                           {MetaTag::language, &m.language},
                                                           {MetaTag::standfirst, &m.standfirst}};
  for (const auto& [tag, value] : single) {
    if (!value->empty()) fields.emplace_back(tag, *value);
  }
  if (m.modified) fields.emplace_back(MetaTag::modified, encoded_date(m.modified));
  for (const GivenMetadata& g : given) {
    Writer entry;
    entry.varint(static_cast<std::uint64_t>(g.provenance.time_ms));
    entry.bytes(g.provenance.path);
    std::vector<std::pair<MetaTag, std::string>> own;
    if (!g.title.empty()) own.emplace_back(MetaTag::title, g.title);
    if (g.date) own.emplace_back(MetaTag::date, encoded_date(g.date));
    if (!g.source.empty()) own.emplace_back(MetaTag::source, g.source);
    write_meta(entry, g.meta, {}, std::move(own));
    fields.emplace_back(MetaTag::given, entry.take());
  }
  w.varint(fields.size());
  for (const auto& [tag, value] : fields) {
    w.u8(static_cast<std::uint8_t>(tag));
    w.bytes(value);
  }
}

std::string encoded_date(const std::optional<ArticleDate>& d) {
  Writer w;
  w.date(d);
  return w.take();
}

std::optional<ArticleDate> decoded_date(std::string_view value, bool& ok) {
  Reader r(value);
  auto d = r.date();
  ok = ok && r.done() && d.has_value();
  return d;
}

// `given`: where given entries go; a given entry's own fields, read with given == nullptr, go to
// `own` (title, date, source).
bool read_meta(Reader& r, ArticleMeta& m, std::vector<GivenMetadata>* given,
               GivenMetadata* own = nullptr, std::uint64_t* intake_seq = nullptr) {
  const std::uint64_t n = r.varint();
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    const auto tag = static_cast<MetaTag>(r.u8());
    const std::string value(r.bytes());
    if (!r.ok()) return false;
    bool ok = true;
    switch (tag) {
      case MetaTag::author:
        m.authors.push_back(value);
        break;
      case MetaTag::tag:
        m.tags.push_back(value);
        break;
      case MetaTag::section:
        m.section = value;
        break;
      case MetaTag::url:
        m.url = value;
        break;
      case MetaTag::site:
        m.site = value;
        break;
      case MetaTag::language:
        m.language = value;
        break;
      case MetaTag::standfirst:
        m.standfirst = value;
        break;
      case MetaTag::modified:
        m.modified = decoded_date(value, ok);
        break;
      case MetaTag::given: {
        if (given == nullptr) return false;
        Reader entry(value);
        GivenMetadata g;
        g.provenance.time_ms = static_cast<std::int64_t>(entry.varint());
        g.provenance.path = entry.bytes();
        ok = entry.ok() && read_meta(entry, g.meta, nullptr, &g) && entry.done();
        given->push_back(std::move(g));
        break;
      }
      case MetaTag::title:
      case MetaTag::source:
        if (own == nullptr) return false;
        (tag == MetaTag::title ? own->title : own->source) = value;
        break;
      case MetaTag::date:
        if (own == nullptr) return false;
        own->date = decoded_date(value, ok);
        break;
      case MetaTag::intake_seq: {
        if (intake_seq == nullptr) return false;
        Reader number(value);
        *intake_seq = number.varint();
        ok = number.ok() && number.done();
        break;
      }
      default:
        break;  // a field of a later kiosque: skipped
    }
    if (!ok) return false;
  }
  return r.ok();
}

std::optional<ArticleId> read_digest(Reader& r) {
  const std::string_view raw = r.fixed(32);
  if (!r.ok()) return std::nullopt;
  return Digest::from_bytes(raw);
}

}  // namespace

std::string encode_seq(std::uint64_t seq) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i) {
    key[static_cast<std::size_t>(i)] = static_cast<char>(seq & 0xFF);
    seq >>= 8;
  }
  return key;
}

std::optional<std::uint64_t> decode_seq(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  std::uint64_t seq = 0;
  for (const char c : key) seq = seq << 8 | static_cast<std::uint8_t>(c);
  return seq;
}

std::string encode_article(const Article& a) {
  Writer w(a.content.text.size() + a.content.title.size() + 64 + 32 * a.raw_versions.size());
  const bool moved = a.intake_seq != 0 && a.intake_seq != a.seq;
  const bool meta_format = !a.content.meta.empty() || !a.given.empty() || moved;
  w.u8(meta_format ? kArticleWithMeta : kRecordFormat);
  w.varint(a.seq);
  w.varint(static_cast<std::uint64_t>(a.added_at_ms));
  w.bytes(a.content.title);
  w.date(a.content.date);
  w.bytes(a.content.source);
  w.varint(a.raw_versions.size());
  for (const RawId& raw : a.raw_versions) w.fixed(raw.view());
  w.bytes(a.content.text);
  if (meta_format) {
    std::vector<std::pair<MetaTag, std::string>> extra;
    if (moved) {
      Writer number;
      number.varint(a.intake_seq);
      extra.emplace_back(MetaTag::intake_seq, number.take());
    }
    write_meta(w, a.content.meta, a.given, std::move(extra));
  }
  return w.take();
}

std::optional<Article> decode_article(const ArticleId& id, std::string_view bytes) {
  Reader r(bytes);
  const std::uint8_t format = r.u8();
  if (format != kRecordFormat && format != kArticleWithMeta) return std::nullopt;
  Article a;
  a.id = id;
  a.seq = r.varint();
  a.added_at_ms = static_cast<std::int64_t>(r.varint());
  a.content.title = r.bytes();
  a.content.date = r.date();
  a.content.source = r.bytes();
  const std::uint64_t n = r.varint();
  if (!r.ok() || n > bytes.size() / 32) return std::nullopt;
  for (std::uint64_t i = 0; i < n; ++i) {
    auto raw = read_digest(r);
    if (!raw) return std::nullopt;
    a.raw_versions.push_back(*raw);
  }
  a.content.text = r.bytes();
  if (format == kArticleWithMeta && !read_meta(r, a.content.meta, &a.given, nullptr, &a.intake_seq))
    return std::nullopt;
  if (!r.done()) return std::nullopt;
  if (a.intake_seq == 0) a.intake_seq = a.seq;
  return a;
}

std::string encode_raw(const ArticleId& article, std::string_view encoding, std::uint64_t size,
                       std::string_view packed) {
  Writer w(packed.size() + encoding.size() + 48);
  w.u8(kCompressedRaw);
  w.fixed(article.view());
  w.bytes(encoding);
  w.varint(size);
  w.fixed(packed);
  return w.take();
}

std::optional<RawRecord> decode_raw(std::string_view record) {
  Reader r(record);
  const std::uint8_t format = r.u8();
  if (format != kRecordFormat && format != kCompressedRaw) return std::nullopt;
  RawRecord out;
  auto article = read_digest(r);
  if (!article) return std::nullopt;
  out.article = *article;
  out.encoding = r.bytes();
  out.compressed = format == kCompressedRaw;
  if (out.compressed) out.size = r.varint();
  if (!r.ok()) return std::nullopt;
  out.stored = r.rest();
  if (!out.compressed) out.size = out.stored.size();
  return out;
}

std::optional<std::string> raw_file_bytes(const RawRecord& record) {
  if (!record.compressed) return std::string(record.stored);
  return decompress_raw(record.stored, record.size);
}

std::string encode_provenance(const Provenance& p) {
  Writer w(p.path.size() + 16);
  w.u8(kRecordFormat);
  w.varint(static_cast<std::uint64_t>(p.time_ms));
  w.bytes(p.path);
  return w.take();
}

std::optional<Provenance> decode_provenance(std::string_view bytes) {
  Reader r(bytes);
  if (r.u8() != kRecordFormat) return std::nullopt;
  Provenance p;
  p.time_ms = static_cast<std::int64_t>(r.varint());
  p.path = r.bytes();
  if (!r.done()) return std::nullopt;
  return p;
}

std::string encode_log_value(const ArticleId& id) {
  Writer w(33);
  w.u8(kRecordFormat);
  w.fixed(id.view());
  return w.take();
}

std::optional<ArticleId> decode_log_value(std::string_view bytes) {
  Reader r(bytes);
  if (r.u8() != kRecordFormat) return std::nullopt;
  auto id = read_digest(r);
  if (!id || !r.done()) return std::nullopt;
  return id;
}

std::string encode_counters(const Counters& c) {
  Writer w;
  w.u8(kRecordFormat);
  w.varint(c.articles);
  w.varint(c.raw_versions);
  w.varint(c.raw_bytes);
  w.varint(c.text_bytes);
  w.varint(c.last_seq);
  w.date(c.earliest);
  w.date(c.latest);
  return w.take();
}

std::optional<Counters> decode_counters(std::string_view bytes) {
  Reader r(bytes);
  if (r.u8() != kRecordFormat) return std::nullopt;
  Counters c;
  c.articles = r.varint();
  c.raw_versions = r.varint();
  c.raw_bytes = r.varint();
  c.text_bytes = r.varint();
  c.last_seq = r.varint();
  c.earliest = r.date();
  c.latest = r.date();
  if (!r.done()) return std::nullopt;
  return c;
}

}  // namespace kiosque::archive::detail
