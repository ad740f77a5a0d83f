// kindly set ID FIELD=VALUE …
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/fields.h"

namespace kindly::cli {

namespace {

struct SetOptions {
  std::string id;
  std::vector<std::string> assignments;
};

void run_set(const SetOptions& opts, Services& s) {
  auto fields = parse_assignments(opts.assignments);
  Context& ctx = s.context();
  auto result = set_fields(ctx, opts.id, fields);
  if (s.output.json) {
    Json j;
    j["opportunity"] = to_json(result.opportunity);
    j["changes"] = Json::array();
    for (const auto& c : result.changes)
      j["changes"].push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
    s.output.print_json(j);
    return;
  }
  s.output.out << format_changes(result.opportunity.id, result.changes);
}

std::string field_help() {
  std::string out = "\nFields:\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : opportunity_fields()) {
    std::string help(f.help);
    if (!f.choices.empty()) help += ": " + join_names(f.choices.data(), f.choices.size());
    rows.push_back({"  " + std::string(f.name), help});
  }
  // Plain two-column layout; the table helper lives in format.h.
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r[0].size());
  for (const auto& r : rows) out += r[0] + std::string(width - r[0].size() + 2, ' ') + r[1] + "\n";
  return out;
}

}  // namespace

void setup_set(CLI::App& app, Services& s) {
  auto opts = std::make_shared<SetOptions>();
  auto* cmd = app.add_subcommand("set", "Change fields of an opportunity.");
  cmd->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  cmd->add_option("assignments", opts->assignments, "FIELD=VALUE pairs; an empty VALUE clears")
      ->required()
      ->type_name("FIELD=VALUE");
  cmd->footer(field_help() + R"(
The stage is changed with 'kindly move'. All values are checked before anything is written.

Examples:
  kindly set acme base=125k currency=EUR bonus=10% vesting=25/25/25/25
  kindly set acme offer_deadline="friday 17:00" visa=offered relocation=yes
  kindly set acme notes=     (clears the notes))");
  cmd->callback([opts, &s] { run_set(*opts, s); });
}

}  // namespace kindly::cli
