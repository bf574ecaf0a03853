// html: saved web pages (default ../shared/corpus/fr-html, with truth.jsonl) read through the
// intake's own code: the body's token F1, exact titles and dates, pages per second; then the
// cost of a page against its text twin under `kiosque add`, as whole processes, the fastest of
// five runs each (when every twin is in the text corpus).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "html_quality.h"
#include "workloads.h"

namespace kiosque::bench {

namespace {

constexpr int kAddRuns = 5;

// `kiosque add` of `files` copied into `dir`: seconds for the whole process.
double add_seconds(const BenchContext& context, const std::vector<std::filesystem::path>& files,
                   const std::string& name) {
  const auto dir = context.settings.work / (name + "-files");
  const auto data = context.settings.work / (name + "-data");
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(data);
  std::filesystem::create_directories(dir);
  for (const auto& f : files) std::filesystem::copy_file(f, dir / f.filename());
  const auto run = run_process(
      {context.settings.kiosque.string(), "--data", data.string(), "add", "--quiet", dir.string()},
      context.settings.work / (name + ".out"));
  if (run.exit_code != 0) {
    throw std::runtime_error(
        fmt::format("kiosque add of the {} failed (exit {})", name, run.exit_code));
  }
  return run.seconds;
}

}  // namespace

nlohmann::json run_html(BenchContext& context) {
  const auto& pages = context.settings.html_corpus;
  const auto texts = context.settings.html_texts;
  context.say(fmt::format("html: the pages of {}", pages.string()));
  const HtmlQuality q = measure_html(pages, texts);

  // The same articles as pages and as text, taken in by kiosque add.
  std::vector<std::filesystem::path> page_files, text_files;
  std::ifstream truth(pages / "truth.jsonl");
  for (std::string line; std::getline(truth, line);) {
    const auto t = nlohmann::json::parse(line);
    page_files.push_back(pages / t["file"].get<std::string>());
    const auto twin = texts / t.value("fr_news_file", std::string());
    if (t.contains("fr_news_file") && std::filesystem::exists(twin)) text_files.push_back(twin);
  }
  nlohmann::json j{{"pages", q.pages},
                   {"refused", q.refused},
                   {"body_token_f1", q.mean_f1},
                   {"exact_titles", q.exact_titles},
                   {"exact_dates", q.exact_dates},
                   {"same_id_as_text", q.same_id_as_text},
                   {"pages_per_s", q.pages_per_second},
                   {"below_0_9", q.worst}};
  if (!text_files.empty() && text_files.size() == page_files.size()) {
    context.say(fmt::format("html: kiosque add of the pages, then of their text twins, {} times",
                            kAddRuns));
    // Alternated, and the fastest of each counts: a shared machine's pauses land on either side.
    double as_pages = std::numeric_limits<double>::max(), as_texts = as_pages;
    for (int run = 0; run < kAddRuns; ++run) {
      as_pages = std::min(as_pages, add_seconds(context, page_files, "html-pages"));
      as_texts = std::min(as_texts, add_seconds(context, text_files, "html-texts"));
    }
    j["add_pages_seconds"] = as_pages;
    j["add_texts_seconds"] = as_texts;
    j["page_over_text"] = as_texts > 0 ? as_pages / as_texts : 0.0;
  }
  return j;
}

}  // namespace kiosque::bench
