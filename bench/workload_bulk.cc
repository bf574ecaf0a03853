// bulk: the corpus taken into an empty data folder by `kiosque add`, as a whole process.
#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "child_process.h"
#include "kiosque/base/folder_bytes.h"
#include "story_quality.h"
#include "workloads.h"

namespace kiosque::bench {

using base::folder_bytes;

namespace {

// The last line of `add --json`: {"summary": ..., "schema": 1}.
nlohmann::json read_summary(const std::filesystem::path& output) {
  std::ifstream in(output);
  std::string line;
  nlohmann::json last;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("summary")) last = std::move(j);
  }
  if (last.is_null())
    throw std::runtime_error("kiosque add printed no summary; see " + output.string());
  return last["summary"];
}

}  // namespace

AddRun add_corpus(const BenchContext& context, const std::filesystem::path& data,
                  const std::string& name) {
  std::filesystem::remove_all(data);
  const auto output = context.settings.work / (name + ".out");
  std::filesystem::remove(output);
  AddRun run;
  run.process = run_process({context.settings.kiosque.string(), "--data", data.string(), "add",
                             "--json", "--quiet", context.corpus.dir.string()},
                            output);
  if (run.process.exit_code != 0 && run.process.exit_code != 1) {
    throw std::runtime_error(fmt::format("kiosque add failed (exit {}); see {}",
                                         run.process.exit_code, output.string()));
  }
  run.summary = read_summary(output);
  return run;
}

std::filesystem::path populated_folder(BenchContext& context) {
  if (context.populated.empty()) {
    context.say("taking the corpus into a data folder");
    const auto data = context.settings.work / "populated";
    add_corpus(context, data, "populated");
    context.populated = data;
  }
  return context.populated;
}

nlohmann::json run_bulk(BenchContext& context) {
  context.say(fmt::format("bulk: kiosque add of {} files", context.corpus.files));
  const auto data = context.settings.work / "bulk";
  const AddRun run = add_corpus(context, data, "bulk");
  const double secs = run.process.seconds;
  const std::uint64_t archive = folder_bytes(DataFolder{data}.archive());
  const std::uint64_t index = folder_bytes(DataFolder{data}.index());
  const std::uint64_t articles = run.summary["added"];
  nlohmann::json j;
  j["files"] = run.summary["files"];
  j["articles"] = articles;
  j["rejected"] = run.summary["rejected"];
  j["seconds"] = secs;
  j["docs_per_s"] = static_cast<double>(context.corpus.files) / secs;
  j["mb_per_s"] = static_cast<double>(context.corpus.bytes) / secs / 1e6;
  j["archive_seconds"] = run.summary["archive_seconds"];
  j["index_seconds"] = run.summary["index_seconds"];
  j["stage_ms"] = run.summary["stage_ms"];
  j["archive_bytes"] = archive;
  j["index_bytes"] = index;
  j["disk_bytes"] = archive + index;
  j["bytes_per_article"] =
      articles > 0 ? static_cast<double>(archive + index) / static_cast<double>(articles) : 0.0;
  j["peak_rss_bytes"] = run.process.peak_rss_bytes;
  // Stories: placing each article cost this much of the archiving thread, and found these
  // groups; on fr-news, measured against the labelled pairs beside it.
  const double grouping_ms = run.summary["stage_ms"]["stories"].get<double>();
  // The labels name the corpus's own files: none for a recombined one.
  std::filesystem::path origin = std::filesystem::path(context.corpus.origin).lexically_normal();
  if (origin.filename().empty()) origin = origin.parent_path();
  const std::filesystem::path labels =
      context.corpus.scaled ? std::filesystem::path()
                            : origin.parent_path().parent_path() / "relevance" /
                                  fmt::format("near-duplicates-{}.tsv", origin.filename().string());
  nlohmann::json stories =
      story_quality(DataFolder{data}.archive(), context.settings.work / "bulk.out", labels);
  stories["grouping_ms"] = grouping_ms;
  stories["grouping_us_per_article"] =
      articles > 0 ? grouping_ms * 1000 / static_cast<double>(articles) : 0.0;
  stories["share_of_bulk"] = grouping_ms / 1000 / secs;
  context.say(fmt::format("bulk: grouping {:.0f} µs per article, {:.1f}% of the whole run",
                          stories["grouping_us_per_article"].get<double>(),
                          100 * stories["share_of_bulk"].get<double>()));
  if (stories.contains("pairs")) {
    const auto& p = stories["pairs"];
    context.say(fmt::format("bulk: labelled pairs: {}/{} same joined, {}/{} different joined",
                            p["same_joined"].get<int>(), p["same"].get<int>(),
                            p["different_joined"].get<int>(), p["different"].get<int>()));
  }
  j["stories"] = std::move(stories);
  if (context.populated.empty()) context.populated = data;
  return j;
}

}  // namespace kiosque::bench
