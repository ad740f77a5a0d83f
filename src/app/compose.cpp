// Saying it: advice, drafts, the sent record and the close-out cascade, over the store.
#include "app/compose.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include <date/date.h>
#include <date/tz.h>

#include "app/decide.h"
#include "app/tracker.h"
#include "core/error.h"
#include "core/stage.h"
#include "core/suggest.h"

namespace kindly {

namespace {

using namespace std::chrono;

/// "Thursday 5 March", in the user's zone: how a message names a day.
std::string day_text(Instant t, const date::time_zone* tz) {
  static constexpr std::array<const char*, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
  static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                          "May",     "June",     "July",      "August",
                                                          "September", "October", "November", "December"};
  auto since = tz ? tz->to_local(floor<seconds>(t)).time_since_epoch() : floor<seconds>(t).time_since_epoch();
  auto days = floor<date::days>(since);
  date::year_month_day ymd{date::sys_days{days}};
  date::weekday wd{date::sys_days{days}};
  return std::string(kDays[wd.c_encoding()]) + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1];
}

/// "Jane Roe <jane@acme.example>", or the name alone, or the address alone.
std::string recipient_of(const Contact& c) {
  if (c.email.empty()) return c.name;
  if (c.name.empty()) return c.email;
  return c.name + " <" + c.email + ">";
}

const Contact* contact_by_id(const std::vector<Contact>& contacts, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  for (const auto& c : contacts) {
    if (c.id == *id) return &c;
  }
  return nullptr;
}

/// The channel a phrasebook kind can go out on for an advised channel ("video" is a call).
std::optional<std::string> draftable(const playbook::MessageKind& kind, const std::string& advised) {
  std::string ch = advised == "video" ? "phone" : advised;
  if (std::find(kind.channels.begin(), kind.channels.end(), ch) != kind.channels.end()) return ch;
  return std::nullopt;
}

const playbook::MessageKind& known_kind(const playbook::Playbook& pb, const std::string& id, const std::string& option) {
  if (const auto* k = pb.phrasebook.kind(id)) return *k;
  std::vector<std::string> names;
  for (const auto& k : pb.phrasebook.kinds) names.push_back(k.id);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  auto near = did_you_mean(id, names);
  throw_usage(option + ": unknown message kind '" + id + "'" + (near.empty() ? "" : "; " + near),
              "the kinds: " + known);
}

void check_choice(const std::vector<std::string>& known, const std::string& value, const std::string& option,
                  const std::string& what) {
  if (std::find(known.begin(), known.end(), value) != known.end()) return;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  auto near = did_you_mean(value, known);
  throw_usage(option + ": unknown " + what + " '" + value + "'" + (near.empty() ? "" : "; " + near),
              "use one of: " + list);
}

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

/// The verdict for an open opportunity: the latest answers of the same framework (or none),
/// on today's tracker facts.
struct Judged {
  decide::Verdict verdict;
  bool from_answers = false;
};

Judged judge(Context& ctx, const playbook::Playbook& pb, const Opportunity& o, const Profile& profile) {
  std::vector<Opportunity> others;
  auto sit = situation_for(ctx, o, profile, others);
  decide::Framework framework = decide::framework_for(sit);
  Judged j;
  decide::Answers answers;
  answers.framework = framework;
  if (auto prev = latest_answers(ctx, o.id); prev && prev->framework == framework) {
    answers = *prev;
    j.from_answers = true;
  }
  j.verdict = decide::decide(pb, sit, answers);
  return j;
}

/// Closed opportunities have nothing to deliver: say so, with what can still be written.
[[noreturn]] void closed_conflict(const Opportunity& o) {
  std::string where = o.stage == Stage::started ? " has started" : " is " + std::string(to_string(o.stage));
  throw Error(ErrorKind::conflict, o.id + where + ": the decision is made, so there is nothing to deliver",
              "to write to them now, pick a message: kindly draft " + o.id +
                  " --kind keep-in-touch (or repair, re-engage, referral)");
}

/// How to say no at a stage (stages.toml): the action and the message that carries it.
struct SayingNo {
  decide::Action action = decide::Action::decline;
  std::string kind = "decline-offer";
};

SayingNo saying_no(const playbook::Playbook& pb, Stage stage) {
  SayingNo out;
  const auto* st = pb.stage(to_string(stage));
  if (!st || st->message.empty()) return out;
  out.kind = st->message;
  for (std::size_t i = 0; i < decide::kActionNames.size(); ++i) {
    if (decide::kActionNames[i] == st->no) out.action = static_cast<decide::Action>(i);
  }
  return out;
}

/// "a, b and c".
std::string natural_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

/// The contact `--to` names: its number, or a unique start of its name (any word, any case).
const Contact* pick_contact(const std::vector<Contact>& contacts, const std::string& wanted, const std::string& id) {
  std::vector<std::string> names;
  for (const auto& c : contacts) names.push_back(c.name);
  if (contacts.empty()) {
    throw Error(ErrorKind::not_found, "--to: " + id + " has no contacts yet",
                "add one: kindly contact add " + id + " \"NAME\" --role recruiter --email ADDRESS");
  }
  std::vector<const Contact*> hits;
  std::string w = lower_ascii(wanted);
  for (const auto& c : contacts) {
    if (std::to_string(c.id) == wanted) return &c;
    std::string name = lower_ascii(c.name);
    bool match = name.rfind(w, 0) == 0;
    for (std::size_t sp = name.find(' '); !match && sp != std::string::npos; sp = name.find(' ', sp + 1)) {
      match = name.compare(sp + 1, w.size(), w) == 0;
    }
    if (match) hits.push_back(&c);
  }
  if (hits.size() == 1) return hits.front();
  std::string list;
  for (const auto& c : contacts) list += (list.empty() ? "" : ", ") + c.name + " (" + std::to_string(c.id) + ")";
  if (hits.empty()) throw_usage("--to: no contact of " + id + " called '" + wanted + "'", "the contacts: " + list);
  throw_usage("--to: '" + wanted + "' fits more than one contact of " + id, "say which: " + list);
}

/// Saves a draft; a new draft of the same message (opportunity, kind, channel) replaces the
/// unsent one, so redrafting does not pile up copies. Sent messages are history and stay.
std::int64_t save_draft(Context& ctx, SavedMessage s) {
  for (const auto& before : ctx.store.messages(s.opportunity_id)) {
    if (before.status == "draft" && before.kind == s.kind && before.channel == s.channel) s.id = before.id;
  }
  if (s.id > 0) {
    ctx.store.update_message(s);
    return s.id;
  }
  return ctx.store.add_message(s);
}

}  // namespace

namespace {

/// The advice for an opportunity already loaded with its contacts and the profile.
AdviseResult advise_loaded(Context& ctx, const playbook::Playbook& pb, const Opportunity& o,
                           std::vector<Contact> contacts, const Profile& profile) {
  AdviseResult r;
  r.opportunity = o;
  if (!is_open(r.opportunity.stage)) closed_conflict(r.opportunity);
  r.contacts = std::move(contacts);
  Judged j = judge(ctx, pb, r.opportunity, profile);
  r.verdict = std::move(j.verdict);
  r.from_answers = j.from_answers;
  r.advice = compose::advise(pb, r.opportunity, r.contacts, r.verdict, ctx.now(), ctx.tz);
  return r;
}

}  // namespace

AdviseResult advise_opportunity(Context& ctx, const playbook::Playbook& pb, const std::string& id) {
  Opportunity o = load(ctx, id);
  return advise_loaded(ctx, pb, o, ctx.store.contacts(o.id), ctx.store.profile());
}

void check_message_kind(const playbook::Playbook& pb, const std::string& kind, const std::string& option) {
  known_kind(pb, kind, option);
}

void check_message_channel(const playbook::Playbook& pb, const std::string& channel, const std::string& option) {
  std::vector<std::string> chans;
  for (const auto& c : pb.phrasebook.channels) chans.push_back(c.id);
  check_choice(chans, channel, option, "channel");
}

std::optional<Stage> stage_after_sending(const playbook::Playbook& pb, const std::string& kind) {
  const auto* k = pb.phrasebook.kind(kind);
  if (!k || k->moves_to.empty()) return std::nullopt;
  return parse_enum<Stage>(k->moves_to, kStageNames);
}

DraftResult draft_message(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                          const DraftOptions& options) {
  DraftResult r;
  r.opportunity = load(ctx, id);
  const Opportunity& o = r.opportunity;
  auto contacts = ctx.store.contacts(o.id);
  Profile profile = ctx.store.profile();

  // Validate what the user typed before anything else.
  if (options.kind) known_kind(pb, *options.kind, "--kind");
  if (options.tone) check_choice(pb.phrasebook.tones, *options.tone, "--tone", "tone");
  if (options.reason) {
    std::vector<std::string> codes;
    for (const auto& reason : pb.reasons) codes.push_back(reason.code);
    check_choice(codes, *options.reason, "--reason", "reason");
  }
  if (options.channel && *options.channel != "all") check_message_channel(pb, *options.channel);

  // The verdict and the advice, for an open opportunity.
  std::optional<AdviseResult> advised;
  if (is_open(o.stage) && o.stage != Stage::started) advised = advise_loaded(ctx, pb, o, contacts, profile);
  // Closed by a message kindly knows of (a call recorded with 'kindly sent', say): the written
  // confirmation of that same message can still be drafted.
  std::optional<SavedMessage> closing;
  bool call_done = false;
  if (!advised) {
    for (const auto& m : ctx.store.messages(o.id)) {
      if (stage_after_sending(pb, m.kind) != o.stage) continue;
      if (!closing || m.status == "sent") closing = m;  // the message that went out closed it
      call_done = call_done || (m.status == "sent" && m.channel == "phone");
    }
  }
  if (!advised && !options.kind && !closing) closed_conflict(o);

  std::string kind_id;
  // The verdict's message, whether the user named it or not: then its reason, its send-by and
  // the advised channels all apply.
  bool verdicts = advised && (!options.kind || *options.kind == advised->verdict.next.message_kind);
  // Any message that moves the stage (a decision, a negotiation) follows the channel advice (a
  // spoken offer → a call).
  bool delivers = verdicts || (advised && options.kind && stage_after_sending(pb, *options.kind));
  if (options.kind) {
    kind_id = *options.kind;
    r.choices.push_back({"kind", kind_id, verdicts ? "--kind (also the verdict's)" : "--kind"});
  } else if (!advised) {
    kind_id = closing->kind;
    r.choices.push_back({"kind", kind_id,
                         "message #" + std::to_string(closing->id) + " (" + closing->channel + ", " + closing->status +
                             (closing->status == "sent" ? "), which closed " + o.id : ")")});
  } else {
    const auto& v = advised->verdict;
    kind_id = v.next.message_kind;
    if (kind_id.empty() && o.stage == Stage::accepted) {
      throw Error(ErrorKind::conflict, "you have accepted " + o.id + ", and the verdict is to keep it: there is nothing to send",
                  "doubts? kindly decide " + o.id + " asks the questions for taking an acceptance back; to write anyway, "
                  "pick a message with --kind");
    }
    if (kind_id.empty()) {
      throw Error(ErrorKind::conflict,
                  "the verdict for " + o.id + " is to " + std::string(decide::action_name(v.action)) +
                      ": there is no decline to write",
                  "accept it with 'kindly accept " + o.id +
                      "' (which drafts the notes to your other opportunities), or pick a message with --kind "
                      "(negotiate, ask-for-time, expedite, …)");
    }
    std::string why;
    for (const auto& f : v.findings) {
      if (f.decisive) why = f.rule;
    }
    r.choices.push_back({"kind", kind_id,
                         std::string(advised->from_answers ? "the verdict" : "the verdict on the tracker's facts") + ": " +
                             std::string(decide::action_name(v.action)) + (why.empty() ? "" : " (rule " + why + ")")});
  }
  const auto& kind = known_kind(pb, kind_id, "--kind");

  std::string reason = "none";
  if (options.reason) {
    reason = *options.reason;
    r.choices.push_back({"reason", reason, "--reason"});
  } else if (!advised && !options.kind && !closing->reason.empty()) {
    reason = closing->reason;
    r.choices.push_back({"reason", reason, "message #" + std::to_string(closing->id)});
  } else if (verdicts && !advised->verdict.next.reason_code.empty()) {
    reason = advised->verdict.next.reason_code;
    r.choices.push_back({"reason", reason, "the verdict"});
  } else if (kind.reason) {
    r.choices.push_back({"reason", reason, "none given (add one with --reason)"});
  }

  // Channels: --channel, else the first advised step this kind can go out on, else email.
  std::vector<std::string> channels;
  const compose::AdviceStep* step = nullptr;
  if (options.channel && *options.channel == "all") {
    channels = kind.channels;
    r.choices.push_back({"channel", "all", "--channel all"});
  } else if (options.channel) {
    if (!draftable(kind, *options.channel)) {
      throw_usage("--channel: a " + kind_id + " message does not go out by " + *options.channel,
                  "use one of: " + joined(kind.channels, ", "));
    }
    channels = {*options.channel};
    r.choices.push_back({"channel", *options.channel, "--channel"});
  } else {
    // The advised sequence: the call's script, then the confirming email (notes to other
    // people, such as a hiring manager, are drafted with --kind on their own).
    if (delivers) {
      for (const auto& s : advised->advice.steps) {
        if (s.kind == "note") continue;
        auto ch = draftable(kind, s.channel);
        if (!ch || std::find(channels.begin(), channels.end(), *ch) != channels.end()) continue;
        channels.push_back(*ch);
        if (!step) step = &s;
      }
    }
    if (channels.empty()) channels = {draftable(kind, "email") ? "email" : kind.channels.front()};
    r.choices.push_back({"channel", joined(channels, ", then "),
                         step ? "channels.toml rule " + step->rule : std::string("the default for a written message")});
  }

  std::string tone = "warm";
  if (options.tone) {
    tone = *options.tone;
    r.choices.push_back({"tone", tone, "--tone"});
  } else if (advised && advised->advice.rule.id == "early-formal") {
    tone = "formal";
    r.choices.push_back({"tone", tone, "channels.toml rule early-formal (an early stage, a formal contact)"});
  } else {
    r.choices.push_back({"tone", tone, "the default (--tone formal or detailed for another)"});
  }

  // The recipient: --to, else the advised step's contact, else the company's recruiter, HR, anyone.
  const Contact* to = nullptr;
  if (options.to) {
    to = pick_contact(contacts, *options.to, o.id);
  } else {
    to = step ? contact_by_id(contacts, step->contact_id) : nullptr;
    if (!to && delivers && !advised->advice.steps.empty()) to = contact_by_id(contacts, advised->advice.steps.front().contact_id);
  }
  if (!to) {
    for (ContactRole role : {ContactRole::recruiter, ContactRole::hr, ContactRole::hiring_manager}) {
      for (const auto& c : contacts) {
        if (!to && c.role == role) to = &c;
      }
    }
    if (!to && !contacts.empty()) to = &contacts.front();
  }
  if (to) {
    r.to = *to;
    r.choices.push_back({"recipient", recipient_of(*to),
                         options.to ? "--to" : step ? "channels.toml rule " + step->rule : "your contacts"});
  }

  compose::Facts facts;
  facts.opportunity_id = o.id;
  facts.company = o.company;
  facts.role = o.role;
  facts.contact_name = to ? to->name : "";
  facts.name = profile.name;
  facts.signature = profile.signature;
  facts.personal = options.personal.value_or("");
  if (advised) facts.terms = natural_list(advised->verdict.negotiate_for);
  if (kind_id == "ask-for-time") {
    double hours = pb.timing.window("decision_window_max");
    Instant by = ctx.now() + seconds{static_cast<long long>(std::llround(hours * 3600))};
    facts.answer_by = day_text(by, ctx.tz);
  } else if (kind_id == "expedite") {
    // The deadline of the offer the user holds elsewhere.
    std::optional<Instant> held;
    for (const auto& other : ctx.store.list({Scope::open, std::nullopt})) {
      if (other.id == o.id || !other.offer_deadline) continue;
      if (other.stage != Stage::offer && other.stage != Stage::negotiating) continue;
      if (!held || *other.offer_deadline < *held) held = other.offer_deadline;
    }
    if (held) facts.answer_by = day_text(*held, ctx.tz);
  } else if (o.offer_deadline) {
    facts.answer_by = day_text(*o.offer_deadline, ctx.tz);
  }

  compose::Composer composer(pb);
  bool called = false;
  for (const auto& ch : channels) {
    compose::ComposeRequest req;
    req.kind = kind_id;
    req.reason_code = reason;
    req.tone = tone;
    req.channel = ch;
    req.variant = options.variant;
    req.stage = std::string(to_string(o.stage));
    // In the advised sequence, the email after a call confirms it (not with --channel all,
    // where each channel is an alternative).
    req.after_call = (called || (call_done && !options.kind)) && ch == "email" &&
                     !(options.channel && *options.channel == "all");
    called = called || ch == "phone";
    req.facts = facts;
    r.messages.push_back(composer.compose(req));
  }
  if (verdicts) {
    r.send_by = advised->advice.send_by;
    r.send_by_rule = advised->advice.send_by_rule;
  }
  r.reason = reason;
  r.variant = options.variant ? static_cast<std::int64_t>(*options.variant) + 1 : 0;
  if (options.save) save_drafts(ctx, r);
  return r;
}

void save_drafts(Context& ctx, DraftResult& r) {
  WriteTransaction tx(ctx.store);
  r.message_ids.clear();
  std::vector<std::string> channels;
  for (const auto& m : r.messages) {
    SavedMessage s;
    s.opportunity_id = r.opportunity.id;
    s.kind = m.kind;
    s.channel = m.channel;
    s.tone = m.tone;
    s.reason = r.reason;
    s.variant = r.variant;
    s.recipient = r.to ? recipient_of(*r.to) : "";
    s.subject = m.subject;
    s.body = m.body;
    s.created_at = ctx.now();
    s.send_by = r.send_by;
    r.message_ids.push_back(save_draft(ctx, s));
    channels.push_back(m.channel);
  }
  std::string ids;
  for (auto id : r.message_ids) ids += (ids.empty() ? "#" : ", #") + std::to_string(id);
  log_line(ctx, r.opportunity.id, "draft",
           "drafted " + r.messages.front().kind + " (" + joined(channels, ", ") + "), draft " + ids);
  tx.commit();
}

std::vector<SavedMessage> list_messages(Context& ctx, const std::string& id) {
  if (id.empty()) return ctx.store.messages("");
  return ctx.store.messages(resolve_id(ctx.store, id));
}

SentResult mark_sent(Context& ctx, const playbook::Playbook& pb, const std::string& id, std::optional<Instant> at,
                     const std::optional<std::string>& channel, const std::optional<std::string>& kind) {
  WriteTransaction tx(ctx.store);
  Opportunity o = load(ctx, id);
  Instant when = at.value_or(ctx.now());
  if (when > ctx.now() + minutes{1}) {
    throw_usage("--at: that is in the future", "record a message when it has gone out; leave --at out for now");
  }
  auto all = ctx.store.messages(o.id);
  // The first unsent draft: drafts are saved in the advised order (the call's script before the
  // confirming email), so this is the step that comes first.
  const SavedMessage* pick = nullptr;
  for (const auto& m : all) {
    if (m.status != "draft") continue;
    if (channel && m.channel != *channel) continue;
    if (kind && m.kind != *kind) continue;
    pick = &m;
    break;
  }
  SentResult r;
  if (pick) {
    r.message = *pick;
  } else if (kind) {
    r.message.opportunity_id = o.id;
    r.message.kind = *kind;
    r.message.channel = channel.value_or("email");
    r.message.origin = "sent";
    r.message.created_at = when;
  } else {
    std::string which = channel ? " on " + *channel : "";
    throw Error(ErrorKind::not_found, o.id + " has no unsent draft" + which,
                "draft one with 'kindly draft " + o.id + "', or say what you sent: kindly sent " + o.id + " --kind " +
                    saying_no(pb, o.stage).kind + " --channel phone");
  }
  r.message.status = "sent";
  r.message.sent_at = when;
  if (r.message.id > 0) {
    ctx.store.update_message(r.message);
  } else {
    r.message.id = ctx.store.add_message(r.message);
  }
  LogEntry line;
  line.at = when;
  line.opportunity_id = o.id;
  line.kind = "sent";
  line.text = r.message.kind + " sent by " + r.message.channel + " (message #" + std::to_string(r.message.id) + ")";
  ctx.store.append_log(line);
  // The message is recorded whatever the stage; the move happens where the stage table allows it.
  std::optional<Stage> to = stage_after_sending(pb, r.message.kind);
  if (to && *to != o.stage && !can_move(o.stage, *to)) {
    r.not_moved = "stays " + std::string(to_string(o.stage)) + ": the stage table has no move from " +
                  std::string(to_string(o.stage)) + " to " + std::string(to_string(*to));
    to.reset();
  }
  if (to && *to != o.stage) {
    auto moved = move_within(ctx, o.id, *to, when);
    r.moved_from = moved.from;
    r.moved_to = moved.to;
  }
  tx.commit();
  return r;
}

AcceptResult accept_offer(Context& ctx, const playbook::Playbook& pb, const std::string& id) {
  WriteTransaction tx(ctx.store);
  AcceptResult r;
  Opportunity o = load(ctx, id);
  if (o.stage != Stage::offer && o.stage != Stage::negotiating) {
    if (o.stage == Stage::accepted) {
      throw Error(ErrorKind::conflict, o.id + " is already accepted",
                  "see the notes to your other opportunities with: kindly drafts");
    }
    throw Error(ErrorKind::conflict,
                o.id + " is at stage " + std::string(to_string(o.stage)) + ": only an offer can be accepted",
                "record the offer first: kindly move " + o.id + " offer");
  }
  for (const auto& other : ctx.store.list({Scope::open, std::nullopt})) {
    if (other.id != o.id && (other.stage == Stage::accepted || other.stage == Stage::started)) {
      throw Error(ErrorKind::conflict,
                  "you have already accepted " + other.id + " (" + other.company + ")",
                  "to switch, first decide on that acceptance: kindly decide " + other.id +
                      " (kindly advises on taking it back, kindly draft " + other.id + " writes the message)");
    }
  }
  r.accepted = move_within(ctx, o.id, Stage::accepted, ctx.now()).opportunity;

  Profile profile = ctx.store.profile();
  compose::Composer composer(pb);
  // Read once: every verdict below sees the same open opportunities, the new acceptance among them.
  const std::vector<Opportunity> open = ctx.store.list({Scope::open, std::nullopt});
  for (const auto& other : open) {
    if (other.id == o.id || other.stage == Stage::accepted || other.stage == Stage::started) continue;
    auto contacts = ctx.store.contacts(other.id);
    // The verdict for the other opportunity, now that an offer is accepted: a prompt, courteous no.
    decide::Situation sit{other, profile, open, ctx.now()};
    decide::Answers answers;
    answers.framework = decide::framework_for(sit);
    answers.lean = "decline";
    answers.reason = "accepted-other-offer";
    decide::Verdict v = decide::decide(pb, sit, answers);
    // The cascade closes every process: how to say no at its stage is stages.toml's.
    SayingNo no = saying_no(pb, other.stage);
    std::string kind = no.kind;
    if (v.next.message_kind != kind) {
      v.action = no.action;
      v.next.message_kind = kind;
    }
    v.next.reason_code = "accepted-other-offer";
    compose::Advice advice = compose::advise(pb, other, contacts, v, ctx.now(), ctx.tz);

    // The advised sequence (a call's script, then the confirming email), to the advised person.
    const auto& message_kind = *pb.phrasebook.kind(kind);
    const Contact* to = nullptr;
    std::vector<std::string> channels;
    for (const auto& s : advice.steps) {
      if (s.kind == "note") continue;
      auto ch = draftable(message_kind, s.channel);
      if (!ch || std::find(channels.begin(), channels.end(), *ch) != channels.end()) continue;
      channels.push_back(*ch);
      if (!to) to = contact_by_id(contacts, s.contact_id);
    }
    if (channels.empty()) channels.push_back("email");
    if (!to && !contacts.empty()) to = &contacts.front();

    AcceptResult::Closing c{other, {}, {}, advice.send_by, advice.send_by_rule, advice.rule.id};
    bool called = false;
    for (const auto& channel : channels) {
      compose::ComposeRequest req;
      req.kind = kind;
      req.stage = std::string(to_string(other.stage));
      req.after_call = called && channel == "email";
      called = called || channel == "phone";
      req.reason_code = "accepted-other-offer";
      req.tone = advice.rule.id == "early-formal" ? "formal" : "warm";
      req.channel = channel;
      req.facts.opportunity_id = other.id;
      req.facts.company = other.company;
      req.facts.role = other.role;
      req.facts.contact_name = to ? to->name : "";
      req.facts.name = profile.name;
      req.facts.signature = profile.signature;
      c.messages.push_back(composer.compose(req));
      const auto& m = c.messages.back();
      SavedMessage s;
      s.opportunity_id = other.id;
      s.kind = kind;
      s.channel = channel;
      s.tone = req.tone;
      s.reason = req.reason_code;
      s.variant = m.variant;
      s.recipient = to ? recipient_of(*to) : "";
      s.subject = m.subject;
      s.body = m.body;
      s.origin = "accept";
      s.created_at = ctx.now();
      s.send_by = c.send_by;
      c.message_ids.push_back(save_draft(ctx, s));
    }
    log_line(ctx, other.id, "draft", "drafted " + kind + " (" + joined(channels, ", then ") + ") after accepting " + o.id);
    r.closings.push_back(std::move(c));
  }
  tx.commit();
  return r;
}

}  // namespace kindly
