// kiosque timeline QUERY: how many articles match per day, week, month or year.
#include <fmt/format.h>

#include <fstream>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "cli/terminal.h"
#include "cli/timeline.h"

namespace kiosque::tools {

namespace {

struct TimelineOptions {
  QueryOptions query;
  std::string per = "month";
  std::string format = "bars";
  std::string output;  // empty for stdout
};

Result<void> write_out(const std::string& path, const std::string& text) {
  if (path.empty()) {
    fmt::print("{}", text);
    return {};
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return fail(Errc::io_error, fmt::format("cannot write {}", path));
  return {};
}

Result<int> run_timeline(const GlobalOptions& global, const TimelineOptions& options) {
  indexer::SearchRequest request = options.query.joined();
  const Period per = period_named(options.per);
  request.limit = 0;
  request.by = breakdown_for(per);
  auto found = run_query(global.data, request);
  if (!found) return propagate(found);
  const Timeline timeline = make_timeline(*found->breakdown, per);
  std::string text;
  if (options.format == "csv") {
    text = timeline_csv(timeline);
  } else if (options.format == "json") {
    text = timeline_json(timeline, request.query)
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
  } else if (options.format == "svg") {
    text = timeline_svg(timeline, fmt::format("{}: {} matches, per {}", request.query,
                                              timeline.total, period_name(per)));
  } else {
    text = timeline_bars(timeline, terminal_columns());
  }
  if (auto written = write_out(options.output, text); !written) return propagate(written);
  for (const std::string& note : found->notes) fmt::print(stderr, "note: {}\n", note);
  return 0;
}

}  // namespace

void register_timeline(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<TimelineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "Count the articles a query matches per day, week, month or year of their date (the\n"
      "publication date, else the intake day), with the empty periods between: drawn as bars\n"
      "that fit the terminal, or written as CSV, JSON or an SVG chart for a report.\n\n"
      "Examples:\n"
      "  kiosque timeline '\"réforme des retraites\"' --since 2019 --until 2020\n"
      "  kiosque timeline Mali --per year --format svg -o mali.svg\n"
      "  kiosque timeline Goïta --per week --format csv > goita.csv");
  add_query_options(cmd, options->query);
  cmd->add_option("--per", options->per,
                  "day, week (labelled by its Monday), month (default), year")
      ->check(CLI::IsMember({"day", "week", "month", "year"}));
  cmd->add_option(
         "--format", options->format,
         "bars (default), csv, json ({\"schema\", \"query\", \"per\", \"total\",\n"
         "\"imprecise\", \"intake_dated\", \"periods\": [{\"period\", \"count\"}]}) or svg")
      ->check(CLI::IsMember({"bars", "csv", "json", "svg"}));
  cmd->add_option("-o,--output", options->output, "Write to FILE instead of stdout")
      ->type_name("FILE");
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_timeline(global, *options); };
  });
}

}  // namespace kiosque::tools
