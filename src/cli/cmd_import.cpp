// kindly import (placeholder until the import/export work lands)
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/error.h"

namespace kindly::cli {

void setup_import(CLI::App& app, Services&) {
  auto* cmd = app.add_subcommand("import", "import data.");
  cmd->allow_extras();
  cmd->callback([] { throw_usage("import is not ready yet"); });
}

}  // namespace kindly::cli
