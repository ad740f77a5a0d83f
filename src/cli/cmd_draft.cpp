// placeholder
#include <CLI/CLI.hpp>
#include "cli/commands.h"
#include "cli/services.h"
namespace kindly::cli {
void setup_draft(CLI::App& app, Services&) { app.add_subcommand("draft", "(not built yet)"); }
void setup_drafts(CLI::App& app, Services&) { app.add_subcommand("drafts", "(not built yet)"); }
void setup_sent(CLI::App& app, Services&) { app.add_subcommand("sent", "(not built yet)"); }
}  // namespace kindly::cli
