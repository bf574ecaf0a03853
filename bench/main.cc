// kiosque-bench: measures kiosque's throughput, freshness and search speed, beside omindex,
// Recoll, Sphinx and SQLite FTS5. Usage and the output schema: bench/README.md.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>

#include "report.h"
#include "workloads.h"

namespace {

using kiosque::bench::BenchContext;
using Workload = nlohmann::json (*)(BenchContext&);

const std::vector<std::pair<std::string, Workload>>& workloads() {
  static const std::vector<std::pair<std::string, Workload>> all{
      {"bulk", kiosque::bench::run_bulk},
      {"search", kiosque::bench::run_search},
      {"fresh", kiosque::bench::run_fresh},
      {"peers", kiosque::bench::run_peers},
      {"grow", kiosque::bench::run_grow},
      {"html", kiosque::bench::run_html},
      {"extraction", kiosque::bench::run_extraction},
      {"morphology", kiosque::bench::run_morphology},
      {"expansion", kiosque::bench::run_expansion}};
  return all;
}

std::filesystem::path default_kiosque() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return self.parent_path().parent_path() / "tools" / "kiosque";
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "kiosque-bench: kiosque's throughput, freshness and search speed, beside omindex, "
      "Recoll, Sphinx and SQLite FTS5.\n"
      "Workloads: bulk (kiosque add into an empty folder), grow (throughput and commit times as "
      "the\n"
      "archive grows), fresh (latency from a file's close in the inbox to search, under kiosque\n"
      "watch), search (a fixed query mix: latency and queries/s), peers (omindex, recollindex,\n"
      "Sphinx's indexer and FTS5 on the same corpus, timed as whole processes), html (saved web "
      "pages against their truth:\n"
      "body token F1, titles, dates, pages/s, and their cost under add against their text\n"
      "twins), extraction (the public benchmark of news pages of many sites, scored as its\n"
      "evaluate.py scores Readability and the others: give --extraction DIR), morphology\n"
      "(French inflection: a word's forms found, results outside its family, known items\n"
      "found from words in other forms; kiosque beside omindex and Recoll), expansion (kiosque's\n"
      "lemma terms against expanding each query word to its lemma's forms: quality, size,\n"
      "build time, query latency), or all.",
      "kiosque-bench"};
  std::vector<std::string> names;
  std::string corpus = KIOSQUE_SHARED_DIR "/corpus/fr-news";
  std::size_t scale = 0;
  std::string json_path, work;
  BenchContext context;
  auto& s = context.settings;
  s.kiosque = default_kiosque();
  std::string kiosque = s.kiosque.string();
  app.add_option(
      "workloads", names,
      "bulk, grow, fresh, search, peers, html, extraction, morphology, expansion, or all "
      "(default: all)");
  app.add_option("--corpus", corpus, "A folder of articles (default: ../shared/corpus/fr-news)");
  app.add_option("--scale", scale,
                 "Recombine the corpus's paragraphs into this many articles instead");
  app.add_option("--work", work,
                 "Scratch folder (default: a new one under /tmp, removed at the end)");
  app.add_option("--json", json_path, "Also write the report as JSON to this file");
  app.add_option("--kiosque", kiosque, "The kiosque binary (default: the one built beside this)");
  std::string data;
  app.add_option("--data", data,
                 "search and fresh: an existing data folder to run on (for instance the grow\n"
                 "workload's, kept with --work), instead of one made from the corpus");
  app.add_option("--grow-to", s.grow_to, "grow: articles at the end (default 100000)");
  app.add_option("--grow-slices", s.grow_slices, "grow: slices measured (default 10)");
  app.add_option("--fresh-rate", s.fresh_rate, "fresh: articles per second (default 20)");
  app.add_option("--fresh-seconds", s.fresh_seconds, "fresh: seconds of dropping (default 15)");
  app.add_option(
      "--fresh-burst", s.fresh_burst,
      "fresh: then move this many files into the inbox at once (default 20000; 0: none)");
  app.add_option("--search-seconds", s.search_seconds,
                 "search: seconds per throughput run (default 3)");
  app.add_option("--search-repeat", s.search_repeat, "search: runs of each query (default 30)");
  std::string html = KIOSQUE_SHARED_DIR "/corpus/fr-html";
  app.add_option("--html", html,
                 "html: saved pages with a truth.jsonl (default: ../shared/corpus/fr-html); their\n"
                 "text twins are read from --corpus");
  std::string extraction;
  app.add_option("--extraction", extraction,
                 "extraction: a clone of github.com/scrapinghub/article-extraction-benchmark\n"
                 "(ground-truth.json and html/*.html.gz); without it the workload is skipped");
  CLI11_PARSE(app, argc, argv);
  s.kiosque = kiosque;
  s.html_corpus = html;
  s.html_texts = corpus;
  s.extraction_corpus = extraction;
  context.populated = data;
  if (names.empty() || (names.size() == 1 && names[0] == "all")) {
    names.clear();
    for (const auto& [name, fn] : workloads()) names.push_back(name);
  }
  for (const auto& name : names) {
    if (std::none_of(workloads().begin(), workloads().end(),
                     [&](const auto& w) { return w.first == name; })) {
      fmt::print(stderr,
                 "kiosque-bench: unknown workload '{}' (bulk, grow, fresh, search, peers, html, "
                 "extraction, morphology, expansion, all)\n",
                 name);
      return 2;
    }
  }
  if (!std::filesystem::exists(s.kiosque)) {
    fmt::print(stderr, "kiosque-bench: no kiosque binary at {} (give --kiosque)\n",
               s.kiosque.string());
    return 2;
  }

  const bool own_work = work.empty();
  s.work = own_work ? std::filesystem::temp_directory_path() /
                          fmt::format("kiosque-bench-{}", ::getpid())
                    : std::filesystem::path(work);
  std::filesystem::create_directories(s.work);
  context.say = [](const std::string& line) { fmt::print(stderr, "kiosque-bench: {}\n", line); };

  int status = 0;
  nlohmann::json report;
  try {
    context.say("preparing the corpus");
    context.corpus = kiosque::bench::materialise_corpus(corpus, scale, s.work / "corpus");
    report["schema"] = "kiosque-bench/1";
    report["date"] = utc_now();
    report["machine"] = kiosque::bench::machine_json();
    report["corpus"] = {{"origin", context.corpus.origin},
                        {"files", context.corpus.files},
                        {"bytes", context.corpus.bytes},
                        {"scaled", context.corpus.scaled}};
    report["settings"] = {{"kiosque", s.kiosque.string()},      {"grow_to", s.grow_to},
                          {"grow_slices", s.grow_slices},       {"fresh_rate", s.fresh_rate},
                          {"fresh_seconds", s.fresh_seconds},   {"fresh_burst", s.fresh_burst},
                          {"search_seconds", s.search_seconds}, {"search_repeat", s.search_repeat}};
    for (const auto& [name, fn] : workloads()) {
      if (std::find(names.begin(), names.end(), name) == names.end()) continue;
      const auto start = std::chrono::steady_clock::now();
      report["workloads"][name] = fn(context);
      context.say(fmt::format(
          "{} done in {:.1f} s", name,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()));
    }
    report["targets"] = kiosque::bench::check_targets(report["workloads"]);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kiosque-bench: {}\n", e.what());
    status = 1;
  }
  std::cout << kiosque::bench::report_table(report);
  if (!json_path.empty()) std::ofstream(json_path) << report.dump(2) << "\n";
  if (own_work) std::filesystem::remove_all(s.work);
  return status;
}
