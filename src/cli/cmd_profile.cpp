// kindly profile [show | set KEY=VALUE …]
#include <CLI/CLI.hpp>
#include <date/tz.h>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"

namespace kindly::cli {

namespace {

void run_profile_show(Services& s) {
  Context& ctx = s.context();
  Profile p = ctx.store.profile();
  if (s.output.json) {
    s.output.print_json(to_json(p));
    return;
  }
  auto or_unset = [](const std::string& v) { return v.empty() ? std::string("(not set)") : v; };
  std::string nn;
  for (const auto& i : p.non_negotiables) nn += (nn.empty() ? "" : "; ") + i;
  std::string weights;
  for (const auto& [k, v] : p.weights) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s %g", weights.empty() ? "" : ", ", k.c_str(), v);
    weights += buf;
  }
  std::string sig = one_line(p.signature);
  std::vector<std::vector<std::string>> rows{
      {"name", or_unset(p.name)},
      {"email", or_unset(p.email)},
      {"phone", or_unset(p.phone)},
      {"signature", or_unset(sig)},
      {"timezone", p.timezone.empty() ? "(not set; using the system's: " + std::string(ctx.tz->name()) + ")" : p.timezone},
      {"goals", or_unset(p.goals)},
      {"non_negotiables", or_unset(nn)},
      {"weights", or_unset(weights)},
  };
  s.output.out << format_table(rows);
  if (p.name.empty()) {
    s.output.out << "\nSet your name and time zone first: kindly profile set name=\"Sam Lee\" "
                    "timezone=Europe/Berlin\n";
  }
}

void run_profile_set(const std::vector<std::string>& words, Services& s) {
  for (const auto& w : words) {
    if (auto eq = w.find('='); eq == std::string::npos || eq == 0) {
      throw_usage("expected FIELD=VALUE, got '" + w + "'",
                  "for example: kindly profile set name=\"Sam Lee\" timezone=Europe/Berlin");
    }
  }
  auto values = parse_assignments(words);
  Context& ctx = s.context();
  auto r = set_profile(ctx, values);
  if (s.output.json) {
    s.output.print_json(to_json(r.profile));
    return;
  }
  s.output.out << format_changes("profile", r.changes);
}

}  // namespace

void setup_profile(CLI::App& app, Services& s) {
  auto* cmd = app.add_subcommand("profile", "Show or set your profile.");
  cmd->require_subcommand(0, 1);
  auto* show = cmd->add_subcommand("show", "Show the profile (the default).");
  show->footer(R"(Examples:
  kindly profile
  kindly profile show --json)");
  show->callback([&s] { run_profile_show(s); });
  auto words = std::make_shared<std::vector<std::string>>();
  auto* set = cmd->add_subcommand("set", "Set profile fields.");
  set->add_option("FIELD=VALUE", *words, "one or more fields to set; an empty VALUE clears the field")
      ->required()
      ->option_text(" ");
  set->footer(R"(Fields:
  name, email, phone   who you are; used to sign messages
  signature            contact lines under your name in emails (phone, profile link); \n makes a new line
  timezone             an IANA zone like Europe/Berlin; dates are read and shown in it
  goals                your 12–24-month goals, in a sentence or two
  non_negotiables      3–5 terms you will not give up, separated by ';'
  weights              how much each criterion counts when comparing offers, CRITERION:WEIGHT,…

Examples:
  kindly profile set name="Sam Lee" email=sam@example.com timezone=Europe/Berlin
  kindly profile set signature="+49 170 000 0000\nlinkedin.com/in/samlee"
  kindly profile set non_negotiables="base >= 120000; visa sponsorship; hybrid or remote"
  kindly profile set weights=compensation:0.3,role:0.25,trajectory:0.2,culture:0.15,mobility:0.1
  kindly profile set phone=     (clears the phone number))");
  set->callback([words, &s] { run_profile_set(*words, s); });
  cmd->footer(R"(Your profile signs the messages kindly writes, sets the time zone dates are read and shown
in, and holds what you want from the next job. 'kindly profile' alone shows it.

Examples:
  kindly profile
  kindly profile set name="Sam Lee" timezone=Europe/Berlin

Run 'kindly profile set --help' for every key.)");
  cmd->callback([cmd, &s] {
    if (cmd->get_subcommands().empty()) run_profile_show(s);
  });
}

}  // namespace kindly::cli
