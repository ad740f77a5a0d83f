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
  s.output.out << c.opportunity_id << ": added contact " << c.name << " ("
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
    std::string target = key.empty() ? "ID" : key;
    s.output.out << (key.empty() ? "no contacts yet" : "no contacts for " + key)
                 << " (add one: kindly contact add " << target << " \"Dana Smith\" --role recruiter)\n";
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
  cmd->require_subcommand(0, 1);
  auto opts = std::make_shared<ContactOptions>();
  auto* add = cmd->add_subcommand("add", "Add a contact to an opportunity.");
  add->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  add->add_option("NAME", opts->req.name, "the person's name (quote it when it has spaces)")
      ->required()
      ->option_text(" ");
  add->add_option("--role,-r", opts->req.role,
                  "recruiter, hiring-manager, hr, referrer or other (the default)")
      ->type_name("ROLE");
  add->add_option("--email,-e", opts->req.email, "their email address")->type_name("EMAIL");
  add->add_option("--phone,-p", opts->req.phone, "their phone number")->type_name("PHONE");
  add->add_option("--linkedin", opts->req.linkedin, "their LinkedIn profile address")->type_name("URL");
  add->add_flag("--agency", opts->req.agency, "an agency recruiter who represents you");
  add->add_option("--notes", opts->req.notes, "anything worth remembering about them")->type_name("TEXT");
  add->footer(R"(Contacts show up in 'kindly show ID' and 'kindly contact list'; kindly uses them to address
messages. An agency recruiter works for you, not for the employer.

Examples:
  kindly contact add acme "Dana Smith" --role recruiter --email dana@acme.example
  kindly contact add acme "Lee Park" --role hiring-manager --phone "+1 415 555 0100"
  kindly contact add globex "Ravi Rao" --role recruiter --agency)");
  add->callback([opts, &s] { run_contact_add(*opts, s); });

  auto list_id = std::make_shared<std::string>();
  auto* list = cmd->add_subcommand("list", "List the contacts of one opportunity, or of all.");
  list->add_option("ID", *list_id, "the opportunity's id, or any unique start of it (default: all)")
      ->option_text(" ");
  list->footer(R"(Examples:
  kindly contact list
  kindly contact list acme
  kindly contact list --json)");
  list->callback([list_id, &s] { run_contact_list(*list_id, s); });

  cmd->footer(R"('kindly contact' alone lists every contact.

Examples:
  kindly contact add acme "Dana Smith" --role recruiter --email dana@acme.example
  kindly contact list acme

Run 'kindly contact add --help' for the options.)");
  cmd->callback([cmd, &s] {
    if (cmd->get_subcommands().empty()) run_contact_list("", s);
  });
}

}  // namespace kindly::cli
