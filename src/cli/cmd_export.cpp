// kindly export (placeholder until the import/export work lands)
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/error.h"

namespace kindly::cli {

void setup_export(CLI::App& app, Services&) {
  auto* cmd = app.add_subcommand("export", "export data.");
  cmd->allow_extras();
  cmd->callback([] { throw_usage("export is not ready yet"); });
}

}  // namespace kindly::cli
