// Documents made from the command line's own definition (the CLI11 app every command registers
// on), so that they never drift from --help: a bash completion script and a man page.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace kiosque::tools {

// A bash script defining completion for `kiosque`: commands, their subcommands and options, and
// file names where a command takes paths.
std::string bash_completion(const CLI::App& app);

// The man page kiosque(1) in roff: every command with its description and options.
std::string man_page(const CLI::App& app, std::string_view version);

}  // namespace kiosque::tools
