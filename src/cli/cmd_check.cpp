// kindly check [FILE|-] — placeholder until the check command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/services.h"
#include "core/error.h"

namespace kindly::cli {

void setup_check(CLI::App& app, Services& s) {
  auto* cmd = app.add_subcommand("check", "Check a draft before it goes out.");
  cmd->callback([&s] {
    (void)s;
    throw Error(ErrorKind::internal, "kindly check is not built yet", "");
  });
}

}  // namespace kindly::cli
