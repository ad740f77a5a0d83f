// kindly status (and kindly with no command): what is open, what is due, what to do next.
#include <CLI/CLI.hpp>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"

namespace kindly::cli {

void run_status(Services& s) {
  Context& ctx = s.context();
  Status st = status(ctx);
  if (s.output.json) {
    Json j;
    j["open"] = st.open;
    j["total"] = st.total;
    j["by_stage"] = Json::object();
    for (const auto& [stage, n] : st.by_stage) j["by_stage"][std::string(to_string(stage))] = n;
    j["nearest"] = st.nearest ? to_json(*st.nearest) : Json(nullptr);
    j["next_steps"] = st.next_steps;
    j["unsent_drafts"] = st.unsent.size();
    s.output.print_json(j);
    return;
  }
  auto& out = s.output.out;
  if (st.total == 0) {
    out << "kindly keeps track of your opportunities and helps you answer each one well.\n"
           "  1. kindly profile set name=\"Your Name\" timezone=Europe/Berlin\n"
           "  2. kindly add Acme --role \"Data Engineer\" --stage offer --offer-deadline friday\n"
           "  3. kindly list   (and 'kindly --help' for everything else)\n";
    return;
  }
  out << st.open << " open of " << st.total << (st.total == 1 ? " opportunity" : " opportunities");
  if (!st.by_stage.empty()) {
    out << ": ";
    bool first = true;
    for (const auto& [stage, n] : st.by_stage) {
      out << (first ? "" : ", ") << n << " " << to_string(stage);
      first = false;
    }
  }
  out << "\n";
  if (st.nearest) {
    const Opportunity& n = *st.nearest;
    auto d = next_deadline(n);
    const char* what = n.offer_deadline && *d == *n.offer_deadline ? "offer deadline" : "interview";
    out << "Nearest date: " << n.id << " " << what << ", " << format_local(*d, ctx.tz) << " ("
        << format_relative(*d, ctx.now(), ctx.tz) << ")\n";
  }
  if (!st.next_steps.empty()) {
    out << "Next:\n";
    for (const auto& step : st.next_steps) out << "  " << step << "\n";
  } else if (st.open == 0) {
    out << "Nothing open. Add the next one with: kindly add COMPANY --role ROLE\n";
  }
  if (!st.unsent.empty()) {
    const SavedMessage& m = st.unsent.front();
    out << "Drafts to send: " << st.unsent.size() << "; first #" << m.id << " " << m.opportunity_id << " " << m.kind
        << " by " << m.channel;
    if (m.send_by) out << ", by " << format_local(*m.send_by, ctx.tz) << " (" << format_relative(*m.send_by, ctx.now(), ctx.tz) << ")";
    out << "  (kindly drafts)\n";
  }
}

void setup_status(CLI::App& app, Services& s) {
  auto* cmd = app.add_subcommand("status", "What is open and what is due next.");
  cmd->footer(R"(A summary: how many opportunities are open and at which stage, the nearest date, and up to
three next steps, most urgent first. This is also what 'kindly' alone prints.

Examples:
  kindly
  kindly status --json)");
  cmd->callback([&s] { run_status(s); });
}

}  // namespace kindly::cli
