// kindly rm ID [--yes]
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"

namespace kindly::cli {

namespace {

struct RmOptions {
  std::string id;
  bool yes = false;
};

void run_rm(const RmOptions& opts, Services& s) {
  Context& ctx = s.context();
  Opportunity o = load(ctx, opts.id);
  if (!opts.yes) {
    if (!s.interactive) {
      throw_usage("will not delete " + o.id + " without confirmation (there is no terminal to ask on)",
                  "to delete it: kindly rm " + o.id + " --yes; to keep it out of sight instead: kindly archive " +
                      o.id);
    }
    auto contacts = ctx.store.contacts(o.id).size();
    s.output.err << "delete " << o.id << " (" << title_of(o) << ")"
                 << (contacts == 1 ? " and its contact"
                     : contacts > 1 ? " and its " + std::to_string(contacts) + " contacts"
                                    : "")
                 << " for good? The log keeps a line. [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      s.output.err << "kindly: nothing deleted\n";
      return;
    }
  }
  std::string id = remove_opportunity(ctx, o.id);
  if (s.output.json) {
    s.output.print_json({{"removed", id}});
    return;
  }
  s.output.out << "removed " << id << "\n";
}

}  // namespace

void setup_rm(CLI::App& app, Services& s) {
  auto opts = std::make_shared<RmOptions>();
  auto* cmd = app.add_subcommand("rm", "Delete an opportunity for good.");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->add_flag("--yes,-y", opts->yes, "delete without asking (needed when kindly cannot ask, as in scripts)");
  cmd->footer(R"(Deleting removes the opportunity and its contacts and cannot be undone; the log keeps its
lines and one saying it was removed. To keep it but out of sight, use 'kindly archive ID'.

Examples:
  kindly rm initech-analyst
  kindly rm initech-analyst --yes)");
  cmd->callback([opts, &s] { run_rm(*opts, s); });
}

}  // namespace kindly::cli
