// kindly accept ID: the offer accepted, and a draft for every other open process.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "app/compose.h"
#include "app/compose_json.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"

namespace kindly::cli {

namespace {

struct AcceptOptions {
  std::string id;
};

void run_accept(const AcceptOptions& opts, Services& s) {
  Context& ctx = s.context();
  AcceptResult r = accept_offer(ctx, s.playbook(), opts.id);
  if (s.output.json) {
    Json closings = Json::array();
    for (const auto& c : r.closings) {
      Json drafts = Json::array();
      for (std::size_t i = 0; i < c.messages.size(); ++i) {
        Json missing = Json::array();
        for (const auto& x : c.messages[i].missing) missing.push_back({{"fact", x.fact}, {"command", x.command}});
        drafts.push_back({{"message_id", c.message_ids[i]},
                          {"kind", c.messages[i].kind},
                          {"channel", c.messages[i].channel},
                          {"missing", missing}});
      }
      closings.push_back({{"id", c.opportunity.id},
                          {"stage", std::string(to_string(c.opportunity.stage))},
                          {"drafts", drafts},
                          {"channel_rule", c.channel_rule},
                          {"send_by", c.send_by ? Json(format_iso_utc(*c.send_by)) : Json(nullptr)},
                          {"send_by_rule", c.send_by_rule}});
    }
    s.output.print_json({{"accepted", r.accepted.id}, {"closings", closings}});
    return;
  }
  auto& out = s.output.out;
  out << r.accepted.id << ": accepted. Congratulations.\n";
  if (r.closings.empty()) {
    out << "No other open opportunities: nothing else to close.\n";
    return;
  }
  out << "\nDrafted " << r.closings.size() << (r.closings.size() == 1 ? " note" : " notes")
      << " to close your other processes. Nothing is sent or moved until you say so.\n\n";
  std::vector<std::vector<std::string>> rows = {{"opportunity", "stage", "message", "drafts", "send by", "why"}};
  for (const auto& c : r.closings) {
    std::string drafts;
    for (std::size_t i = 0; i < c.messages.size(); ++i) {
      drafts += (i ? ", " : "") + std::string("#") + std::to_string(c.message_ids[i]) + " " + c.messages[i].channel;
    }
    rows.push_back({c.opportunity.id, std::string(to_string(c.opportunity.stage)), c.messages.front().kind, drafts,
                    c.send_by ? format_local(*c.send_by, ctx.tz) : std::string("promptly"), c.channel_rule});
  }
  out << format_table(rows);
  // Missing facts, once per opportunity and fact.
  std::vector<std::string> lines;
  for (const auto& c : r.closings) {
    for (const auto& m : c.messages) {
      for (const auto& x : m.missing) {
        std::string line = "  " + c.opportunity.id + ": " + x.to_string();
        if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
      }
    }
  }
  if (!lines.empty()) {
    out << "\nSome drafts lack a fact:\n";
    for (const auto& l : lines) out << l << "\n";
  }
  out << "\nRead each one:   kindly drafts --full\n"
      << "Once it is sent: kindly sent ID   (moves that opportunity to declined, withdrawn, …)\n";
}

}  // namespace

void setup_accept(CLI::App& app, Services& s) {
  auto opts = std::make_shared<AcceptOptions>();
  auto* cmd = app.add_subcommand("accept", "Accept an offer, and draft the notes that close every other process.");
  cmd->add_option("ID", opts->id, "the offer's id, or any unique start of it")->required()->option_text(" ");
  cmd->footer(R"(Moves the offer to 'accepted', then prepares, for every other open opportunity, the message
that closes it kindly: decline the offer, withdraw the application or decline the interview,
each on the channel the playbook's rules pick, with its send-by time. They are saved as drafts
for you to read and edit; nothing is sent and no other opportunity moves until you record it
with 'kindly sent ID'. If you already accepted another offer, kindly asks you to decide on
that acceptance first (kindly decide ID).

Examples:
  kindly accept acme
  kindly accept acme --json)");
  cmd->callback([opts, &s] { run_accept(*opts, s); });
}

}  // namespace kindly::cli
