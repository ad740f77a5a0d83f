// kindly add COMPANY [--role ROLE] [--stage STAGE] [--FIELD VALUE …]
#include <CLI/CLI.hpp>
#include <map>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/fields.h"
#include "core/ids.h"

namespace kindly::cli {

namespace {

struct AddOptions {
  std::string company;
  std::string role;
  std::string stage;
  std::map<std::string, std::string> fields;  // by field name
};

std::string kebab(std::string_view name) {
  std::string s(name);
  for (char& c : s) c = c == '_' ? '-' : c;
  return s;
}

void run_add(const AddOptions& opts, Services& s) {
  AddRequest req{opts.company, opts.role, opts.stage, {}};
  for (const auto& f : opportunity_fields()) {
    if (auto it = opts.fields.find(std::string(f.name)); it != opts.fields.end())
      req.fields.emplace_back(it->first, it->second);
  }
  Context& ctx = s.context();
  Opportunity o = add_opportunity(ctx, req);
  if (s.output.json) {
    s.output.print_json(to_json(o));
    return;
  }
  if (auto plain = make_id(o.company, o.role); o.id != plain) {
    s.output.notice("there is already an opportunity " + plain + ", so this one is " + o.id +
                    "; if it is a duplicate, remove it with: kindly rm " + o.id + " --yes");
  }
  s.output.out << "added " << o.id << " (" << title_of(o) << ", " << to_string(o.stage) << ")\n";
}

std::string group_title(std::string_view group) {
  if (group == "basics") return "Basics";
  if (group == "dates") return "Dates";
  if (group == "offer") return "Offer terms";
  return "Mobility";
}

// What to type, shown after each option in the help: --base AMOUNT, --vesting 25/25/25/25|4y.
std::string value_name(const Field& f) {
  switch (f.type) {
    case FieldType::when:
      return "DATE";
    case FieldType::money:
      return "AMOUNT";
    case FieldType::bonus:
      return "PERCENT|AMOUNT";
    case FieldType::vesting:
      return "SCHEDULE";
    case FieldType::currency:
      return "CODE";
    case FieldType::count:
      return "NUMBER";
    case FieldType::flag:
      return "yes|no";
    case FieldType::url:
      return "URL";
    case FieldType::email:
      return "EMAIL";
    case FieldType::choice:
      return "CHOICE";
    case FieldType::text:
      return "TEXT";
  }
  return "VALUE";
}

}  // namespace

void setup_add(CLI::App& app, Services& s) {
  auto opts = std::make_shared<AddOptions>();
  auto* cmd = app.add_subcommand("add", "Add an opportunity: an invitation, an interview process or an offer.");
  cmd->add_option("COMPANY", opts->company, "the employer")->required()->option_text(" ");
  cmd->add_option("--role,-r", opts->role, "the role, as the employer calls it")->type_name("ROLE");
  cmd->add_option("--stage,-s", opts->stage,
                  "where you stand: invited (the default), interviewing, offer, negotiating, accepted, "
                  "started, or a closed stage (see 'kindly move --help')")
      ->type_name("STAGE");
  for (const auto& f : opportunity_fields()) {
    if (f.name == "company" || f.name == "role") continue;
    std::string help(f.help);
    if (!f.choices.empty()) help += " (" + join_names(f.choices.data(), f.choices.size()) + ")";
    if (f.type == FieldType::vesting) help += ": 25/25/25/25, or 4y for even vesting";
    if (f.type == FieldType::bonus) help += " (15% or 12000)";
    cmd->add_option("--" + kebab(f.name), opts->fields[std::string(f.name)], help)
        ->type_name(value_name(f))
        ->group(group_title(f.group));
  }
  cmd->footer(R"(The id is made from company and role (acme-data-engineer) and stays the same when they change.
Dates take 2026-03-06, 2026-03-06 14:00, today, tomorrow, friday, next friday, +3d, in 2 weeks;
they are read in your profile's time zone. Amounts take 120000, 120,000 or 120k.
Every field can be changed later with 'kindly set ID FIELD=VALUE'.

Examples:
  kindly add Acme --role "Data Engineer"
  kindly add Globex --role "Platform Lead" --stage offer --offer-via spoken \
      --base 135k --currency EUR --bonus 10% --offer-deadline friday
  kindly add Initech --role Analyst --stage interviewing --rounds 2 --interview-at "tomorrow 10:00")");
  cmd->callback([opts, &s] {
    // Options left empty were not given.
    for (auto it = opts->fields.begin(); it != opts->fields.end();) {
      it = it->second.empty() ? opts->fields.erase(it) : std::next(it);
    }
    run_add(*opts, s);
  });
}

}  // namespace kindly::cli
