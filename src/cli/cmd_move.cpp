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
  std::string out = "Allowed moves:\n";
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
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->add_option("STAGE", opts->stage, "the new stage (see the allowed moves below)")
      ->required()
      ->option_text(" ");
  cmd->add_option("--at", opts->at, "when it happened, e.g. yesterday or 2026-03-01 14:00 (default: now)")
      ->type_name("DATE");
  cmd->footer(transitions_help() + R"(
Open stages: invited, interviewing, offer, negotiating, accepted, started. The others are closed:
declined-interview (you said no to interviewing), withdrawn (you left the process), declined
(you said no to the offer), rescinded (they took the offer back), rejected (they said no),
ghosted (they went silent), archived (put away).

Moving to offer records offer_received_at, and moving to accepted records accepted_at and
decided_at, unless they are already set. Moving to declined, declined-interview, withdrawn or
rescinded records decided_at. --at gives the time for these and for the log.

Examples:
  kindly move acme interviewing
  kindly move acme offer --at yesterday
  kindly move acme declined)");
  cmd->callback([opts, &s] { run_move(*opts, s); });
}

void setup_archive(CLI::App& app, Services& s) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("archive", "Put an opportunity away.");
  cmd->add_option("ID", *id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->footer(R"(This is 'kindly move ID archived'. Archived opportunities leave 'kindly list' but stay in
'kindly list --all', 'kindly show', the log and exports. Bring one back with
'kindly move ID invited' (or interviewing, offer). To delete one for good, use 'kindly rm'.

Example:
  kindly archive initech)");
  cmd->callback([id, &s] { run_move({*id, "archived", ""}, s); });
}

}  // namespace kindly::cli
