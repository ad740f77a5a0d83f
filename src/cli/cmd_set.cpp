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
    // An unset value is null, as in the opportunity itself.
    auto value = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
    for (const auto& c : result.changes)
      j["changes"].push_back({{"field", c.field}, {"before", value(c.before)}, {"after", value(c.after)}});
    s.output.print_json(j);
    return;
  }
  s.output.out << format_changes(result.opportunity.id, result.changes);
}

std::string field_help() {
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : opportunity_fields()) {
    std::string help(f.help);
    if (!f.choices.empty()) help += ": " + join_names(f.choices.data(), f.choices.size());
    if (f.type == FieldType::vesting) help += ": 25/25/25/25, or 4y for even vesting";
    if (f.type == FieldType::bonus) help += " (15% or 12000)";
    if (f.type == FieldType::flag) help += ": yes or no";
    rows.push_back({"  " + std::string(f.name), help});
  }
  return "Fields:\n" + format_table(rows);
}

}  // namespace

void setup_set(CLI::App& app, Services& s) {
  auto opts = std::make_shared<SetOptions>();
  auto* cmd = app.add_subcommand("set", "Change fields of an opportunity.");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->add_option("FIELD=VALUE", opts->assignments,
                  "one or more fields to change; an empty VALUE clears the field")
      ->required()
      ->option_text(" ");
  cmd->footer(field_help() + R"(
Dates take 2026-03-06, 2026-03-06 14:00, today, tomorrow, friday, next friday, +3d, in 2 weeks;
they are read in your profile's time zone. Amounts take 120000, 120,000 or 120k.
Field names may be written with - instead of _ (offer-deadline). Quote values with spaces.
All values are checked before anything is written. The stage is changed with 'kindly move'.

Examples:
  kindly set acme base=125k currency=EUR bonus=10% vesting=25/25/25/25
  kindly set acme offer_deadline="friday 17:00" visa=offered relocation=yes
  kindly set acme notes=     (clears the notes))");
  cmd->callback([opts, &s] { run_set(*opts, s); });
}

}  // namespace kindly::cli
