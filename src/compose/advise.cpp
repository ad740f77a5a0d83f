// Channel and send-by advice: the channels.toml rules applied to one opportunity, in order.
#include "compose/advise.h"

#include <algorithm>
#include <cmath>

#include "compose/compose.h"
#include "core/error.h"

namespace kindly::compose {

namespace {

bool early(Stage s) { return s == Stage::invited || s == Stage::interviewing; }

std::string who(const Contact& c) {
  std::string role(enum_name(c.role, kContactRoleNames));
  std::string out = c.name.empty() ? "your " + role : c.name + " (" + role + (c.agency ? ", agency" : "") + ")";
  if (c.name.empty() && c.agency) out += " at the agency";
  return out;
}

const Contact* agency_recruiter(const std::vector<Contact>& contacts) {
  for (const auto& c : contacts) {
    if (c.agency && c.role == ContactRole::recruiter) return &c;
  }
  for (const auto& c : contacts) {
    if (c.agency) return &c;
  }
  return nullptr;
}

const Contact* with_role(const std::vector<Contact>& contacts, ContactRole role) {
  for (const auto& c : contacts) {
    if (c.role == role && !c.agency) return &c;
  }
  return nullptr;
}

// Who receives the decision: the agency recruiter when one represents the candidate, else the
// company's recruiter, HR, the hiring manager, anyone.
const Contact* primary(const std::vector<Contact>& contacts, bool via_agency) {
  if (via_agency) {
    if (const Contact* a = agency_recruiter(contacts)) return a;
  }
  for (ContactRole r : {ContactRole::recruiter, ContactRole::hr, ContactRole::hiring_manager}) {
    if (const Contact* c = with_role(contacts, r)) return c;
  }
  for (const auto& c : contacts) {
    if (!c.agency) return &c;
  }
  return contacts.empty() ? nullptr : &contacts.front();
}

bool is_call(const std::string& channel) { return channel == "phone" || channel == "video"; }

// The first thing to have ready for a call: the one-line reason of a no, or the ask.
std::string prepare_lead(const playbook::Playbook& pb, const decide::Verdict& v) {
  const std::string& kind = v.next.message_kind;
  if (kind == "ask-for-time") return "Your ask: a few more days, naming the day you will answer; wanting to decide well is reason enough.";
  if (kind == "negotiate") {
    std::string terms;
    for (const auto& t : v.negotiate_for) terms += (terms.empty() ? "" : "; ") + t;
    return "Your ask: " + (terms.empty() ? std::string("the terms that would make you say yes") : terms) + ".";
  }
  if (kind == "defer") return "Your ask: to pick the conversation up again in a few weeks, with the date you will call.";
  const playbook::Reason* r = v.next.reason_code.empty() ? nullptr : pb.reason(v.next.reason_code);
  if (r && r->state && !r->say.empty()) return "Your one-line reason: \"" + r->say + "\"";
  return "Your one-line reason: none is owed; a clear, kind no is enough.";
}

std::string when_text(Instant t, const date::time_zone* tz) { return tz ? format_local(t, tz) : format_iso_utc(t); }

std::string purpose_for(const std::string& channel, bool first) {
  if (channel == "voicemail") return "Leave a short voicemail with the decision.";
  if (!first) return "";
  if (is_call(channel)) return channel == "video" ? "Tell them on a video call." : "Tell them on a call.";
  if (channel == "linkedin") return "Send the decision as a LinkedIn message.";
  return "Send the decision by email.";
}

}  // namespace

bool condition_holds(const playbook::Playbook& pb, std::string_view cond, const Opportunity& o,
                     const std::vector<Contact>& contacts, const decide::Verdict& v, Instant now,
                     std::vector<std::string>* evidence, const date::time_zone* tz) {
  std::vector<std::string> ev;
  bool holds = false;
  if (cond == "rescinding") {
    holds = v.action == decide::Action::rescind;
    if (holds)
      ev.push_back("you are taking back your acceptance" +
                   (o.company.empty() ? std::string() : " of the offer from " + o.company) + " (verdict: rescind)");
  } else if (cond == "interview-within-24h") {
    double near = pb.timing.window("interview_near");
    if (o.interview_at && *o.interview_at >= now && (early(o.stage) || v.action == decide::Action::decline_interview)) {
      double hours = std::chrono::duration<double>(*o.interview_at - now).count() / 3600.0;
      holds = hours <= near;
      if (holds)
        ev.push_back("the interview is at " + when_text(*o.interview_at, tz) + ", " +
                     std::to_string(static_cast<long>(std::floor(hours))) + " hours from now (within " +
                     std::to_string(static_cast<long>(near)) + ")");
    }
  } else if (cond == "recruiter-represents") {
    if (const Contact* a = agency_recruiter(contacts)) {
      holds = true;
      ev.push_back((a->name.empty() ? std::string("an agency recruiter") : a->name) + " is an agency recruiter who represents you");
    }
  } else if (cond == "spoken-offer") {
    holds = o.offer_via == OfferVia::spoken;
    if (holds) ev.push_back("the offer was made by phone or in person (offer via: spoken)");
  } else if (cond == "close-rapport") {
    if (o.rapport == Rapport::high) ev.push_back("rapport: high");
    if (o.rounds && *o.rounds >= pb.channels.close_rapport_rounds)
      ev.push_back(std::to_string(*o.rounds) + " interview rounds (" + std::to_string(pb.channels.close_rapport_rounds) +
                   " or more count as close)");
    if (o.relocation.value_or(false)) ev.push_back("relocation: the role needs you to move");
    if (o.visa && *o.visa != Visa::not_needed)
      ev.push_back("a visa has been part of the talks (visa: " + std::string(enum_name(*o.visa, kVisaNames)) + ")");
    holds = !ev.empty();
  } else if (cond == "main-channel-linkedin") {
    holds = o.channel == Channel::linkedin;
    if (holds) ev.push_back("LinkedIn has been the main channel (channel: linkedin)");
  } else if (cond == "emailed-offer") {
    holds = o.offer_via == OfferVia::email || o.offer_via == OfferVia::letter;
    if (holds)
      ev.push_back("the offer came in writing (offer via: " + std::string(enum_name(*o.offer_via, kOfferViaNames)) + ")");
  } else if (cond == "early-formal") {
    holds = early(o.stage);
    if (holds) ev.push_back("an early stage (stage: " + std::string(to_string(o.stage)) + ")");
  } else if (cond == "always") {
    holds = true;
    ev.push_back("no more specific rule applies");
  }
  if (holds && evidence) *evidence = std::move(ev);
  return holds;
}

Advice advise(const playbook::Playbook& pb, const Opportunity& o, const std::vector<Contact>& contacts,
              const decide::Verdict& v, Instant now, const date::time_zone* tz) {
  Advice out;
  const playbook::ChannelRule* fired = nullptr;
  for (const auto& r : pb.channels.rules) {
    std::vector<std::string> ev;
    if (!condition_holds(pb, r.when, o, contacts, v, now, &ev, tz)) continue;
    if (!fired) {
      fired = &r;
      out.rule = {r.id, r.text, std::move(ev)};
    } else if (r.when != "always") {
      out.skipped.push_back(r.id);
    }
  }
  if (!fired || fired->channels.empty())
    throw Error(ErrorKind::internal, "no channel rule in channels.toml applies",
                "end channels.toml with a rule whose when is \"always\"");

  // Who hears it.
  bool via_agency = fired->when == "recruiter-represents";
  const Contact* to = primary(contacts, via_agency);
  std::string to_text = to ? who(*to) : (o.company.empty() ? std::string("your contact") : "your contact at " + o.company);
  if (fired->channels.front() == "linkedin" && to && to->linkedin.empty()) {
    for (const auto& c : contacts) {
      if (!c.linkedin.empty()) {
        to = &c;
        to_text = who(c);
        break;
      }
    }
  }

  // What to have ready: the one-line reason, and the likely questions with short answers (the
  // phrasebook's, the same ones the phone script carries).
  std::vector<std::string> prepare = {prepare_lead(pb, v)};
  if (!v.next.message_kind.empty()) {
    Facts facts;
    facts.company = o.company;
    facts.role = o.role;
    for (const auto& t : v.negotiate_for) facts.terms += (facts.terms.empty() ? "" : "; ") + t;
    auto questions = Composer(pb).questions(v.next.message_kind, facts);
    prepare.insert(prepare.end(), questions.begin(), questions.end());
  }

  bool called = false;
  for (std::size_t i = 0; i < fired->channels.size(); ++i) {
    const std::string& ch = fired->channels[i];
    AdviceStep s;
    s.channel = ch;
    s.to = to_text;
    if (to) s.contact_id = to->id;
    s.rule = fired->id;
    bool confirmation = called && !is_call(ch) && ch != "voicemail";
    s.kind = confirmation ? "confirmation" : "decision";
    s.purpose = confirmation ? pb.channels.confirm : purpose_for(ch, i == 0);
    if (s.purpose.empty()) s.purpose = "Deliver the decision.";
    if (is_call(ch)) {
      s.prepare = prepare;
      s.if_unreachable = pb.channels.unreachable;
      called = true;
    }
    out.steps.push_back(std::move(s));
  }
  // Every call is confirmed in writing, even when an override's rule forgets it.
  if (called && (out.steps.back().kind != "confirmation")) {
    AdviceStep s;
    s.channel = "email";
    s.kind = "confirmation";
    s.to = to_text;
    if (to) s.contact_id = to->id;
    s.purpose = pb.channels.confirm;
    s.rule = "confirm-in-writing";
    out.steps.push_back(std::move(s));
  }
  // The recruiter delivers; a hiring manager the candidate got on well with also gets a note.
  if (via_agency && !fired->note.empty() && o.rapport == Rapport::high) {
    if (const Contact* hm = with_role(contacts, ContactRole::hiring_manager)) {
      AdviceStep s;
      s.channel = "email";
      s.kind = "note";
      s.to = who(*hm);
      s.contact_id = hm->id;
      s.purpose = fired->note;
      s.rule = fired->id;
      out.steps.push_back(std::move(s));
      out.rule.evidence.push_back((hm->name.empty() ? std::string("the hiring manager") : hm->name) +
                                  " is the hiring manager, and rapport is high");
    }
  }

  // By when.
  out.send_by = v.next.by;
  out.send_by_rule = v.next.timing_rule;
  if (fired->when == "interview-within-24h") {
    out.send_by = now;
    out.send_by_rule = "the interview is less than " + std::to_string(static_cast<int>(pb.timing.window("interview_near"))) +
                       " hours away: call now, so nobody prepares for a meeting that will not happen";
    out.now = true;
  } else if (fired->when == "rescinding") {
    if (!out.send_by || *out.send_by > now) out.send_by = now;
    if (out.send_by_rule.empty()) out.send_by_rule = "taking back an acceptance: at once";
    out.now = true;
  }
  return out;
}

std::vector<std::string> advice_lines(const Advice& a, const date::time_zone* tz) {
  std::vector<std::string> out;
  out.push_back("How: " + a.rule.explanation + " [" + a.rule.id + "]");
  for (const auto& e : a.rule.evidence) out.push_back("  because " + e);
  if (a.now) {
    out.push_back("When: now" + (a.send_by_rule.empty() ? std::string() : " [" + a.send_by_rule + "]"));
  } else if (a.send_by) {
    out.push_back("When: by " + (tz ? format_local(*a.send_by, tz) : format_iso_utc(*a.send_by)) +
                  (a.send_by_rule.empty() ? std::string() : " [" + a.send_by_rule + "]"));
  }
  std::size_t n = 0;
  for (const auto& s : a.steps) {
    out.push_back(std::to_string(++n) + ". " + s.channel + " → " + s.to + ": " + s.purpose + " [" + s.rule + "]");
    for (const auto& p : s.prepare) out.push_back("   - " + p);
    if (!s.if_unreachable.empty()) out.push_back("   " + s.if_unreachable);
  }
  return out;
}

}  // namespace kindly::compose
