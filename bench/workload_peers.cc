// peers: the same corpus, in the same run, indexed by Xapian's omindex, Recoll's recollindex,
// Sphinx's indexer and SQLite's FTS5, each timed as a whole process, with kiosque add timed the
// same way; and the query mix through `quest` on omindex's database beside `kiosque search`, one
// process per run of a query.
#include <fmt/format.h>

#include <algorithm>
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
  const auto run = run_omindex(context.corpus.dir, db, context.settings.work / "omindex.out");
  return process_figures(run, context.corpus, folder_bytes(db));
}

nlohmann::json recollindex(BenchContext& context, const std::filesystem::path& conf) {
  context.say("peers: recollindex (French stemming)");
  const auto run =
      run_recollindex(context.corpus.dir, conf, context.settings.work / "recollindex.out");
  return process_figures(run, context.corpus, folder_bytes(conf / "xapiandb"));
}

// Sphinx takes its documents from a program's output, one per line: this one lists the corpus's
// articles (text and web pages, as kiosque takes them) in a stable order. It runs under the
// indexer, so reading the files is timed with it, as it is for every other tool.
constexpr std::string_view kSphinxFeeder = R"(use strict; use warnings; use File::Find;
my @files;
find({ wanted => sub { push @files, $File::Find::name if -f $_ && /\.(txt|html?)\z/i },
       no_chdir => 1 }, $ARGV[0]);
my $id = 0;
for my $f (sort @files) {
  open(my $fh, '<:raw', $f) or next; local $/; my $t = <$fh>; close $fh;
  $t =~ tr/\t\r\n/   /;
  print ++$id, "\t", $t, "\n";
}
)";

// Sphinx's tables fold nothing by themselves: case and the accents of French letters are folded
// here, as kiosque, Recoll and FTS5 fold them.
std::string sphinx_charset_table() {
  std::string table = "0..9, A..Z->a..z, _, a..z, U+152->U+153, U+153, U+C6->U+E6, U+E6";
  const std::pair<char, std::vector<int>> folds[] = {
      {'a', {0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5}},
      {'c', {0xC7, 0xE7}},
      {'e', {0xC8, 0xC9, 0xCA, 0xCB, 0xE8, 0xE9, 0xEA, 0xEB}},
      {'i', {0xCC, 0xCD, 0xCE, 0xCF, 0xEC, 0xED, 0xEE, 0xEF}},
      {'n', {0xD1, 0xF1}},
      {'o', {0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6}},
      {'u', {0xD9, 0xDA, 0xDB, 0xDC, 0xF9, 0xFA, 0xFB, 0xFC}},
      {'y', {0xDD, 0xFD, 0xFF, 0x178}}};
  for (const auto& [base, codes] : folds) {
    for (const int code : codes) table += fmt::format(", U+{:X}->{}", code, base);
  }
  return table;
}

nlohmann::json sphinx(BenchContext& context, const std::filesystem::path& dir) {
  context.say("peers: Sphinx indexer (libstemmer_fr, accents folded)");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "index");
  std::ofstream(dir / "feed.pl") << kSphinxFeeder;
  std::ofstream(dir / "sphinx.conf")
      << "source corpus\n{\n  type = tsvpipe\n  tsvpipe_command = perl "
      << (dir / "feed.pl").string() << " " << context.corpus.dir.string()
      << "\n  tsvpipe_field = body\n}\n"
      << "index corpus\n{\n  source = corpus\n  path = " << (dir / "index" / "corpus").string()
      << "\n  morphology = libstemmer_fr\n  charset_table = " << sphinx_charset_table()
      << "\n  min_word_len = 1\n  html_strip = 1\n}\n"
      << "indexer\n{\n  mem_limit = 256M\n}\n";
  const auto run =
      run_process({"indexer", "--config", (dir / "sphinx.conf").string(), "--all", "--quiet"},
                  context.settings.work / "sphinx.out");
  return process_figures(run, context.corpus, folder_bytes(dir / "index"));
}

// FTS5 as its users set it up: accents removed, no stemmer, the text stored; a durable write-ahead
// log and a 64 MB page cache (SQLite's default of 2 MB, with its rollback journal, spent 110 s
// of 113 waiting for the disk).
nlohmann::json fts5(BenchContext& context, const std::filesystem::path& dir) {
  context.say("peers: SQLite FTS5 (unicode61, diacritics removed)");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "index.sql")
      << "PRAGMA cache_size = -65536;\nPRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\n"
      << "CREATE VIRTUAL TABLE articles USING fts5(path UNINDEXED, body, "
      << "tokenize = 'unicode61 remove_diacritics 2');\n"
      << "INSERT INTO articles(path, body) SELECT name, CAST(data AS TEXT) FROM fsdir('"
      << context.corpus.dir.string() << "') WHERE (mode & 61440) = 32768 AND "
      << "(name LIKE '%.txt' OR name LIKE '%.html' OR name LIKE '%.htm');\n";
  const auto run = run_process(
      {"sqlite3", (dir / "articles.db").string(), ".read " + (dir / "index.sql").string()},
      context.settings.work / "fts5.out");
  return process_figures(run, context.corpus, folder_bytes(dir));
}

// A process lasts a few milliseconds: one run of each query is at the mercy of whatever else the
// machine did in that instant.
constexpr int kProcessRuns = 7;

// Each query of the mix as one process, kProcessRuns times after one run that warms the page
// cache; the date filter only where the tool has dates. Per query its median; overall, every run.
nlohmann::json query_processes(const std::vector<std::string>& base, bool kiosque) {
  std::vector<double> all;
  nlohmann::json per = nlohmann::json::array();
  for (const BenchQuery& q : query_mix()) {
    if (!kiosque && !q.since.empty()) continue;
    std::vector<std::string> argv = base;
    if (kiosque && !q.since.empty())
      argv.insert(argv.end(), {"--since", q.since, "--until", q.until});
    argv.push_back(q.query);
    int exit_code = run_process(argv, "/dev/null").exit_code;
    std::vector<double> ms;
    for (int i = 0; i < kProcessRuns; ++i) {
      const auto run = run_process(argv, "/dev/null");
      ms.push_back(run.seconds * 1000);
      exit_code = std::max(exit_code, run.exit_code);
    }
    all.insert(all.end(), ms.begin(), ms.end());
    per.push_back({{"name", q.name}, {"ms", summarise(ms).p50}, {"exit", exit_code}});
  }
  return {
      {"queries", per}, {"runs_per_query", kProcessRuns}, {"latency_ms", to_json(summarise(all))}};
}

}  // namespace

ProcessRun run_omindex(const std::filesystem::path& files, const std::filesystem::path& db,
                       const std::filesystem::path& output) {
  std::filesystem::remove_all(db);
  return run_process(
      {"omindex", "--db", db.string(), "--url", "/", "--stemmer=french", files.string()}, output);
}

ProcessRun run_recollindex(const std::filesystem::path& files, const std::filesystem::path& conf,
                           const std::filesystem::path& output) {
  std::filesystem::remove_all(conf);
  std::filesystem::create_directories(conf);
  std::ofstream(conf / "recoll.conf") << "topdirs = " << files.string() << "\n"
                                      << "indexstemminglanguages = french\n"
                                      << "loglevel = 1\n";
  return run_process({"recollindex", "-c", conf.string(), "-z"}, output);
}

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
  const auto peer = [&](const char* key, bool available, const char* program, auto index) {
    if (!available) {
      j[key] = {
          {"skipped", fmt::format("{} is not installed (tools/install-deps.sh --bench)", program)}};
      return false;
    }
    j[key] = index();
    j[key]["kiosque_over_peer"] = ratios(j[key]);
    return true;
  };
  if (peer("omindex", program_available("omindex"), "omindex",
           [&] { return omindex(context, root / "omega"); }) &&
      program_available("quest")) {
    j["omindex"]["quest"] =
        query_processes({"quest", "-d", (root / "omega").string(), "-s", "french", "-o", "and",
                         "-f", "default,wildcard", "-m", "10"},
                        false);
  }
  peer("recollindex", program_available("recollindex"), "recollindex",
       [&] { return recollindex(context, root / "recoll"); });
  peer("sphinx", program_available("indexer") && program_available("perl"), "Sphinx's indexer",
       [&] { return sphinx(context, root / "sphinx"); });
  peer("fts5", program_available("sqlite3"), "sqlite3",
       [&] { return fts5(context, root / "fts5"); });
  return j;
}

}  // namespace kiosque::bench
