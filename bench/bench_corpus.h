// The articles a benchmark runs on: a folder of real articles, or a scaled corpus derived from
// one by recombining its real paragraphs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosque::bench {

// The article files of `dir`: regular files, recursively, sorted; hidden and temporary names,
// README* and MANIFEST* left out.
std::vector<std::filesystem::path> list_articles(const std::filesystem::path& dir);

// Every paragraph and title of a corpus, to build new articles from. Article k takes a title
// and three to eight paragraphs from different articles, chosen by a hash of k: texts (and
// hashes) differ, and every word is a real one.
class ParagraphPool {
 public:
  explicit ParagraphPool(const std::vector<std::filesystem::path>& files);
  std::string article(std::uint64_t k) const;
  std::size_t paragraphs() const { return paragraphs_.size(); }

 private:
  std::vector<std::string> titles_;
  std::vector<std::string> paragraphs_;
};

struct CorpusInfo {
  std::filesystem::path dir;  // the files every tool reads
  std::string origin;         // where they came from
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  bool scaled = false;
};

// Copies `source`'s articles into `dest`, or, with `scale_to` > 0, writes that many articles
// recombined from them.
CorpusInfo materialise_corpus(const std::filesystem::path& source, std::size_t scale_to,
                              const std::filesystem::path& dest);

}  // namespace kiosque::bench
