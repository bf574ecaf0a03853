// kiosque show ID: one article, its metadata and text, or the exact bytes of a raw version.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/article_json.h"
#include "cli/commands.h"
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
  std::string id;
  bool raw = false;
  bool json = false;
  std::size_t version = 0;
};

Result<int> run_show(const GlobalOptions& global, const ShowOptions& options) {
  // The archive alone: nothing here can meet a newer index, so the step runs once and prints as it
  // goes.
  auto read = read_snapshot(
      resolve_data_folder(global.data), IndexNeed::none,
      [&](const ReaderSnapshot& snapshot) -> Result<void> {
        auto id = snapshot.archive().resolve(options.id);
        if (!id) return propagate(id);
        auto article = snapshot.archive().get(*id);
        if (!article) return propagate(article);

        if (options.version >= article->raw_versions.size()) {
          return fail(Errc::invalid_argument,
                      fmt::format("article {} has {} raw version(s); --version counts from 0",
                                  id->hex(), article->raw_versions.size()));
        }
        if (options.raw) {
          auto bytes = snapshot.archive().raw_bytes(article->raw_versions[options.version]);
          if (!bytes) return propagate(bytes);
          if (std::fwrite(bytes->data(), 1, bytes->size(), stdout) != bytes->size() ||
              std::fflush(stdout) != 0) {
            return fail(Errc::io_error, "cannot write the raw bytes to standard output");
          }
          return {};
        }

        std::vector<archive::RawVersionInfo> raws;
        for (const archive::RawId& raw : article->raw_versions) {
          auto info = snapshot.archive().raw_info(raw);
          if (!info) return propagate(info);
          raws.push_back(std::move(*info));
        }
        if (options.json) {
          nlohmann::json j = article_json(*article);
          j["text"] = article->content.text;
          j["raw_versions"] = nlohmann::json::array();
          for (const auto& r : raws) {
            j["raw_versions"].push_back({{"id", r.id.hex()},
                                         {"encoding", r.encoding},
                                         {"bytes", r.size},
                                         {"path", r.provenance.path},
                                         {"added_at", iso_time(r.provenance.time_ms)}});
          }
          j["given"] = nlohmann::json::array();
          for (const archive::GivenMetadata& g : article->given) {
            j["given"].push_back({{"from", g.provenance.path},
                                  {"at", iso_time(g.provenance.time_ms)},
                                  {"fields", given_fields(g)}});
          }
          fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
          return {};
        }
        const auto& c = article->content;
        fmt::print("article  {}\n", id->hex());
        if (!c.title.empty()) fmt::print("title    {}\n", c.title);
        if (c.date) {
          fmt::print("date     {}\n", c.date->to_string());
        } else {
          fmt::print("date     none stated; filed under its intake day {}\n",
                     archive::filed_date(*article).date.to_string());
        }
        if (!c.source.empty()) fmt::print("source   {}\n", c.source);
        if (!c.credit.empty()) fmt::print("credit   {}\n", c.credit);
        if (!c.meta.authors.empty()) fmt::print("authors  {}\n", fmt::join(c.meta.authors, ", "));
        if (!c.meta.section.empty()) fmt::print("section  {}\n", c.meta.section);
        if (!c.meta.tags.empty()) fmt::print("tags     {}\n", fmt::join(c.meta.tags, ", "));
        if (!c.meta.url.empty()) fmt::print("url      {}\n", c.meta.url);
        if (c.meta.modified) fmt::print("modified {}\n", c.meta.modified->to_string());
        if (!c.meta.language.empty()) fmt::print("language {}\n", c.meta.language);
        fmt::print("added    {} (log #{})\n", iso_time(article->added_at_ms), article->seq);
        for (const auto& r : raws) {
          fmt::print("raw      {}  {} bytes  {}  from {}\n", r.id.hex(), r.size, r.encoding,
                     base::printable_name(r.provenance.path));
        }
        for (const archive::GivenMetadata& g : article->given) {
          fmt::print("given    {} from {} at {}\n", fmt::join(given_fields(g), ", "),
                     base::printable_name(g.provenance.path), iso_time(g.provenance.time_ms));
        }
        fmt::print("\n{}\n", c.text);
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
      "Show one article: metadata and normalised text. A unique prefix of the id is enough.");
  cmd->add_option("id", options->id, "The article id, or a unique prefix of it (4+ hex digits)")
      ->required()
      ->type_name("ID");
  cmd->add_flag("--raw", options->raw, "Write the exact bytes of the original file instead");
  cmd->add_option("--version", options->version,
                  "With --raw: which raw version, 0 = the first taken in (default 0)");
  cmd->add_flag("--json", options->json, "Write the record as JSON");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_show(global, *options); };
  });
}

}  // namespace kiosque::tools
