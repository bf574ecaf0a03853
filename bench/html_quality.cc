#include "html_quality.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "kiosque/archive/ingest.h"

namespace kiosque::bench {

namespace {

constexpr int kTimedRuns = 3;

std::map<std::string, int> tokens(std::string_view text) {
  std::map<std::string, int> out;
  std::istringstream in{std::string(text)};
  for (std::string t; in >> t;) ++out[t];
  return out;
}

}  // namespace

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string article_body(const archive::NormalisedText& c) {
  if (!c.title.empty() && c.text.starts_with(c.title + "\n\n")) {
    return c.text.substr(c.title.size() + 2);
  }
  return c.text;
}

double token_f1(std::string_view got, std::string_view want) {
  const auto a = tokens(got), b = tokens(want);
  int common = 0, na = 0, nb = 0;
  for (const auto& [t, n] : a) {
    na += n;
    if (auto it = b.find(t); it != b.end()) common += std::min(n, it->second);
  }
  for (const auto& [t, n] : b) nb += n;
  if (na == 0 || nb == 0) return na == nb ? 1.0 : 0.0;
  const double p = static_cast<double>(common) / na, r = static_cast<double>(common) / nb;
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

HtmlQuality measure_html(const std::filesystem::path& folder, const std::filesystem::path& texts) {
  std::ifstream truth(folder / "truth.jsonl");
  if (!truth) throw std::runtime_error("no truth.jsonl in " + folder.string());
  HtmlQuality q;
  double f1_sum = 0;
  std::chrono::nanoseconds spent{0};
  for (std::string line; std::getline(truth, line);) {
    const auto t = nlohmann::json::parse(line);
    const std::string file = t["file"];
    const std::string raw = read_bytes(folder / file);
    // The fastest of a few runs counts: on a shared machine, pauses would otherwise be much of
    // the figure.
    auto fastest = std::chrono::nanoseconds::max();
    Result<archive::PreparedArticle> prepared = fail(Errc::internal, "not prepared");
    for (int run = 0; run < kTimedRuns; ++run) {
      std::string copy = raw;
      const auto start = std::chrono::steady_clock::now();
      prepared = archive::prepare_bytes(std::move(copy), {});
      fastest = std::min(fastest, std::chrono::steady_clock::now() - start);
    }
    spent += fastest;
    ++q.pages;
    if (!prepared) {
      ++q.refused;
      q.worst.push_back(fmt::format("{} refused: {}", file, prepared.error().message));
      continue;
    }
    const auto& c = prepared->content;
    const double f1 = token_f1(article_body(c), t["text"].get<std::string>());
    f1_sum += f1;
    if (f1 < 0.9) q.worst.push_back(fmt::format("{} {:.3f}", file, f1));
    if (c.title == t["title"]) ++q.exact_titles;
    if (c.date && c.date->to_string() == t["date"]) ++q.exact_dates;
    const auto twin_file = texts / t.value("fr_news_file", std::string());
    if (t.contains("fr_news_file") && std::filesystem::exists(twin_file)) {
      auto twin = archive::prepare_bytes(read_bytes(twin_file), {});
      if (twin && twin->id == prepared->id) ++q.same_id_as_text;
    }
  }
  q.mean_f1 = q.pages > 0 ? f1_sum / static_cast<double>(q.pages) : 0;
  const double seconds = std::chrono::duration<double>(spent).count();
  q.pages_per_second = seconds > 0 ? static_cast<double>(q.pages) / seconds : 0;
  return q;
}

}  // namespace kiosque::bench
