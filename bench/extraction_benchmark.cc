#include "extraction_benchmark.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "html_quality.h"
#include "kiosque/archive/ingest.h"

namespace kiosque::bench {

namespace {

constexpr std::size_t kShingle = 4;

bool word_char(UChar32 c) {
  if (c == '_' || u_isalnum(c)) return true;
  const auto type = u_charType(c);
  return type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && word_char(c)) {
      current.append(text.substr(start, i - start));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// evaluate.py's _ngrams: one shorter shingle when the text has fewer than four tokens.
std::map<std::string, int> shingles(std::string_view text) {
  const auto w = words(text);
  std::map<std::string, int> out;
  const std::size_t count = w.size() >= kShingle ? w.size() - kShingle + 1 : 1;
  for (std::size_t i = 0; i < count && i < w.size(); ++i) {
    std::string key;
    for (std::size_t k = i; k < std::min(w.size(), i + kShingle); ++k) {
      key += w[k];
      key += '\x1f';
    }
    ++out[key];
  }
  return out;
}

std::string read_page(const std::filesystem::path& html, const std::string& key) {
  if (const auto plain = html / (key + ".html"); std::filesystem::exists(plain)) {
    return read_bytes(plain);
  }
  const auto packed = html / (key + ".html.gz");
  gzFile f = gzopen(packed.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error("cannot read " + packed.string());
  std::string out;
  char buffer[1 << 16];
  for (int got; (got = gzread(f, buffer, sizeof buffer)) > 0;) out.append(buffer, got);
  gzclose(f);
  return out;
}

double precision_of(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  return m.tp + m.fp == 0 ? 0 : m.tp / (m.tp + m.fp);
}

double recall_of(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  return m.tp + m.fn == 0 ? 0 : m.tp / (m.tp + m.fn);
}

}  // namespace

ShingleMatch shingle_match(std::string_view got, std::string_view want) {
  const auto g = shingles(got), w = shingles(want);
  ShingleMatch m;
  for (const auto& [key, n] : w) {
    const auto it = g.find(key);
    const int other = it == g.end() ? 0 : it->second;
    m.tp += std::min(n, other);
    m.fn += std::max(0, n - other);
  }
  for (const auto& [key, n] : g) {
    const auto it = w.find(key);
    m.fp += std::max(0, n - (it == w.end() ? 0 : it->second));
  }
  if (const double sum = m.tp + m.fp + m.fn; sum > 0) {
    m.tp /= sum;
    m.fp /= sum;
    m.fn /= sum;
  }
  return m;
}

ExtractionScore measure_extraction(const std::filesystem::path& folder) {
  std::ifstream truth_file(folder / "ground-truth.json");
  if (!truth_file) throw std::runtime_error("no ground-truth.json in " + folder.string());
  const auto truth = nlohmann::json::parse(truth_file);
  ExtractionScore score;
  double precision_sum = 0, recall_sum = 0;
  std::size_t precision_pages = 0, recall_pages = 0;
  std::chrono::nanoseconds spent{0};
  for (const auto& [key, page] : truth.items()) {
    std::string raw = read_page(folder / "html", key);
    const auto start = std::chrono::steady_clock::now();
    auto prepared = archive::prepare_bytes(std::move(raw), {});
    spent += std::chrono::steady_clock::now() - start;
    ++score.pages;
    const std::string body = prepared ? article_body(prepared->content) : std::string();
    if (!prepared) ++score.refused;
    const auto m = shingle_match(body, page.value("articleBody", std::string()));
    if (m.tp + m.fp > 0) {
      precision_sum += precision_of(m);
      ++precision_pages;
    }
    if (m.tp + m.fn > 0) {
      recall_sum += recall_of(m);
      ++recall_pages;
    }
    const double p = precision_of(m), r = recall_of(m);
    if (p + r == 0 || 2 * p * r / (p + r) < 0.8) {
      score.worst.push_back(prepared
                                ? fmt::format("{} P {:.2f} R {:.2f}", key, p, r)
                                : fmt::format("{} refused: {}", key, prepared.error().message));
    }
  }
  score.precision = precision_pages > 0 ? precision_sum / static_cast<double>(precision_pages) : 0;
  score.recall = recall_pages > 0 ? recall_sum / static_cast<double>(recall_pages) : 0;
  const double pr = score.precision + score.recall;
  score.f1 = pr > 0 ? 2 * score.precision * score.recall / pr : 0;
  const double seconds = std::chrono::duration<double>(spent).count();
  score.pages_per_second = seconds > 0 ? static_cast<double>(score.pages) / seconds : 0;
  return score;
}

}  // namespace kiosque::bench
