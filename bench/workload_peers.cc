// peers: the same corpus, in the same run, indexed by Xapian's omindex and Recoll's
// recollindex, each timed as a whole process, with kiosque add timed the same way; and the query
// mix through `quest` on omindex's database beside `kiosque search`, one process per query.
#include <fmt/format.h>

#include <fstream>

#include "kiosque/base/folder_bytes.h"
#include "sample_stats.h"
#include "workloads.h"

namespace kiosque::bench {

using base::folder_bytes;

namespace {

nlohmann::json process_figures(const ProcessRun& run, const CorpusInfo& corpus,
                               std::uint64_t disk_bytes) {
  return {{"exit", run.exit_code},
          {"seconds", run.seconds},
          {"docs_per_s", static_cast<double>(corpus.files) / run.seconds},
          {"mb_per_s", static_cast<double>(corpus.bytes) / run.seconds / 1e6},
          {"disk_bytes", disk_bytes},
          {"peak_rss_bytes", run.peak_rss_bytes}};
}

nlohmann::json omindex(BenchContext& context, const std::filesystem::path& db) {
  context.say("peers: omindex --stemmer=french");
  std::filesystem::remove_all(db);
  const auto run = run_process({"omindex", "--db", db.string(), "--url", "/", "--stemmer=french",
                                context.corpus.dir.string()},
                               context.settings.work / "omindex.out");
  return process_figures(run, context.corpus, folder_bytes(db));
}

nlohmann::json recollindex(BenchContext& context, const std::filesystem::path& conf) {
  context.say("peers: recollindex (French stemming)");
  std::filesystem::remove_all(conf);
  std::filesystem::create_directories(conf);
  std::ofstream(conf / "recoll.conf") << "topdirs = " << context.corpus.dir.string() << "\n"
                                      << "indexstemminglanguages = french\n"
                                      << "loglevel = 1\n";
  const auto run = run_process({"recollindex", "-c", conf.string(), "-z"},
                               context.settings.work / "recollindex.out");
  return process_figures(run, context.corpus, folder_bytes(conf / "xapiandb"));
}

// Each query of the mix as one process; the date filter only where the tool has dates.
nlohmann::json query_processes(const std::vector<std::string>& base, bool kiosque) {
  std::vector<double> ms;
  nlohmann::json per = nlohmann::json::array();
  for (const BenchQuery& q : query_mix()) {
    if (!kiosque && !q.since.empty()) continue;
    std::vector<std::string> argv = base;
    if (kiosque && !q.since.empty())
      argv.insert(argv.end(), {"--since", q.since, "--until", q.until});
    argv.push_back(q.query);
    const auto run = run_process(argv, "/dev/null");
    ms.push_back(run.seconds * 1000);
    per.push_back({{"name", q.name}, {"ms", ms.back()}, {"exit", run.exit_code}});
  }
  return {{"queries", per}, {"latency_ms", to_json(summarise(ms))}};
}

}  // namespace

nlohmann::json run_peers(BenchContext& context) {
  const auto& s = context.settings;
  const auto root = s.work / "peers";
  std::filesystem::create_directories(root);
  nlohmann::json j;

  context.say("peers: kiosque add");
  const AddRun add = add_corpus(context, root / "kiosque", "peers-kiosque");
  const DataFolder kiosque{root / "kiosque"};
  const std::uint64_t kiosque_disk =
      folder_bytes(kiosque.archive()) + folder_bytes(kiosque.index());
  j["kiosque"] = process_figures(add.process, context.corpus, kiosque_disk);
  j["kiosque"]["index_bytes"] = folder_bytes(kiosque.index());
  j["kiosque"]["archive_bytes"] = folder_bytes(kiosque.archive());
  j["kiosque"]["queries"] = query_processes(
      {s.kiosque.string(), "--data", (root / "kiosque").string(), "search", "--json"}, true);

  const auto ratios = [&](const nlohmann::json& peer) {
    return nlohmann::json{
        {"docs_per_s", j["kiosque"]["docs_per_s"].get<double>() / peer["docs_per_s"].get<double>()},
        {"disk",
         static_cast<double>(kiosque_disk) / std::max(1.0, peer["disk_bytes"].get<double>())},
        {"peak_memory", j["kiosque"]["peak_rss_bytes"].get<double>() /
                            std::max(1.0, peer["peak_rss_bytes"].get<double>())}};
  };
  if (program_available("omindex")) {
    j["omindex"] = omindex(context, root / "omega");
    j["omindex"]["kiosque_over_peer"] = ratios(j["omindex"]);
    if (program_available("quest")) {
      j["omindex"]["quest"] =
          query_processes({"quest", "-d", (root / "omega").string(), "-s", "french", "-o", "and",
                           "-f", "default,wildcard", "-m", "10"},
                          false);
    }
  } else {
    j["omindex"] = {{"skipped", "omindex is not installed (tools/install-deps.sh --bench)"}};
  }
  if (program_available("recollindex")) {
    j["recollindex"] = recollindex(context, root / "recoll");
    j["recollindex"]["kiosque_over_peer"] = ratios(j["recollindex"]);
  } else {
    j["recollindex"] = {
        {"skipped", "recollindex is not installed (tools/install-deps.sh --bench)"}};
  }
  return j;
}

}  // namespace kiosque::bench
