#include "folder/file_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kiosque::tools {

bool is_ignored_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return true;
  for (const std::string_view suffix : {".swp", ".part", ".tmp", ".crdownload"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool named_as_table(const std::filesystem::path& file) {
  const std::string ext = lower_ascii(file.extension().string());
  return ext == ".tsv" || ext == ".csv";
}

std::optional<std::string> not_an_article(const std::filesystem::path& file) {
  const std::string name = lower_ascii(file.filename().string());
  const std::string ext = lower_ascii(file.extension().string());
  if (name.ends_with(".meta.json")) return "a sidecar (metadata of an article), not an article";
  if (named_as_table(file)) return "a table, not an article";
  for (const std::string_view data : {".json", ".jsonl", ".ndjson", ".yaml", ".yml"}) {
    if (ext == data) return "data, not an article";
  }
  const std::string stem = lower_ascii(file.stem().string());
  for (const std::string_view notes : {"readme", "lisezmoi", "license", "licence", "changelog"}) {
    if (stem == notes || name == notes) return "a folder's notes, not an article";
  }
  return std::nullopt;
}

namespace {

constexpr std::array<std::string_view, 8> kAssetSuffixes{
    "_files", "_fichiers", "-Dateien", "_archivos", "_arquivos", "_file", "_bestanden", "_filer"};
constexpr std::array<std::string_view, 4> kPageExtensions{".html", ".htm", ".xhtml", ".shtml"};

bool entry_there(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::symlink_status(p, ec));
}

}  // namespace

std::optional<std::filesystem::path> assets_of_page(const std::filesystem::path& page) {
  const std::string ext = page.extension().string();
  if (std::find(kPageExtensions.begin(), kPageExtensions.end(), ext) == kPageExtensions.end()) {
    return std::nullopt;
  }
  for (const std::string_view suffix : kAssetSuffixes) {
    auto folder = page.parent_path() / (page.stem().string() + std::string(suffix));
    std::error_code ec;
    if (std::filesystem::is_directory(std::filesystem::symlink_status(folder, ec))) return folder;
  }
  return std::nullopt;
}

namespace {

// "Sahel" for a folder "Sahel_files"; empty for a folder not named as assets.
std::string page_stem(const std::filesystem::path& folder) {
  const std::string name = folder.filename().string();
  for (const std::string_view suffix : kAssetSuffixes) {
    if (name.ends_with(suffix) && name.size() > suffix.size()) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return {};
}

}  // namespace

bool is_page_assets(const std::filesystem::path& folder) {
  const std::string stem = page_stem(folder);
  if (stem.empty()) return false;
  for (const std::string_view ext : kPageExtensions) {
    if (entry_there(folder.parent_path() / (stem + std::string(ext)))) return true;
  }
  return false;
}

bool awaits_its_page(const std::filesystem::path& path, const std::filesystem::path& root,
                     std::chrono::seconds grace) {
  const auto relative = path.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") return false;
  std::filesystem::path folder = root;
  for (auto part = relative.begin(); std::next(part) != relative.end(); ++part) {
    folder /= *part;
    if (page_stem(folder).empty()) continue;
    std::error_code ec;
    const auto changed = std::filesystem::last_write_time(folder, ec);
    if (!ec && std::filesystem::file_time_type::clock::now() - changed < grace) return true;
  }
  return false;
}

bool in_page_assets(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto relative = path.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") return false;
  std::filesystem::path folder = root;
  for (auto part = relative.begin(); std::next(part) != relative.end(); ++part) {
    folder /= *part;
    if (is_page_assets(folder)) return true;
  }
  return false;
}

}  // namespace kiosque::tools
