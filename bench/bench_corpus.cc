#include "bench_corpus.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kiosque::bench {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64: a fixed, well-spread hash of k
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spill(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::vector<std::filesystem::path> list_articles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name.starts_with('.') || name.ends_with('~') || name.ends_with(".tmp") ||
        name.ends_with(".part") || name.starts_with("README") || name.starts_with("MANIFEST")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

ParagraphPool::ParagraphPool(const std::vector<std::filesystem::path>& files) {
  for (const auto& file : files) {
    std::istringstream in(slurp(file));
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      (first ? titles_ : paragraphs_).push_back(line);
      first = false;
    }
  }
  if (titles_.empty() || paragraphs_.size() < 8)
    throw std::runtime_error("the corpus has too little text to scale");
}

std::string ParagraphPool::article(std::uint64_t k) const {
  std::uint64_t h = mix(k);
  std::string text = titles_[h % titles_.size()] + "\n\n";
  const std::size_t count = 3 + (h >> 32) % 6;
  for (std::size_t i = 0; i < count; ++i) {
    h = mix(h + i);
    text += paragraphs_[h % paragraphs_.size()];
    text += '\n';
  }
  return text;
}

CorpusInfo materialise_corpus(const std::filesystem::path& source, std::size_t scale_to,
                              const std::filesystem::path& dest) {
  std::filesystem::remove_all(dest);
  std::filesystem::create_directories(dest);
  const auto files = list_articles(source);
  if (files.empty()) throw std::runtime_error("no articles in " + source.string());
  CorpusInfo info;
  info.dir = dest;
  info.origin = source.string();
  if (scale_to == 0) {
    for (const auto& f : files) {
      const auto to = dest / f.lexically_relative(source);
      std::filesystem::create_directories(to.parent_path());
      std::filesystem::copy_file(f, to);
      info.bytes += std::filesystem::file_size(f);
    }
    info.files = files.size();
    return info;
  }
  const ParagraphPool pool(files);
  info.scaled = true;
  info.origin =
      fmt::format("{} articles recombined from the paragraphs of {}", scale_to, source.string());
  // 1,000 files per folder keeps directories small at a million articles.
  for (std::size_t k = 0; k < scale_to; ++k) {
    const auto folder = dest / fmt::format("{:04}", k / 1000);
    if (k % 1000 == 0) std::filesystem::create_directories(folder);
    const std::string text = pool.article(k);
    spill(folder / fmt::format("{:07}.txt", k), text);
    info.bytes += text.size();
  }
  info.files = scale_to;
  return info;
}

}  // namespace kiosque::bench
