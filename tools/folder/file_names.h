// Which file names kiosque leaves alone in folders it walks and in the inbox.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiosque::tools {

// Hidden and temporary names: `.*`, `*~`, `*.swp`, `*.part`, `*.tmp`, `*.crdownload`. Editors and
// downloaders write these before renaming to the final name.
bool is_ignored_name(std::string_view name);

// What a file a folder holds beside its articles is, when its name says it is not an article:
// a manifest or other table (.tsv, .csv), data (.json, .jsonl, .ndjson, .yaml, .yml), a sidecar
// (NAME.meta.json), or a folder's notes (README, LISEZMOI, LICENSE, CHANGELOG, any extension);
// nullopt for a file to take as an article. The reason is for people ("a table, not an
// article"). `kiosque add` reads the tables that are manifests as such.
std::optional<std::string> not_an_article(const std::filesystem::path& file);
// Whether `file` is named as a table (.tsv, .csv), the kind of file a manifest is.
bool named_as_table(const std::filesystem::path& file);

// A browser's "web page, complete" saves PAGE.html beside a folder PAGE_files (Firefox names it
// in the user's language: PAGE_fichiers, PAGE-Dateien, …) of scripts, styles and images. They
// are one article, the page: the assets are neither articles nor refused one by one.
//
// The assets folder saved with `page` (PAGE.html, .htm, .xhtml, .shtml), if it is there.
std::optional<std::filesystem::path> assets_of_page(const std::filesystem::path& page);
// Whether `folder` is such an assets folder, its page beside it.
bool is_page_assets(const std::filesystem::path& folder);
// Whether `path` lies inside an assets folder, at any depth below `root`.
bool in_page_assets(const std::filesystem::path& path, const std::filesystem::path& root);
// Whether `path` lies inside a folder named as assets (PAGE_files) whose page is not there yet,
// changed less than `grace` ago: a browser still saving. Its files wait for the page a while.
bool awaits_its_page(const std::filesystem::path& path, const std::filesystem::path& root,
                     std::chrono::seconds grace);

}  // namespace kiosque::tools
