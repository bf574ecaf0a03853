#include "index_meta.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>

#include "schema.h"

namespace kiosque::indexer::detail {

namespace {

// kiosque:set-aside:<article id> -> "<seq>\t<file>\t<reason>"
constexpr std::string_view kSetAsidePrefix = "kiosque:set-aside:";

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

}  // namespace

Result<std::uint64_t> read_watermark(const Xapian::Database& db) {
  const std::string seq = db.get_metadata(std::string(schema::kLastSeqKey));
  if (seq.empty()) return 0;
  if (const auto value = parse_number(seq)) return *value;
  return fail(Part::index, Errc::corruption,
              "the index is damaged: its log watermark (kiosque:last_seq) is not a number");
}

void write_watermark(Xapian::WritableDatabase& db, std::uint64_t seq) {
  db.set_metadata(std::string(schema::kLastSeqKey), std::to_string(seq));
}

std::string read_analyser(const Xapian::Database& db) {
  return db.get_metadata(std::string(schema::kAnalyserKey));
}

void write_analyser(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kAnalyserKey), std::string(FrenchAnalyser::kVersion));
  db.set_metadata(std::string(schema::kLayoutKey), std::string(schema::kLayout));
}

Result<void> check_analyser(const Xapian::Database& db) {
  const std::string analyser = read_analyser(db);
  if (analyser == FrenchAnalyser::kVersion) {
    std::string layout = db.get_metadata(std::string(schema::kLayoutKey));
    if (layout == schema::kLayout) return {};
    if (layout.empty()) layout = "1";
    if (layout.size() > 8) layout = "unknown";
    return fail(Part::index, Errc::version_mismatch,
                fmt::format("the index is of layout {}, this kiosque uses layout {}", layout,
                            schema::kLayout));
  }
  // The writer names the analyser before the first article goes in: an index that holds articles
  // and names none has lost the entry to damage; it was not built by some other analyser.
  if (analyser.empty() && db.get_doccount() > 0) {
    return fail(Part::index, Errc::corruption,
                "the index is damaged: its analyser version (kiosque:analyser) is missing");
  }
  const bool printable =
      std::all_of(analyser.begin(), analyser.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
  return fail(Part::index, Errc::version_mismatch,
              printable
                  ? fmt::format("the index was built by analyser '{}', this kiosque uses '{}'",
                                analyser, FrenchAnalyser::kVersion)
                  : "the index is damaged: its analyser version (kiosque:analyser) is unreadable");
}

std::vector<SetAside> read_set_aside(const Xapian::Database& db) {
  std::vector<SetAside> out;
  const std::string prefix(kSetAsidePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = *it;
    const std::string value = db.get_metadata(key);
    SetAside entry;
    entry.id_hex = key.substr(prefix.size());
    const auto tab = value.find('\t');
    const auto tab2 = tab == std::string::npos ? std::string::npos : value.find('\t', tab + 1);
    entry.seq = parse_number(std::string_view(value).substr(0, tab)).value_or(0);
    if (tab2 != std::string::npos) {
      entry.file = value.substr(tab + 1, tab2 - tab - 1);
      entry.reason = value.substr(tab2 + 1);
    } else {
      entry.reason = "(the record of why is damaged)";
    }
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(),
            [](const SetAside& a, const SetAside& b) { return a.seq < b.seq; });
  return out;
}

std::uint64_t count_set_aside(const Xapian::Database& db) {
  const std::string prefix(kSetAsidePrefix);
  return static_cast<std::uint64_t>(
      std::distance(db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix)));
}

void write_set_aside(Xapian::WritableDatabase& db, const SetAside& entry) {
  db.set_metadata(
      std::string(kSetAsidePrefix) + entry.id_hex,
      fmt::format("{}\t{}\t{}", entry.seq, one_line(entry.file), one_line(entry.reason)));
}

void clear_set_aside(Xapian::WritableDatabase& db, const std::string& id_hex) {
  db.set_metadata(std::string(kSetAsidePrefix) + id_hex, "");
}

}  // namespace kiosque::indexer::detail
