// kindly move ID STAGE [--at TIME]  and  kindly archive ID
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"

namespace kindly::cli {

namespace {

struct MoveOptions {
  std::string id;
  std::string stage;
  std::string at;
};

void run_move(const MoveOptions& opts, Services& s) {
  Context& ctx = s.context();
  auto r = move_opportunity(ctx, opts.id, opts.stage, opts.at);
  if (s.output.json) {
    Json j;
    j["opportunity"] = to_json(r.opportunity);
    j["from"] = std::string(to_string(r.from));
    j["to"] = std::string(to_string(r.to));
    s.output.print_json(j);
    return;
  }
  s.output.out << r.opportunity.id << ": " << to_string(r.from) << " → " << to_string(r.to) << "\n";
}

std::string transitions_help() {
  std::string out = "\nAllowed moves:\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < kStageNames.size(); ++i) {
    rows.push_back({"  " + std::string(kStageNames[i]), "→ " + allowed_list(static_cast<Stage>(i))});
  }
  return out + format_table(rows);
}

}  // namespace

void setup_move(CLI::App& app, Services& s) {
  auto opts = std::make_shared<MoveOptions>();
  auto* cmd = app.add_subcommand("move", "Move an opportunity to another stage.");
  cmd->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  cmd->add_option("stage", opts->stage, "the new stage")->required();
  cmd->add_option("--at", opts->at, "when it happened (default: now)")->type_name("DATE");
  cmd->footer(transitions_help() + R"(
Moving to offer stamps offer_received_at, to accepted stamps accepted_at, and a decline,
withdrawal or rescission stamps decided_at, when they are not set yet.

Examples:
  kindly move acme interviewing
  kindly move acme offer --at yesterday
  kindly move acme declined)");
  cmd->callback([opts, &s] { run_move(*opts, s); });
}

void setup_archive(CLI::App& app, Services& s) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("archive", "Put an opportunity away.");
  cmd->add_option("id", *id, "the opportunity's id, or any unique start of it")->required();
  cmd->footer(R"(
Archived opportunities leave 'kindly list' but stay in 'kindly list --all', the log and exports.
Bring one back with 'kindly move ID interviewing' (or invited, offer).

Example:
  kindly archive initech)");
  cmd->callback([id, &s] { run_move({*id, "archived", ""}, s); });
}

}  // namespace kindly::cli
