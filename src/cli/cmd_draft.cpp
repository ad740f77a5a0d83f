// kindly draft ID, kindly drafts [ID], kindly sent ID: writing the message and keeping track of it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "app/compose.h"
#include "app/compose_json.h"
#include "app/paths.h"
#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "export/eml.h"
#include "export/mailto.h"

namespace kindly::cli {

namespace {

struct DraftCliOptions {
  std::string id;
  std::string kind, reason, channel, tone, personal, variant, output, to;
  bool mailto = false;
  bool no_save = false;
  bool force = false;
};

std::optional<std::string> given(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::uint32_t parse_variant(const std::string& text) {
  std::uint32_t n = 0;
  bool ok = !text.empty() && text.size() <= 6;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (!ok || n == 0) throw_usage("--variant: '" + text + "' is not a variant number", "use 1, 2, 3, …");
  return n - 1;  // 1-based for people
}

/// The contact's address from "Name <address>", or "".
std::pair<std::string, std::string> split_recipient(const std::string& r) {
  auto lt = r.find('<');
  auto gt = r.rfind('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) {
    if (r.find('@') != std::string::npos) return {"", r};
    return {r, ""};
  }
  std::string name = r.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return {name, r.substr(lt + 1, gt - lt - 1)};
}

const compose::Message* email_of(const DraftResult& r) {
  for (const auto& m : r.messages) {
    if (m.channel == "email") return &m;
  }
  return nullptr;
}

/// A draft file may hold the user's edits: never replace one unless told to.
void keep_edits(const std::string& path, bool force) {
  std::error_code ec;
  if (force || !std::filesystem::exists(path, ec)) return;
  throw Error(ErrorKind::conflict, path + " already exists, and may hold your edits: kindly left it as it is",
              "write to another file, or add --force to replace it");
}

void print_message(std::ostream& out, const compose::Message& m) {
  if (!m.subject.empty()) out << "Subject: " << m.subject << "\n\n";
  out << m.body << "\n";
}

void run_draft(const DraftCliOptions& opts, Services& s) {
  DraftOptions o;
  o.kind = given(opts.kind);
  o.reason = given(opts.reason);
  o.channel = given(opts.channel);
  o.tone = given(opts.tone);
  o.personal = given(opts.personal);
  o.to = given(opts.to);
  if (!opts.variant.empty()) o.variant = parse_variant(opts.variant);
  // -o FILE.eml writes a mail file; any other name the plain text (Subject: first), to edit and check.
  bool eml = !opts.output.empty() && opts.output.size() >= 4 &&
             (opts.output.compare(opts.output.size() - 4, 4, ".eml") == 0 ||
              opts.output.compare(opts.output.size() - 4, 4, ".EML") == 0);
  bool want_file = eml || opts.mailto;
  bool text_file = !opts.output.empty() && !eml;
  // A file or link is written first; the draft is saved only once that worked.
  o.save = !opts.no_save && !want_file && !text_file;
  if (want_file && o.channel && *o.channel != "email") {
    throw_usage(std::string(opts.mailto ? "--mailto" : "-o") + " makes an email, but --channel is " + *o.channel,
                "leave --channel out, or use --channel email");
  }
  if (want_file && !o.channel) o.channel = "email";
  if (!opts.output.empty() && opts.mailto) {
    throw_usage("-o and --mailto both say where the draft goes", "choose one: a .eml file, or a mailto: link");
  }

  Context& ctx = s.context();
  Profile profile = ctx.store.profile();
  DraftResult r = draft_message(ctx, s.playbook(), opts.id, o);

  // Facts the draft could not use: named once with the command that supplies them, on stderr.
  std::vector<std::string> notices;
  for (const auto& m : r.messages) {
    for (const auto& miss : m.missing) notices.push_back("missing " + miss.fact + ": " + miss.command);
    for (const auto& n : m.notes) notices.push_back(n);
  }
  for (std::size_t i = 0; i < notices.size(); ++i) {
    if (std::find(notices.begin(), notices.begin() + static_cast<std::ptrdiff_t>(i), notices[i]) ==
        notices.begin() + static_cast<std::ptrdiff_t>(i)) {
      s.output.notice(notices[i]);
    }
  }
  auto save_now = [&] {
    if (opts.no_save) return std::string();
    save_drafts(ctx, r);
    return "saved as draft #" + std::to_string(r.message_ids.front());
  };

  if (const compose::Message* email = want_file ? email_of(r) : nullptr) {
    auto [to_name, to_email] = r.to ? std::pair{r.to->name, r.to->email} : std::pair<std::string, std::string>{};
    if (to_email.empty()) {
      s.output.notice("no email address for the recipient: kindly contact add " + r.opportunity.id +
                      " \"NAME\" --email ADDRESS (the draft has an empty To)");
    }
    if (opts.mailto) {
      s.output.out << to_mailto(to_email, email->subject, email->body) << "\n";
      if (auto saved = save_now(); !saved.empty()) s.output.notice(saved);
      return;
    }
    EmailDraft d;
    d.from_name = profile.name;
    d.from_email = profile.email;
    d.to_name = to_name;
    d.to_email = to_email;
    d.subject = email->subject;
    d.body = email->body;
    d.date = ctx.now();
    if (auto at = profile.email.find('@'); at != std::string::npos) d.message_id_domain = profile.email.substr(at + 1);
    if (profile.email.empty()) s.output.notice("no From address: kindly profile set email=YOU@EXAMPLE.COM");
    keep_edits(opts.output, opts.force);
    write_file_atomically(opts.output, to_eml(d));
    auto saved = save_now();
    s.output.out << "wrote " << opts.output << (saved.empty() ? "" : ", " + saved)
                 << " (open it in your mail program, read it, then send)\n";
    return;
  }

  if (text_file) {
    if (r.messages.size() != 1) {
      throw_usage("-o writes one message, and this draft has " + std::to_string(r.messages.size()) + " (" +
                      r.messages.front().channel + " and more)",
                  "pick one with --channel, e.g. --channel email");
    }
    std::ostringstream text;
    print_message(text, r.messages.front());
    keep_edits(opts.output, opts.force);
    write_file_atomically(opts.output, text.str());
    auto saved = save_now();
    s.output.out << "wrote " << opts.output << (saved.empty() ? "" : ", " + saved) << " (edit it, then: kindly check "
                 << opts.output << " --for " << r.opportunity.id << ")\n";
    return;
  }
  if (s.output.json) {
    if (r.messages.size() == 1) {
      s.output.print_json(to_json(r.messages.front()));
    } else {
      Json all = Json::array();
      for (const auto& m : r.messages) all.push_back(to_json(m));
      s.output.print_json(all);
    }
    return;
  }

  auto& out = s.output.out;
  for (std::size_t i = 0; i < r.messages.size(); ++i) {
    const auto& m = r.messages[i];
    if (r.messages.size() > 1) out << (i ? "\n" : "") << "=== " << m.channel << " ===\n";
    print_message(out, m);
  }
  out << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.choices) rows.push_back({"  " + c.what, c.value, c.source});
  out << "Why this draft\n" << format_table(rows);
  if (r.send_by) {
    out << "Send by " << format_local(*r.send_by, ctx.tz) << " (" << format_relative(*r.send_by, ctx.now(), ctx.tz) << ")"
        << (r.send_by_rule.empty() ? "" : ": " + r.send_by_rule) << "\n";
  }
  if (!r.message_ids.empty()) {
    out << "Saved as draft #" << r.message_ids.front();
    for (std::size_t i = 1; i < r.message_ids.size(); ++i) out << ", #" << r.message_ids[i];
    out << ". Edited it? kindly check FILE --for " << r.opportunity.id << ". Once it has gone out: kindly sent "
        << r.opportunity.id << "\n";
  }
}

struct DraftsOptions {
  std::string id;
  bool full = false;
  bool all = false;
};

void run_drafts(const DraftsOptions& opts, Services& s) {
  Context& ctx = s.context();
  auto messages = list_messages(ctx, opts.id);
  if (!opts.all) {
    std::erase_if(messages, [](const SavedMessage& m) { return m.status != "draft"; });
  }
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& m : messages) arr.push_back(to_json(m));
    s.output.print_json(arr);
    return;
  }
  auto& out = s.output.out;
  if (messages.empty()) {
    out << (opts.all ? "no messages yet" : "no unsent drafts") << " (write one with 'kindly draft ID'"
        << (opts.all ? "" : "; --all shows sent ones too") << ")\n";
    return;
  }
  if (opts.full) {
    for (std::size_t i = 0; i < messages.size(); ++i) {
      const auto& m = messages[i];
      out << (i ? "\n" : "") << "=== #" << m.id << " " << m.opportunity_id << ": " << m.kind << " by " << m.channel
          << (m.recipient.empty() ? "" : " to " + m.recipient) << " (" << m.status << ") ===\n";
      if (!m.subject.empty()) out << "Subject: " << m.subject << "\n\n";
      out << (m.body.empty() ? "(recorded with 'kindly sent'; kindly did not write this one, so it keeps no text)" : m.body)
          << "\n";
    }
    return;
  }
  std::vector<std::vector<std::string>> rows = {{"no.", "opportunity", "message", "channel", "to", "status", "when"}};
  for (const auto& m : messages) {
    std::string when = m.status == "sent" && m.sent_at ? "sent " + format_local(*m.sent_at, ctx.tz)
                       : m.send_by                      ? "by " + format_local(*m.send_by, ctx.tz)
                                                        : "";
    auto [name, email] = split_recipient(m.recipient);
    rows.push_back({std::to_string(m.id), m.opportunity_id, m.kind, m.channel, name.empty() ? email : name,
                    m.status, when});
  }
  out << format_table(rows);
  out << "\nRead them: kindly drafts" << (opts.id.empty() ? "" : " " + opts.id) << " --full\n";
}

struct SentOptions {
  std::string id, at, channel, kind;
};

void run_sent(const SentOptions& opts, Services& s) {
  Context& ctx = s.context();
  std::optional<Instant> at;
  if (!opts.at.empty()) {
    at = parse_when(opts.at, ctx.now(), ctx.tz);
    if (!at) {
      throw_usage("--at: cannot read '" + opts.at + "' as a time",
                  "use 2026-03-06 14:00, today 10:30, yesterday 17:00 or 2 hours ago");
    }
  }
  const auto& pb = s.playbook();
  if (!opts.channel.empty()) check_message_channel(pb, opts.channel);
  if (!opts.kind.empty()) check_message_kind(pb, opts.kind);
  SentResult r = mark_sent(ctx, pb, opts.id, at, given(opts.channel), given(opts.kind));
  if (s.output.json) {
    Json j = to_json(r.message);
    j["moved"] = r.moved_to ? Json({{"from", std::string(to_string(*r.moved_from))}, {"to", std::string(to_string(*r.moved_to))}})
                            : Json(nullptr);
    s.output.print_json(j);
    return;
  }
  auto& out = s.output.out;
  out << r.message.opportunity_id << ": " << r.message.kind << " by " << r.message.channel << " recorded as sent "
      << format_local(*r.message.sent_at, ctx.tz) << " (message #" << r.message.id << ")\n";
  if (r.moved_to) {
    out << r.message.opportunity_id << ": moved " << to_string(*r.moved_from) << " → " << to_string(*r.moved_to) << "\n";
  }
  if (!r.not_moved.empty()) s.output.notice(r.message.opportunity_id + " " + r.not_moved);
}

}  // namespace

void setup_draft(CLI::App& app, Services& s) {
  auto opts = std::make_shared<DraftCliOptions>();
  auto* cmd = app.add_subcommand("draft", "Write the message: decline, withdraw, negotiate, keep in touch, …");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")->required()->option_text(" ");
  cmd->add_option("--kind", opts->kind,
                  "the message: decline-offer, withdraw-application, decline-interview, rescind-acceptance, "
                  "decline-after-counteroffer, negotiate, ask-for-time, expedite, defer, follow-up-after-call, "
                  "keep-in-touch, referral, repair, re-engage (default: the verdict's)")
      ->type_name("KIND");
  cmd->add_option("--reason", opts->reason, "the reason code to state (kindly playbook show reasons; default: the verdict's)")
      ->type_name("CODE");
  cmd->add_option("--channel", opts->channel, "email, phone (a script), voicemail, linkedin, or all (default: the advice's)")
      ->type_name("CHANNEL");
  cmd->add_option("--tone", opts->tone, "formal, warm or detailed (default: warm)")->type_name("TONE");
  cmd->add_option("--personal", opts->personal, "one specific sentence of your own, added to the thanks")->type_name("TEXT");
  cmd->add_option("--to", opts->to, "the contact to write to: a unique start of the name, or the contact's number")
      ->type_name("CONTACT");
  cmd->add_option("--variant", opts->variant, "another wording: 1, 2, 3, … (default: one fixed per company)")->type_name("N");
  cmd->add_option("--output,-o", opts->output,
                  "write the draft to a file: FILE.eml is an email to open in your mail program; any other name "
                  "gets the plain text (Subject: first) to edit and check")
      ->type_name("FILE");
  cmd->add_flag("--mailto", opts->mailto, "print a mailto: link that opens your mail program with the draft");
  cmd->add_flag("--no-save", opts->no_save, "show the draft without keeping it in 'kindly drafts'");
  cmd->add_flag("--force", opts->force, "with -o: replace the file if it exists (it may hold your edits)");
  cmd->footer(R"(The message kind, reason and channel come from the latest verdict and 'kindly advise' unless
you say otherwise; names, role, company and the recipient come from the tracker, your name and
signature from your profile. A fact kindly lacks is named on stderr with the command that
supplies it; the draft never carries a placeholder. Each draft is saved (see 'kindly drafts');
'kindly sent ID' records that it went out.

Examples:
  kindly draft acme
  kindly draft acme --tone formal --personal "I enjoyed meeting the platform team."
  kindly draft acme --channel all                   (the call script, the voicemail, the email)
  kindly draft acme --kind keep-in-touch --channel linkedin
  kindly draft acme --kind keep-in-touch --to hana  (the note to the hiring manager)
  kindly draft acme -o acme.eml                     (open it in your mail program)
  kindly draft acme --channel email -o draft.txt    (edit it, then: kindly check draft.txt --for acme)
  kindly draft acme --mailto
  kindly draft acme --json)");
  cmd->callback([opts, &s] { run_draft(*opts, s); });
}

void setup_drafts(CLI::App& app, Services& s) {
  auto opts = std::make_shared<DraftsOptions>();
  auto* cmd = app.add_subcommand("drafts", "List the drafts kindly saved, and what was sent.");
  cmd->add_option("ID", opts->id, "only this opportunity (any unique start of its id)")->option_text(" ");
  cmd->add_flag("--full", opts->full, "print each message in full");
  cmd->add_flag("--all", opts->all, "include the messages already sent");
  cmd->footer(R"(Unsent drafts, oldest first, with their send-by time. 'kindly draft' and 'kindly accept' save
them; 'kindly sent ID' marks one as sent.

Examples:
  kindly drafts
  kindly drafts acme --full
  kindly drafts --all --json)");
  cmd->callback([opts, &s] { run_drafts(*opts, s); });
}

void setup_sent(CLI::App& app, Services& s) {
  auto opts = std::make_shared<SentOptions>();
  auto* cmd = app.add_subcommand("sent", "Record that a message went out, and close the opportunity to match.");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")->required()->option_text(" ");
  cmd->add_option("--at", opts->at, "when it went out (default: now), e.g. \"today 10:30\"")->type_name("TIME");
  cmd->add_option("--channel", opts->channel, "which draft: the one on this channel (email, phone, …)")
      ->type_name("CHANNEL");
  cmd->add_option("--kind", opts->kind, "what you sent, when you wrote it yourself without a kindly draft")
      ->type_name("KIND");
  cmd->footer(R"(Marks the newest unsent draft of the opportunity as sent and moves the opportunity to the
matching stage: a declined offer → declined, a withdrawn application → withdrawn, a declined
interview → declined-interview, a taken-back acceptance → rescinded. Other messages (negotiate,
keep in touch, …) are recorded without a move.

Examples:
  kindly sent acme
  kindly sent acme --channel phone --at "today 10:30"
  kindly sent globex --kind withdraw-application     (you wrote it yourself))");
  cmd->callback([opts, &s] { run_sent(*opts, s); });
}

}  // namespace kindly::cli
