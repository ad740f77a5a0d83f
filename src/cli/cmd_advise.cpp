// kindly advise ID: the channel, the order, the recipient and the send-by time, with the rules.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/compose.h"
#include "app/compose_json.h"
#include "cli/commands.h"
#include "cli/services.h"

namespace kindly::cli {

namespace {

struct AdviseOptions {
  std::string id;
};

void run_advise(const AdviseOptions& opts, Services& s) {
  Context& ctx = s.context();
  AdviseResult r = advise_opportunity(ctx, s.playbook(), opts.id);
  if (s.output.json) {
    s.output.print_json(to_json(r, ctx.tz));
    return;
  }
  auto& out = s.output.out;
  const auto& v = r.verdict;
  out << r.opportunity.id << ": " << std::string(decide::action_name(v.action));
  if (!v.next.message_kind.empty()) out << " — message " << v.next.message_kind;
  out << (r.from_answers ? "" : "  (from the tracker's facts; answer 'kindly decide " + r.opportunity.id + "' for a full verdict)")
      << "\n";
  if (v.next.message_kind.empty() && r.opportunity.stage == Stage::accepted) {
    out << "Nothing to send: you have accepted, and the verdict is to keep it. Doubts? kindly decide "
        << r.opportunity.id << "\n";
    return;
  }
  for (const auto& line : compose::advice_lines(r.advice, ctx.tz)) out << line << "\n";
  if (!r.advice.skipped.empty()) {
    out << "Also held, but lower in priority: ";
    for (std::size_t i = 0; i < r.advice.skipped.size(); ++i) out << (i ? ", " : "") << r.advice.skipped[i];
    out << "\n";
  }
  if (!v.next.message_kind.empty()) {
    out << "\nNext: kindly draft " << r.opportunity.id << "   (the words for each step)\n";
  } else {
    out << "\nNext: kindly accept " << r.opportunity.id << "   (and kindly drafts the notes to your other processes)\n";
  }
}

}  // namespace

void setup_advise(CLI::App& app, Services& s) {
  auto opts = std::make_shared<AdviseOptions>();
  auto* cmd = app.add_subcommand("advise", "How to deliver the decision: channel, recipient, order and send-by time.");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")->required()->option_text(" ");
  cmd->footer(R"(kindly takes the latest verdict ('kindly decide ID'; without one, the tracker's facts) and
applies the channel rules of the playbook in priority order: taking back an acceptance → call at
once, then email; an interview within a day → call now; an agency recruiter represents you →
through the recruiter, plus a note to a hiring manager you got on well with; a spoken offer →
call, then email; … The rule that fired is named with the facts that made it apply, and the
send-by time comes from the timing rules, the decision time and the deadlines, in your zone.
Every call is confirmed in writing. Change the rules: kindly playbook show channels.

Examples:
  kindly advise acme
  kindly advise acme --json)");
  cmd->callback([opts, &s] { run_advise(*opts, s); });
}

}  // namespace kindly::cli
