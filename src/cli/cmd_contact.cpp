// kindly contact add ID NAME […]  and  kindly contact list [ID]
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"

namespace kindly::cli {

namespace {

struct ContactOptions {
  std::string id;
  ContactRequest req;
};

void run_contact_add(const ContactOptions& opts, Services& s) {
  Context& ctx = s.context();
  Contact c = add_contact(ctx, opts.id, opts.req);
  if (s.output.json) {
    s.output.print_json(to_json(c));
    return;
  }
  s.output.out << c.opportunity_id << ": contact " << c.name << " ("
               << enum_name(c.role, kContactRoleNames) << (c.agency ? ", agency" : "") << ")\n";
}

void run_contact_list(const std::string& id, Services& s) {
  Context& ctx = s.context();
  std::string key = id.empty() ? "" : resolve_id(ctx.store, id);
  auto contacts = ctx.store.contacts(key);
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& c : contacts) arr.push_back(to_json(c));
    s.output.print_json(arr);
    return;
  }
  if (contacts.empty()) {
    s.output.out << "no contacts (add one: kindly contact add ID NAME --role recruiter --email …)\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{{"OPPORTUNITY", "NAME", "ROLE", "EMAIL", "PHONE"}};
  for (const auto& c : contacts) {
    rows.push_back({c.opportunity_id, c.name,
                    std::string(enum_name(c.role, kContactRoleNames)) + (c.agency ? " (agency)" : ""),
                    c.email, c.phone});
  }
  s.output.out << format_table(rows);
}

}  // namespace

void setup_contact(CLI::App& app, Services& s) {
  auto* cmd = app.add_subcommand("contact", "Add or list the people at an opportunity.");
  cmd->require_subcommand(1);
  auto opts = std::make_shared<ContactOptions>();
  auto* add = cmd->add_subcommand("add", "Add a contact to an opportunity.");
  add->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  add->add_option("name", opts->req.name, "the person's name")->required();
  add->add_option("--role,-r", opts->req.role,
                  "recruiter, hiring-manager, hr, referrer or other (default other)");
  add->add_option("--email,-e", opts->req.email, "their email address");
  add->add_option("--phone,-p", opts->req.phone, "their phone number");
  add->add_option("--linkedin", opts->req.linkedin, "their LinkedIn profile address");
  add->add_flag("--agency", opts->req.agency, "an agency recruiter who represents you");
  add->add_option("--notes", opts->req.notes, "anything worth remembering");
  add->footer(R"(
Examples:
  kindly contact add acme "Dana Smith" --role recruiter --email dana@acme.example
  kindly contact add acme "Lee Park" --role hiring-manager --phone "+1 415 555 0100"
  kindly contact add globex "Ravi Rao" --role recruiter --agency)");
  add->callback([opts, &s] { run_contact_add(*opts, s); });

  auto list_id = std::make_shared<std::string>();
  auto* list = cmd->add_subcommand("list", "List contacts, of one opportunity or all.");
  list->add_option("id", *list_id, "the opportunity's id (default: all)");
  list->callback([list_id, &s] { run_contact_list(*list_id, s); });
}

}  // namespace kindly::cli
