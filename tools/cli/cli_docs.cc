#include "cli/cli_docs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

namespace kiosque::tools {

namespace {

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

// The option names a command takes, long and short, with --help.
std::vector<std::string> option_words(const CLI::App& app) {
  std::vector<std::string> words;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) words.push_back("--" + name);
    for (const std::string& name : option->get_snames()) words.push_back("-" + name);
  }
  return words;
}

// The options that take a value, whose next word is that value and not a command.
std::vector<std::string> value_options(const CLI::App& app) {
  std::vector<std::string> words;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_items_expected_max() == 0 || !option->nonpositional()) continue;
    for (const std::string& name : option->get_lnames()) words.push_back("--" + name);
    for (const std::string& name : option->get_snames()) words.push_back("-" + name);
  }
  return words;
}

std::string roff_escaped(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// An option as a man page shows it: "\fB\-n\fR, \fB\-\-limit\fR \fIUINT\fR".
std::string roff_option(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.get_snames()) names.push_back("\\fB\\-" + name + "\\fR");
  for (const std::string& name : option.get_lnames())
    names.push_back("\\fB\\-\\-" + roff_escaped(name) + "\\fR");
  std::string out = fmt::format("{}", fmt::join(names, ", "));
  if (!option.nonpositional()) out = "\\fI" + roff_escaped(option.get_name()) + "\\fR";
  if (option.get_items_expected_max() > 0 && option.nonpositional() &&
      !option.get_type_name().empty()) {
    out += " \\fI" + roff_escaped(option.get_type_name()) + "\\fR";
  }
  return out;
}

void man_command(std::string& out, const CLI::App& command, const std::string& path) {
  out += fmt::format(".SS \"kiosque {}\"\n", path);
  out += roff_escaped(command.get_description()) + "\n";
  for (const CLI::Option* option : command.get_options()) {
    out += ".TP\n" + roff_option(*option) + "\n" + roff_escaped(option->get_description()) + "\n";
  }
  for (const CLI::App* sub : subcommands_of(command)) {
    man_command(out, *sub, path + " " + sub->get_name());
  }
}

}  // namespace

std::string bash_completion(const CLI::App& app) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : subcommands_of(app)) commands.push_back(sub->get_name());
  commands.push_back("help");
  std::string cases;
  for (const CLI::App* sub : subcommands_of(app)) {
    std::vector<std::string> words = option_words(*sub);
    std::string nested;
    for (const CLI::App* inner : subcommands_of(*sub)) {
      words.push_back(inner->get_name());
      nested += fmt::format("        {}) words=\"{}\" ;;\n", inner->get_name(),
                            fmt::join(option_words(*inner), " "));
    }
    cases += fmt::format("    {})\n      words=\"{}\"\n", sub->get_name(), fmt::join(words, " "));
    if (!nested.empty()) {
      cases += fmt::format("      case \"$sub\" in\n{}      esac\n", nested);
    }
    cases += "      ;;\n";
  }
  return fmt::format(
      R"(# bash completion for kiosque, made by `kiosque completion bash` from its own options.
# Install: kiosque completion bash > /etc/bash_completion.d/kiosque (or source it from ~/.bashrc).
_kiosque() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  local cmd="" sub="" words i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in
      {value_options}) ((i++)) ;;
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="${{COMP_WORDS[i]}}"; elif [[ -z "$sub" ]]; then sub="${{COMP_WORDS[i]}}"; fi ;;
    esac
  done
  case "$prev" in
    --data|--manifest|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$cmd" in
    "") words="{commands} {global}" ;;
{cases}    help) words="{commands}" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  if [[ "$cur" != -* ]]; then
    case "$cmd" in
      add|backup) COMPREPLY+=($(compgen -f -- "$cur")) ;;
    esac
  fi
}}
complete -o filenames -o default -F _kiosque kiosque
)",
      fmt::arg("value_options", fmt::join(value_options(app), "|")),
      fmt::arg("commands", fmt::join(commands, " ")),
      fmt::arg("global", fmt::join(option_words(app), " ")), fmt::arg("cases", cases));
}

std::string man_page(const CLI::App& app, std::string_view version) {
  std::string out = fmt::format(
      ".TH KIOSQUE 1 \"\" \"{}\" \"User Commands\"\n"
      ".SH NAME\n"
      "kiosque \\- an embedded archive of French news articles with full\\-text search\n"
      ".SH SYNOPSIS\n"
      ".B kiosque\n"
      "[\\fB\\-\\-data\\fR \\fIDIR\\fR] [\\fB\\-\\-color\\fR \\fIWHEN\\fR] \\fICOMMAND\\fR "
      "[\\fIOPTIONS\\fR]\n"
      ".SH DESCRIPTION\n"
      "{}\n"
      ".SH OPTIONS\n",
      roff_escaped(version), roff_escaped(app.get_description()));
  for (const CLI::Option* option : app.get_options()) {
    out += ".TP\n" + roff_option(*option) + "\n" + roff_escaped(option->get_description()) + "\n";
  }
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : subcommands_of(app)) man_command(out, *sub, sub->get_name());
  out +=
      ".SH ENVIRONMENT\n"
      ".TP\n.B KIOSQUE_DATA\nThe data folder when \\fB\\-\\-data\\fR is not given.\n"
      ".TP\n.B NO_COLOR\nWhen set, matches are not bold (as with \\fB\\-\\-color never\\fR).\n"
      ".SH EXIT STATUS\n"
      "0 done; 1 done, but some input was refused or some articles are set aside; 2 bad usage "
      "or argument; 3 not found (or an ambiguous id prefix); 4 busy: another kiosque process "
      "writes the data folder; 5 damaged or incompatible data; 6 an I/O error or a full disk; "
      "10 an internal error.\n"
      ".SH SEE ALSO\n"
      "The README and ARCHITECTURE.md of kiosque's source.\n";
  return out;
}

}  // namespace kiosque::tools
