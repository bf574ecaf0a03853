// kiosque completion bash, kiosque manpage: documents made from the command line itself.
#include <fmt/format.h>

#include "cli/cli_docs.h"
#include "cli/commands.h"

namespace kiosque::tools {

void register_docs(CLI::App& app, const GlobalOptions&, Action& action) {
  auto shell = std::make_shared<std::string>("bash");
  CLI::App* completion =
      app.add_subcommand("completion",
                         "Write a shell completion script for kiosque's commands and options.\n\n"
                         "Examples:\n"
                         "  kiosque completion bash > /etc/bash_completion.d/kiosque\n"
                         "  source <(kiosque completion bash)");
  completion->add_option("shell", *shell, "The shell: bash")
      ->check(CLI::IsMember({"bash"}))
      ->type_name("SHELL");
  // The callback keeps `shell`, which the option writes to, alive as long as the app.
  completion->callback([&app, &action, shell] {
    action = [&app]() -> Result<int> {
      fmt::print("{}", bash_completion(app));
      return 0;
    };
  });
  CLI::App* manpage =
      app.add_subcommand("manpage",
                         "Write the man page kiosque(1), made from every command's help.\n\n"
                         "Examples:\n"
                         "  kiosque manpage > /usr/local/share/man/man1/kiosque.1\n"
                         "  kiosque manpage | man -l -");
  manpage->callback([&app, &action] {
    action = [&app]() -> Result<int> {
      fmt::print("{}", man_page(app, app.version()));
      return 0;
    };
  });
}

}  // namespace kiosque::tools
