// kindly counter ID TERM=VALUE…: record improved or counter terms and decide again.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/decide.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "cli/verdict_view.h"
#include "core/error.h"
#include "core/stage.h"

namespace kindly::cli {

namespace {

struct CounterOptions {
  std::string id;
  std::vector<std::string> terms;
};

void run_counter(const CounterOptions& opts, Services& s) {
  for (const auto& w : opts.terms) {
    if (auto eq = w.find('='); eq == std::string::npos || eq == 0) {
      throw_usage("expected TERM=VALUE, got '" + w + "'", "for example: kindly counter " + opts.id + " base=130k sign_on=10k");
    }
  }
  Context& ctx = s.context();
  Stage stage_before = load(ctx, opts.id).stage;
  auto r = counter_offer(ctx, s.playbook(), opts.id, parse_assignments(opts.terms));
  if (s.output.json) {
    Json j = verdict_json(r.after);
    j["before"] = {{"action", std::string(decide::action_name(r.before.action))}, {"stage", std::string(to_string(stage_before))}};
    j["changes"] = Json::array();
    auto value = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
    for (const auto& c : r.set.changes) j["changes"].push_back({{"field", c.field}, {"before", value(c.before)}, {"after", value(c.after)}});
    s.output.print_json(j);
    return;
  }
  s.output.out << format_changes(r.set.opportunity.id, r.set.changes);
  if (stage_before != r.set.opportunity.stage) {
    s.output.out << r.set.opportunity.id << ": stage " << to_string(stage_before) << " → " << to_string(r.set.opportunity.stage) << "\n";
  }
  s.output.out << "before these terms the verdict was: " << decide::action_name(r.before.action) << "\n\n";
  s.output.out << format_verdict(r.after.verdict, r.after.opportunity, ctx.now(), ctx.tz);
}

}  // namespace

void setup_counter(CLI::App& app, Services& s) {
  auto opts = std::make_shared<CounterOptions>();
  auto* cmd = app.add_subcommand("counter", "Record new offer terms and decide again.");
  cmd->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  cmd->add_option("terms", opts->terms, "offer terms as FIELD=VALUE (base, bonus, sign_on, equity, …)")
      ->required()
      ->type_name("TERM=VALUE");
  cmd->footer(R"(
Use it when the employer improves the offer, or your current employer counters. The offer moves
to negotiating, the terms are saved, and the verdict is computed again with your latest answers.
When your concerns were structural (culture, manager, trajectory), the verdict says plainly that
new money does not touch them.

Examples:
  kindly counter acme base=130k sign_on=10k
  kindly counter acme work_mode=hybrid --json)");
  cmd->callback([opts, &s] { run_counter(*opts, s); });
}

}  // namespace kindly::cli
