// kiosque show ID...: articles, their metadata and text (also as a press review's Markdown), or
// the exact bytes of a raw version.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/terminal.h"
#include "folder/read_snapshot.h"
#include "kiosque/base/printable.h"

namespace kiosque::tools {

namespace {

// The names of the fields a given metadata entry sets, as `show` prints them.
std::vector<std::string> given_fields(const archive::GivenMetadata& g) {
  std::vector<std::string> names;
  const std::pair<bool, const char*> fields[] = {{!g.title.empty(), "title"},
                                                 {g.date.has_value(), "date"},
                                                 {!g.source.empty(), "source"},
                                                 {!g.meta.authors.empty(), "authors"},
                                                 {!g.meta.section.empty(), "section"},
                                                 {!g.meta.tags.empty(), "tags"},
                                                 {!g.meta.url.empty(), "url"},
                                                 {!g.meta.language.empty(), "language"},
                                                 {!g.meta.standfirst.empty(), "standfirst"},
                                                 {g.meta.modified.has_value(), "modified"}};
  for (const auto& [set, name] : fields) {
    if (set) names.emplace_back(name);
  }
  return names;
}

struct ShowOptions {
  std::vector<std::string> ids;
  bool raw = false;
  bool json = false;  // --json, the same as --format json
  std::string format = "text";
  std::size_t version = 0;
};

constexpr std::array<std::string_view, 12> kFrenchMonths{
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

// "10 septembre 2023", "septembre 2023", "2023": as a French press review writes a date.
std::string french_date(const archive::ArticleDate& d) {
  const std::string year = std::to_string(d.year);
  if (d.month < 1 || d.month > 12) return year;
  const std::string month = fmt::format("{} {}", kFrenchMonths[d.month - 1], year);
  if (d.day == 0) return month;
  return fmt::format("{}{} {}", d.day, d.day == 1 ? "er" : "", month);
}

// One article as a press review's block: its title, who and when, its link, its text.
std::string markdown_of(const archive::Article& a) {
  const auto& c = a.content;
  std::string out = fmt::format("## {}\n\n", c.title.empty() ? headline(a, 90) : c.title);
  std::vector<std::string> byline;
  if (!c.source.empty()) byline.push_back(c.source);
  if (!c.meta.authors.empty()) byline.push_back(fmt::format("{}", fmt::join(c.meta.authors, ", ")));
  const archive::FiledDate filed = archive::filed_date(a);
  byline.push_back(filed.kind == archive::FiledDate::Kind::published
                       ? french_date(filed.date)
                       : fmt::format("non daté, reçu le {}", french_date(filed.date)));
  out += fmt::format("*{}*", fmt::join(byline, " — "));
  if (!c.meta.url.empty()) out += fmt::format(" · <{}>", c.meta.url);
  // The normalised text starts with its title line: the heading already says it.
  std::string_view text = c.text;
  if (!c.title.empty() && text.starts_with(c.title)) {
    text.remove_prefix(c.title.size());
    while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  }
  out += fmt::format("\n\n{}\n", text);
  return out;
}

nlohmann::json show_json(const archive::Article& article,
                         const std::vector<archive::RawVersionInfo>& raws) {
  nlohmann::json j = article_json(article);
  j["text"] = article.content.text;
  j["raw_versions"] = nlohmann::json::array();
  for (const auto& r : raws) {
    j["raw_versions"].push_back({{"id", r.id.hex()},
                                 {"encoding", r.encoding},
                                 {"bytes", r.size},
                                 {"path", r.provenance.path},
                                 {"added_at", iso_time(r.provenance.time_ms)}});
  }
  j["given"] = nlohmann::json::array();
  for (const archive::GivenMetadata& g : article.given) {
    j["given"].push_back({{"from", g.provenance.path},
                          {"at", iso_time(g.provenance.time_ms)},
                          {"fields", given_fields(g)}});
  }
  return j;
}

void print_text(const archive::Article& article, const std::vector<archive::RawVersionInfo>& raws) {
  const auto& c = article.content;
  fmt::print("article  {}\n", article.id.hex());
  if (!c.title.empty()) fmt::print("title    {}\n", c.title);
  if (c.date) {
    fmt::print("date     {}\n", c.date->to_string());
  } else {
    fmt::print("date     none stated; filed under its intake day {}\n",
               archive::filed_date(article).date.to_string());
  }
  if (!c.source.empty()) fmt::print("source   {}\n", c.source);
  if (!c.credit.empty()) fmt::print("credit   {}\n", c.credit);
  if (!c.meta.authors.empty()) fmt::print("authors  {}\n", fmt::join(c.meta.authors, ", "));
  if (!c.meta.section.empty()) fmt::print("section  {}\n", c.meta.section);
  if (!c.meta.tags.empty()) fmt::print("tags     {}\n", fmt::join(c.meta.tags, ", "));
  if (!c.meta.url.empty()) fmt::print("url      {}\n", c.meta.url);
  if (c.meta.modified) fmt::print("modified {}\n", c.meta.modified->to_string());
  if (!c.meta.language.empty()) fmt::print("language {}\n", c.meta.language);
  fmt::print("added    {} (log #{})\n", iso_time(article.added_at_ms), article.seq);
  for (const auto& r : raws) {
    fmt::print("raw      {}  {} bytes  {}  from {}\n", r.id.hex(), r.size, r.encoding,
               base::printable_name(r.provenance.path));
  }
  for (const archive::GivenMetadata& g : article.given) {
    fmt::print("given    {} from {} at {}\n", fmt::join(given_fields(g), ", "),
               base::printable_name(g.provenance.path), iso_time(g.provenance.time_ms));
  }
  fmt::print("\n{}\n", c.text);
}

Result<int> run_show(const GlobalOptions& global, const ShowOptions& options) {
  if (options.raw && options.ids.size() != 1) {
    return fail(Errc::invalid_argument, "--raw writes one article's bytes: give one id");
  }
  const std::string format = options.json ? std::string("json") : options.format;
  // The archive alone: nothing here can meet a newer index, so the step runs once and prints as it
  // goes. Every id is resolved first, so that a mistyped one prints nothing.
  auto read = read_snapshot(
      resolve_data_folder(global.data), IndexNeed::none,
      [&](const ReaderSnapshot& snapshot) -> Result<void> {
        std::vector<archive::Article> articles;
        for (const std::string& given : options.ids) {
          auto id = snapshot.archive().resolve(given);
          if (!id) return propagate(id);
          auto article = snapshot.archive().get(*id);
          if (!article) return propagate(article);
          articles.push_back(std::move(*article));
        }
        if (options.raw) {
          const archive::Article& article = articles.front();
          if (options.version >= article.raw_versions.size()) {
            return fail(Errc::invalid_argument,
                        fmt::format("article {} has {} raw version(s); --version counts from 0",
                                    article.id.hex(), article.raw_versions.size()));
          }
          auto bytes = snapshot.archive().raw_bytes(article.raw_versions[options.version]);
          if (!bytes) return propagate(bytes);
          if (std::fwrite(bytes->data(), 1, bytes->size(), stdout) != bytes->size() ||
              std::fflush(stdout) != 0) {
            return fail(Errc::io_error, "cannot write the raw bytes to standard output");
          }
          return {};
        }
        for (std::size_t i = 0; i < articles.size(); ++i) {
          const archive::Article& article = articles[i];
          std::vector<archive::RawVersionInfo> raws;
          for (const archive::RawId& raw : article.raw_versions) {
            auto info = snapshot.archive().raw_info(raw);
            if (!info) return propagate(info);
            raws.push_back(std::move(*info));
          }
          if (format == "json") {
            print_json(show_json(article, raws));
          } else if (format == "markdown") {
            fmt::print("{}{}", i > 0 ? "\n---\n\n" : "", markdown_of(article));
          } else {
            fmt::print("{}", i > 0 ? "\n" : "");
            print_text(article, raws);
          }
        }
        return {};
      });
  if (!read) return propagate(read);
  return 0;
}

}  // namespace

void register_show(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Show articles: metadata and normalised text. A unique prefix of an id is enough (an\n"
      "ambiguous one lists its candidates).\n\n"
      "Examples:\n"
      "  kiosque show 796dec28\n"
      "  kiosque show --format markdown 796dec28 5855b737 > revue.md\n"
      "  kiosque show --raw 796dec28 > original.txt");
  cmd->add_option("id", options->ids, "Article ids, or unique prefixes of them (4+ hex digits)")
      ->required()
      ->type_name("ID...");
  cmd->add_flag("--raw", options->raw,
                "Write the exact bytes of the original file instead (one id)");
  cmd->add_option("--version", options->version,
                  "With --raw: which raw version, 0 = the first taken in (default 0)");
  cmd->add_option("--format", options->format,
                  "text (default), json (one object per line, one line per id) or\n"
                  "markdown (a press review's block: title, source, date in French, link, text)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--json", options->json, "The same as --format json");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_show(global, *options); };
  });
}

}  // namespace kiosque::tools
