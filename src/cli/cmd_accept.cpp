// placeholder
#include <CLI/CLI.hpp>
#include "cli/commands.h"
#include "cli/services.h"
namespace kindly::cli {
void setup_accept(CLI::App& app, Services&) { app.add_subcommand("accept", "(not built yet)"); }
}  // namespace kindly::cli
