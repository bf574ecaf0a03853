// morphology: the morphology evaluation (morphology_cases.h) over the corpus's first articles,
// through kiosque and, on the same files, omindex (`quest -s french`) and Recoll (`recollq -s
// french`: without it recollq expands no stem), each as its users set it up for French.
#include <fmt/format.h>

#include <fstream>
#include <map>

#include "morphology_cases.h"
#include "workloads.h"

namespace kiosque::bench {

namespace {

constexpr std::size_t kMorphologyFiles = 1500;

// The files a peer's output names (by a path relative to the sample, or a URL ending in one), in
// its order, mapped to their place in the sample.
std::vector<std::size_t> files_named(const std::filesystem::path& output,
                                     const std::map<std::string, std::size_t>& place_of,
                                     std::string_view marker) {
  std::vector<std::size_t> out;
  std::ifstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(marker)) continue;
    const std::string name = std::filesystem::path(line).filename().string();
    if (const auto at = place_of.find(name); at != place_of.end()) out.push_back(at->second);
  }
  return out;
}

// A peer's search as one process per query, its output read back.
FileSearch peer_search(const std::filesystem::path& scratch, std::vector<std::string> argv_base,
                       std::string limit_option, std::string marker,
                       std::map<std::string, std::size_t> place_of) {
  return [=](const std::string& query, std::size_t limit) -> Result<std::vector<std::size_t>> {
    std::vector<std::string> argv = argv_base;
    argv.push_back(limit_option);
    argv.push_back(limit_option == "-n" ? fmt::format("0-{}", limit) : std::to_string(limit));
    argv.push_back(query);
    const auto output = scratch / "query.out";
    std::filesystem::remove(output);
    const auto run = run_process(argv, output);
    if (run.exit_code != 0)
      return fail(Errc::internal, fmt::format("{} exited with {}", argv[0], run.exit_code));
    return files_named(output, place_of, marker);
  };
}

}  // namespace

nlohmann::json run_morphology(BenchContext& context) {
  const auto root = context.settings.work / "morphology";
  const auto sample_dir = root / "corpus";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(sample_dir);
  auto all = list_articles(context.corpus.dir);
  if (all.size() > kMorphologyFiles) all.resize(kMorphologyFiles);
  std::vector<std::filesystem::path> files;
  std::map<std::string, std::size_t> place_of;
  for (const auto& path : all) {
    // Flat, under names unique in the sample, so every tool names a file the same way.
    const std::string name = fmt::format("{:05}-{}", files.size(), path.filename().string());
    std::filesystem::copy_file(path, sample_dir / name);
    place_of[name] = files.size();
    files.push_back(sample_dir / name);
  }
  context.say(fmt::format("morphology: cases over {} articles", files.size()));
  const auto cases = morphology_cases(files);
  nlohmann::json j{{"articles", files.size()},
                   {"family_cases", cases.families.size()},
                   {"known_item_cases", cases.known_items.size()}};

  context.say("morphology: kiosque");
  const auto kiosque = checked(kiosque_file_search(files, root / "kiosque"), "kiosque index");
  const auto kiosque_score =
      checked(score_morphology(cases, files.size(), kiosque), "kiosque search");
  j["kiosque"] = kiosque_score.to_json();

  const auto versus = [&](const char* key, const MorphologyScore& peer) {
    j[key] = peer.to_json();
    j[key]["kiosque_minus_peer"] = {
        {"recall", kiosque_score.all.recall() - peer.all.recall()},
        {"verbs_recall", kiosque_score.verbs.recall() - peer.verbs.recall()},
        {"outside_family", kiosque_score.all.outside_share() - peer.all.outside_share()},
        {"mrr_at_10", kiosque_score.mrr - peer.mrr}};
  };
  if (program_available("omindex") && program_available("quest")) {
    context.say("morphology: omindex --stemmer=french, quest -s french");
    const auto db = root / "omega";
    run_omindex(sample_dir, db, root / "omindex.out");
    const auto quest = peer_search(root, {"quest", "-d", db.string(), "-s", "french", "-o", "and"},
                                   "-m", "url=", place_of);
    versus("omindex", checked(score_morphology(cases, files.size(), quest), "quest"));
  } else {
    j["omindex"] = {{"skipped", "omindex is not installed (tools/install-deps.sh --bench)"}};
  }
  if (program_available("recollindex") && program_available("recollq")) {
    context.say("morphology: recollindex (French stemming), recollq");
    const auto conf = root / "recoll";
    run_recollindex(sample_dir, conf, root / "recollindex.out");
    const auto recollq = peer_search(root, {"recollq", "-c", conf.string(), "-s", "french", "-b"},
                                     "-n", "file://", place_of);
    versus("recoll", checked(score_morphology(cases, files.size(), recollq), "recollq"));
  } else {
    j["recoll"] = {{"skipped", "recollindex is not installed (tools/install-deps.sh --bench)"}};
  }
  context.say("morphology: kiosque\n" + kiosque_score.report());
  return j;
}

}  // namespace kiosque::bench
