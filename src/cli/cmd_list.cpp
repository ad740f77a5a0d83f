// kindly list [--stage S] [--open|--closed|--all]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/stage.h"

namespace kindly::cli {

namespace {

struct ListOptions {
  std::string stage;
  bool open = false, closed = false, all = false;
};

void run_list(const ListOptions& opts, Services& s) {
  if (int(opts.open) + int(opts.closed) + int(opts.all) > 1) {
    throw_usage("--open, --closed and --all cannot be combined", "pick one of them, or none for the open ones");
  }
  ListFilter filter;
  filter.scope = opts.all ? Scope::all : opts.closed ? Scope::closed : Scope::open;
  if (!opts.stage.empty()) filter.stage = parse_stage(opts.stage, "--stage");
  Context& ctx = s.context();
  auto items = list_opportunities(ctx, filter);
  // With --all, the open ones first: the closed ones are history, whatever dates they kept.
  std::stable_partition(items.begin(), items.end(), [](const Opportunity& o) { return is_open(o.stage); });
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& o : items) arr.push_back(to_json(o));
    s.output.print_json(arr);
    return;
  }
  if (items.empty()) {
    if (filter.stage) {
      s.output.out << "no opportunities at stage " << to_string(*filter.stage)
                   << " (see them all: kindly list --all)\n";
    } else if (filter.scope == Scope::open) {
      s.output.out << "no open opportunities (add one: kindly add COMPANY --role ROLE; "
                      "see closed ones: kindly list --closed)\n";
    } else if (filter.scope == Scope::closed) {
      s.output.out << "no closed opportunities\n";
    } else {
      s.output.out << "no opportunities (add one: kindly add COMPANY --role ROLE)\n";
    }
    return;
  }
  Instant now = ctx.now();
  std::vector<std::vector<std::string>> rows;
  rows.reserve(items.size() + 1);
  rows.push_back({"ID", "STAGE", "COMPANY", "ROLE", "NEXT DATE"});
  for (const auto& o : items) {
    // A closed opportunity has no date ahead, whatever dates it kept.
    auto d = is_open(o.stage) ? next_deadline(o) : std::nullopt;
    std::string next = d ? format_local(*d, ctx.tz) + " (" + format_relative(*d, now, ctx.tz) + ")" : "";
    rows.push_back({o.id, std::string(to_string(o.stage)), o.company, o.role, next});
  }
  s.output.out << format_table(rows);
}

}  // namespace

void setup_list(CLI::App& app, Services& s) {
  auto opts = std::make_shared<ListOptions>();
  auto* cmd = app.add_subcommand("list", "List opportunities, nearest deadline first.");
  cmd->alias("ls");
  cmd->add_option("--stage,-s", opts->stage, "only the opportunities at this stage, open or closed")
      ->type_name("STAGE");
  cmd->add_flag("--open", opts->open, "only the open ones (the default): invited to started");
  cmd->add_flag("--closed", opts->closed,
                "only the closed ones: declined, withdrawn, rejected, ghosted, archived, …");
  cmd->add_flag("--all,-a", opts->all, "open and closed ones");
  cmd->footer(R"(NEXT DATE is the offer deadline for offers, the interview for invitations and interviews,
with how far away it is. The nearest comes first; those without a date come last.

Examples:
  kindly list
  kindly list --stage offer
  kindly list --closed
  kindly list --all --json)");
  cmd->callback([opts, &s] { run_list(*opts, s); });
}

}  // namespace kindly::cli
