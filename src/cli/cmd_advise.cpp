// placeholder
#include <CLI/CLI.hpp>
#include "cli/commands.h"
#include "cli/services.h"
namespace kindly::cli {
void setup_advise(CLI::App& app, Services&) { app.add_subcommand("advise", "(not built yet)"); }
}  // namespace kindly::cli
