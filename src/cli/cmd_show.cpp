// kindly show ID
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/fields.h"
#include "core/stage.h"

namespace kindly::cli {

namespace {

void run_show(const std::string& id, Services& s) {
  Context& ctx = s.context();
  Opportunity o = load(ctx, id);
  auto contacts = ctx.store.contacts(o.id);
  auto log = ctx.store.log(o.id, 10);
  std::string step = next_step(o, ctx.now(), ctx.tz);
  if (s.output.json) {
    Json j;
    j["opportunity"] = to_json(o);
    j["contacts"] = Json::array();
    for (const auto& c : contacts) j["contacts"].push_back(to_json(c));
    j["log"] = Json::array();
    for (const auto& e : log) j["log"].push_back(to_json(e));
    j["allowed_moves"] = Json::array();
    for (Stage t : allowed_moves(o.stage)) j["allowed_moves"].push_back(std::string(to_string(t)));
    j["next_step"] = step.empty() ? Json(nullptr) : Json(step);
    s.output.print_json(j);
    return;
  }
  std::string out = o.id + "  " + title_of(o) + "\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"  stage", std::string(to_string(o.stage)) + (is_open(o.stage) ? " (open)" : " (closed)") +
                                 "; can move to " + allowed_list(o.stage)});
  std::string_view group;
  auto flush = [&] {
    out += format_table(rows);
    rows.clear();
  };
  for (const auto& f : opportunity_fields()) {
    if (f.name == "company" || f.name == "role" || f.name == "notes") continue;
    auto v = f.get(o);
    if (!v) continue;
    if (f.group != group && f.group != "basics") {
      flush();
      group = f.group;
      out += group == "dates" ? "Dates\n" : group == "offer" ? "Offer\n" : "Mobility\n";
    }
    std::string shown = display_field(f, *v, ctx.tz);
    if ((f.type == FieldType::money || (f.type == FieldType::bonus && !v->ends_with('%'))) &&
        !o.currency.empty())
      shown += " " + o.currency;
    rows.push_back({"  " + std::string(f.name), shown});
  }
  flush();
  if (!o.notes.empty()) {
    // Notes may have several lines (from an import): indent each one.
    std::string notes = o.notes;
    for (std::size_t pos = 0; (pos = notes.find('\n', pos)) != std::string::npos; pos += 3) {
      notes.replace(pos, 1, "\n  ");
    }
    out += "Notes\n  " + notes + "\n";
  }
  if (!contacts.empty()) {
    out += "Contacts\n";
    for (const auto& c : contacts) {
      // Only the ways to reach them that are known, so that no column is left with gaps.
      std::string reach;
      for (const std::string* v : {&c.email, &c.phone, &c.linkedin}) {
        if (!v->empty()) reach += (reach.empty() ? "" : ", ") + *v;
      }
      rows.push_back({"  " + c.name,
                      std::string(enum_name(c.role, kContactRoleNames)) + (c.agency ? " (agency)" : ""), reach});
      if (!c.notes.empty()) rows.push_back({"", "", one_line(c.notes)});
    }
    flush();
  }
  if (!log.empty()) {
    out += "Recent activity\n";
    std::string lines = format_log(log, ctx.tz, false);
    std::size_t start = 0;
    while (start < lines.size()) {
      auto nl = lines.find('\n', start);
      out += "  " + lines.substr(start, nl - start + 1);
      start = nl + 1;
    }
  }
  if (!step.empty()) out += "Next: " + step + "\n";
  s.output.out << out;
}

}  // namespace

void setup_show(CLI::App& app, Services& s) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "Everything about one opportunity.");
  cmd->add_option("ID", *id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->footer(R"(Shows the stage and where it can move next, every field that is set, the notes, the
contacts, the last ten lines of the log, and the next step.

Examples:
  kindly show acme-data-engineer
  kindly show acme          (any unique start of the id)
  kindly show acme --json)");
  cmd->callback([id, &s] { run_show(*id, s); });
}

}  // namespace kindly::cli
