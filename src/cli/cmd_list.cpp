// kindly list [--stage S] [--open|--closed|--all]
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/stage.h"

namespace kindly::cli {

namespace {

struct ListOptions {
  std::string stage;
  bool open = false, closed = false, all = false;
};

void run_list(const ListOptions& opts, Services& s) {
  ListFilter filter;
  filter.scope = opts.all ? Scope::all : opts.closed ? Scope::closed : Scope::open;
  if (!opts.stage.empty()) filter.stage = parse_stage(opts.stage, "--stage");
  Context& ctx = s.context();
  auto items = list_opportunities(ctx, filter);
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& o : items) arr.push_back(to_json(o));
    s.output.print_json(arr);
    return;
  }
  if (items.empty()) {
    std::string what = filter.stage ? "at stage " + std::string(to_string(*filter.stage))
                       : filter.scope == Scope::open   ? "open"
                       : filter.scope == Scope::closed ? "closed"
                                                       : "";
    s.output.out << "no " << (what.empty() ? "" : what + " ") << "opportunities";
    if (filter.scope == Scope::open && !filter.stage) {
      s.output.out << " (add one: kindly add COMPANY --role ROLE; see closed ones: kindly list --all)";
    }
    s.output.out << "\n";
    return;
  }
  Instant now = ctx.now();
  std::vector<std::vector<std::string>> rows;
  rows.reserve(items.size() + 1);
  rows.push_back({"ID", "STAGE", "COMPANY", "ROLE", "NEXT DATE"});
  for (const auto& o : items) {
    auto d = next_deadline(o);
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
  cmd->add_option("--stage,-s", opts->stage, "only this stage");
  auto* open = cmd->add_flag("--open", opts->open, "open ones only (the default)");
  auto* closed = cmd->add_flag("--closed", opts->closed, "closed ones only (declined, withdrawn, …)");
  auto* all = cmd->add_flag("--all,-a", opts->all, "open and closed");
  open->excludes(closed)->excludes(all);
  closed->excludes(all);
  cmd->footer(R"(
The NEXT DATE is the offer deadline for offers, the interview for invitations and interviews.

Examples:
  kindly list
  kindly list --stage offer
  kindly list --all --json)");
  cmd->callback([opts, &s] { run_list(*opts, s); });
}

}  // namespace kindly::cli
