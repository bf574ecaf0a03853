#include "watch/inbox_sidecars.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "kiosque/base/clock.h"

namespace kiosque::tools {

namespace {

constexpr std::uintmax_t kMaxSidecarBytes = 1u << 20;

bool is_sidecar(const std::filesystem::path& p) {
  return archive::sidecar_target(p.filename().string()).has_value();
}

// Whether `recorded` (a raw version's provenance path) names a file the sidecar is for.
bool sidecar_names(const std::filesystem::path& sidecar, const std::string& target,
                   const std::filesystem::path& recorded) {
  if (recorded.parent_path() != sidecar.parent_path()) return false;
  return recorded.filename() == target || recorded.stem() == target;
}

}  // namespace

std::optional<std::filesystem::path> sidecar_beside(const std::filesystem::path& article) {
  std::error_code ec;
  std::filesystem::path named = article;
  named += ".meta.json";
  if (std::filesystem::is_regular_file(named, ec)) return named;
  const auto by_stem = article.parent_path() / (article.stem().string() + ".meta.json");
  if (article.has_extension() && std::filesystem::is_regular_file(by_stem, ec)) return by_stem;
  return std::nullopt;
}

std::vector<std::filesystem::path> articles_for_sidecar(const std::filesystem::path& sidecar) {
  std::vector<std::filesystem::path> out;
  const auto target = archive::sidecar_target(sidecar.filename().string());
  if (!target) return out;
  std::error_code ec;
  if (std::filesystem::is_regular_file(sidecar.parent_path() / *target, ec)) {
    out.push_back(sidecar.parent_path() / *target);
    return out;
  }
  for (const auto& entry : std::filesystem::directory_iterator(sidecar.parent_path(), ec)) {
    const auto& p = entry.path();
    if (p.stem() == *target && p.has_extension() && !is_sidecar(p) && entry.is_regular_file(ec))
      out.push_back(p);
  }
  return out;
}

Result<archive::GivenMetadata> read_sidecar(const std::filesystem::path& path,
                                            const std::string& recorded) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::io_error, fmt::format("cannot read {}: {}", recorded, ec.message()));
  if (size > kMaxSidecarBytes) {
    return fail(Errc::refused, fmt::format("{}: a sidecar of {} bytes, more than a sidecar holds",
                                           recorded, size));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return fail(Errc::io_error, fmt::format("cannot read {}", recorded));
  const auto now = base::unix_ms_now();
  return archive::parse_sidecar(text.str(), archive::Provenance{recorded, now});
}

Result<std::optional<archive::PutOutcome>> give_to_archived(
    archive::Store& store, const std::filesystem::path& recorded_sidecar,
    const archive::GivenMetadata& given, const archive::NormaliseConfig& normalise) {
  const auto target = archive::sidecar_target(recorded_sidecar.filename().string());
  if (!target) return std::optional<archive::PutOutcome>();
  auto entries = store.read_log_backwards(store.last_seq() + 1, kSidecarLookBack);
  if (!entries) return propagate(entries);
  for (const archive::LogEntry& e : *entries) {
    auto article = store.get(e.id);
    if (!article) return propagate(article);
    for (const archive::RawId& raw : article->raw_versions) {
      auto info = store.raw_info(raw);
      if (!info) return propagate(info);
      if (!sidecar_names(recorded_sidecar, *target, info->provenance.path)) continue;
      auto bytes = store.raw_bytes(raw);
      if (!bytes) return propagate(bytes);
      auto prepared = archive::prepare_bytes(std::move(*bytes), normalise);
      if (!prepared) return propagate(prepared);
      auto put = store.put(*prepared, info->provenance, &given);
      if (!put) return propagate(put);
      return std::optional<archive::PutOutcome>(*put);
    }
  }
  return std::optional<archive::PutOutcome>();
}

}  // namespace kiosque::tools
