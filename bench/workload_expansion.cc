// expansion: indexing lemmas against expanding queries to every form of their lemma, in the
// layouts of term_layouts.h: quality on the morphology cases of the corpus's first articles, then
// size, build time and query latency on the whole corpus.
#include <fmt/format.h>

#include "morphology_cases.h"
#include "term_layouts.h"
#include "workloads.h"

namespace kiosque::bench {

namespace {

constexpr std::size_t kCaseFiles = 1500;  // as the morphology workload
constexpr std::size_t kTimedRuns = 5;

}  // namespace

nlohmann::json run_expansion(BenchContext& context) {
  const auto root = context.settings.work / "expansion";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  const auto all = list_articles(context.corpus.dir);
  const std::vector<std::filesystem::path> sample(
      all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(kCaseFiles, all.size())));
  context.say(fmt::format("expansion: morphology cases over {} articles", sample.size()));
  const auto cases = morphology_cases(sample);
  std::vector<std::string> queries;
  for (const auto& c : cases.families) queries.push_back(c.query);
  for (const auto& c : cases.known_items) queries.push_back(c.query);

  nlohmann::json j{{"case_articles", sample.size()},
                   {"articles", all.size()},
                   {"queries", queries.size()},
                   {"timed_runs", kTimedRuns}};
  for (const TermLayout layout :
       {TermLayout::lemmas, TermLayout::lemmas_only, TermLayout::expansion}) {
    const std::string name = layout_name(layout);
    context.say(fmt::format("expansion: {} on the cases' articles", name));
    build_layout(sample, layout, root / (name + "-cases"));
    LayoutSearch on_cases(root / (name + "-cases"), layout);
    const auto score =
        checked(score_morphology(cases, sample.size(), on_cases.as_file_search()), "layout search");
    context.say(fmt::format("expansion: {}\n{}", name, score.report()));

    context.say(fmt::format("expansion: {} on {} articles", name, all.size()));
    const LayoutBuild build = build_layout(all, layout, root / name);
    LayoutSearch on_all(root / name, layout);
    time_queries(on_all, queries, 1);  // warms the page cache and the analyser's cache
    const SampleStats latency = time_queries(on_all, queries, kTimedRuns);
    j[name] = {{"morphology", score.to_json()},
               {"analysis_seconds", build.analysis_seconds},
               {"index_seconds", build.index_seconds},
               {"bytes", build.bytes},
               {"terms", build.terms},
               {"terms_per_query_word", on_all.terms_per_word()},
               {"latency_ms", to_json(latency)}};
    context.say(fmt::format(
        "expansion: {}: {:.1f} MB, {} terms, index {:.1f} s, {:.1f} terms a query word, "
        "p50 {:.2f} ms, p99 {:.2f} ms",
        name, static_cast<double>(build.bytes) / 1e6, build.terms, build.index_seconds,
        on_all.terms_per_word(), latency.p50, latency.p99));
  }
  const auto ratio = [&](const char* at) {
    const nlohmann::json::json_pointer figure(at);
    return j["expansion"][figure].get<double>() / std::max(1e-9, j["lemmas"][figure].get<double>());
  };
  j["expansion_over_lemmas"] = {{"bytes", ratio("/bytes")},
                                {"index_seconds", ratio("/index_seconds")},
                                {"p50", ratio("/latency_ms/p50")},
                                {"p99", ratio("/latency_ms/p99")}};
  return j;
}

}  // namespace kiosque::bench
