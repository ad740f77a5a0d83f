// The rules of the decision part of the playbook, applied in one place. Every rule that fires
// leaves a Finding with its evidence; the action comes from the decisive one.
#include "decide/verdict.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>

#include "core/error.h"
#include "core/fields.h"
#include "core/stage.h"
#include "core/suggest.h"
#include "decide/non_negotiables.h"

namespace kindly::decide {

namespace {

using namespace std::chrono;
using playbook::Playbook;

std::string join(const std::vector<std::string>& parts, std::string_view sep = "; ") {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string count_word(std::size_t n) {
  static const char* words[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight"};
  return n < 9 ? words[n] : std::to_string(n);
}

const Opportunity* accepted_elsewhere(const Situation& s) {
  for (const auto& o : s.others) {
    if (o.id != s.opportunity.id && (o.stage == Stage::accepted || o.stage == Stage::started)) return &o;
  }
  return nullptr;
}

Answer merged(const std::map<std::string, Answer>& user, const std::map<std::string, Answer>& pre,
              const std::string& id) {
  if (auto it = user.find(id); it != user.end() && it->second != Answer::unanswered) return it->second;
  if (auto it = pre.find(id); it != pre.end()) return it->second;
  return Answer::unanswered;
}

// A playbook sentence used after a colon: lower-case start, no full stop.
std::string clause(std::string text) {
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      !std::isupper(static_cast<unsigned char>(text[1])))
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string hours_text(double h) {
  if (h <= 0) return "at once";
  if (h < 48 || std::fmod(h, 24) != 0) return "within " + std::to_string(static_cast<int>(h)) + " hours";
  return "within " + std::to_string(static_cast<int>(h / 24)) + " days";
}

// Collects concerns, keyed by id, with the evidence that raised them.
class Concerns {
 public:
  explicit Concerns(const Playbook& pb) : m_pb(pb) {}

  void add(const std::string& id, const std::string& evidence, bool non_negotiable = false) {
    for (auto& c : m_list) {
      if (c.id == id) {
        if (!evidence.empty() && c.evidence.find(evidence) == std::string::npos)
          c.evidence += (c.evidence.empty() ? "" : "; ") + evidence;
        c.non_negotiable = c.non_negotiable || non_negotiable;
        return;
      }
    }
    const auto* def = m_pb.concern(id);
    m_list.push_back({id, def ? def->label : id, def ? def->kind : "structural", evidence, non_negotiable});
  }

  /// A concern that is not in concerns.toml (a free-text non-negotiable).
  void add_own(const std::string& id, const std::string& label, const std::string& kind, const std::string& evidence) {
    m_list.push_back({id, label, kind, evidence, true});
  }

  std::vector<ConcernFound> of_kind(std::string_view kind) const {
    std::vector<ConcernFound> out;
    for (const auto& c : m_list) {
      if (c.kind == kind) out.push_back(c);
    }
    return out;
  }
  bool empty() const { return m_list.empty(); }
  bool has(std::string_view id) const {
    return std::any_of(m_list.begin(), m_list.end(), [&](const ConcernFound& c) { return c.id == id; });
  }

 private:
  const Playbook& m_pb;
  std::vector<ConcernFound> m_list;
};

// The reason code a message will carry, from what drove the verdict.
std::string reason_from(const Answers& a, const std::vector<Finding>& findings,
                        const std::vector<ConcernFound>& structural,
                        const std::vector<ConcernFound>& fixable, bool elsewhere) {
  if (!a.reason.empty()) return a.reason;
  if (elsewhere) return "accepted-other-offer";
  for (const auto& f : findings) {
    if (!f.decisive || !f.rule.starts_with("mobility:")) continue;
    if (f.rule == "mobility:relocation-not-assured") return "relocation";
    if (f.rule == "mobility:unlawful-remote") return "location";
    return "visa";
  }
  auto first = [&](const std::vector<ConcernFound>& v) { return v.empty() ? std::string() : v.front().id; };
  std::string c = first(structural);
  if (c.empty()) c = first(fixable);
  if (c == "culture" || c == "manager" || c == "team" || c == "working-style") return "culture-manager";
  if (c == "values") return "culture-manager";  // said as "not the right fit", never as criticism
  if (c == "trajectory") return "role-mismatch";
  if (c == "salary" || c == "total-pay" || c == "benefits") return "compensation";
  if (c == "visa-support") return "visa";
  if (c == "relocation-package") return "relocation";
  if (c == "remote") return "location";
  if (c == "scope" || c == "title") return "offer-differs";
  return "none";
}

std::string fill_ask(std::string ask, const Situation& s, const std::vector<NonNegotiable>& nns) {
  auto replace = [&](std::string_view key, const std::string& value) {
    for (std::size_t pos; (pos = ask.find(key)) != std::string::npos;) ask.replace(pos, key.size(), value);
  };
  for (const auto& nn : nns) {
    if (nn.kind == "min-base") {
      replace("{{minimum}}", group_thousands(*nn.amount) + (s.opportunity.currency.empty() ? "" : " " + s.opportunity.currency));
    }
    if (nn.kind == "work-mode") {
      std::string modes;
      for (std::size_t i = 0; i < nn.modes.size(); ++i)
        modes += (i ? " or " : "") + std::string(enum_name(nn.modes[i], kWorkModeNames));
      replace("{{work_mode}}", modes);
    }
  }
  if (ask.find("{{minimum}}") != std::string::npos) return "a higher base salary";
  replace("{{work_mode}}", "hybrid or remote");
  return ask;
}

void decide_offer(const Playbook& pb, const Situation& s, const Answers& a, const Prefill& pre, Verdict& v) {
  const Opportunity& o = s.opportunity;
  Concerns concerns(pb);
  auto& F = v.findings;
  std::vector<NonNegotiable> nns;
  for (const auto& text : s.profile.non_negotiables) nns.push_back(parse_non_negotiable(text));

  const Opportunity* elsewhere = accepted_elsewhere(s);
  if (elsewhere) {
    F.push_back({"accepted-elsewhere", "you accepted " + elsewhere->id + " (" + elsewhere->company + ")",
                 "with another offer accepted, this one deserves a prompt and courteous no", "decline"});
  }

  // Non-negotiables first: a breach is a decline unless negotiation can fix it.
  bool negotiated = o.stage == Stage::negotiating;
  for (const auto& nn : nns) {
    Answer met = merged(a.non_negotiables, pre.answers.non_negotiables, nn.text);
    if (met != Answer::no) continue;
    std::string ev = check_non_negotiable(nn, o).evidence;
    if (nn.kind == "free-text") ev = "'" + nn.text + "' is not met";
    std::string concern = nn.concern.empty() ? "" : nn.concern;
    bool fixable = !concern.empty() && pb.concern(concern) && pb.concern(concern)->kind == "fixable";
    if (fixable) concerns.add(concern, ev, true);
    if (negotiated) {
      F.push_back({"non-negotiable", ev, "still not met after negotiating: the employer cannot meet a non-negotiable, so decline", "decline"});
    } else if (fixable) {
      F.push_back({"non-negotiable", ev, "a non-negotiable is not met; negotiation may fix it, otherwise decline", "negotiate"});
    } else {
      if (concern.empty()) {
        concerns.add_own("non-negotiable", nn.text, "structural", ev);
      } else {
        concerns.add(concern, ev, true);
      }
      F.push_back({"non-negotiable", ev, "a non-negotiable is not met, and negotiation rarely fixes this kind: decline", "decline"});
    }
  }

  // Global mobility.
  auto mobility = [&](const std::string& id, const std::string& evidence) {
    if (const auto* rule = pb.mobility_rule(id)) F.push_back({"mobility:" + id, evidence, clause(rule->text), "decline"});
  };
  if (o.visa && o.relocation.value_or(false) && (*o.visa == Visa::none || *o.visa == Visa::uncertain)) {
    mobility("no-reliable-visa", std::string(*o.visa == Visa::none ? "no visa sponsorship" : "visa sponsorship is uncertain") +
                                     " for a job that needs you to move");
  }
  if (merged(a.mobility, {}, "visa-timeline") == Answer::no) mobility("visa-too-slow", "you said the visa timeline does not fit the start date");
  if (merged(a.mobility, {}, "lawful-payroll") == Answer::no) mobility("unlawful-remote", "you said the employer cannot employ you lawfully where you live");

  // The offer checklist.
  std::vector<std::string> checklist_no;
  std::size_t unsure = 0, unanswered = 0;
  for (const auto& item : pb.offer_checklist.items) {
    Answer ans = merged(a.checklist, pre.answers.checklist, item.id);
    if (ans == Answer::unsure) ++unsure;
    if (ans == Answer::unanswered) ++unanswered;
    if (ans != Answer::no) continue;
    auto ev_it = pre.evidence.find("checklist." + item.id);
    bool user_said = a.checklist.count(item.id) && a.checklist.at(item.id) == Answer::no;
    std::string ev = !user_said && ev_it != pre.evidence.end() ? ev_it->second : "no: " + item.question;
    checklist_no.push_back(ev);
    if (!item.concern.empty()) concerns.add(item.concern, ev);
  }
  const std::size_t total = pb.offer_checklist.items.size();
  const std::size_t threshold = static_cast<std::size_t>(pb.offer_checklist.threshold);
  if (checklist_no.size() >= threshold) {
    F.push_back({"offer-checklist",
                 std::to_string(checklist_no.size()) + " of " + std::to_string(total) + (checklist_no.size() == 1 ? " items raises" : " items raise") + " concerns — " + join(checklist_no),
                 count_word(threshold) + " or more concerns: declining is probably right", "decline"});
  } else if (!checklist_no.empty()) {
    F.push_back({"offer-checklist",
                 std::to_string(checklist_no.size()) + " of " + std::to_string(total) + (checklist_no.size() == 1 ? " items raises" : " items raise") + " concerns — " + join(checklist_no),
                 "fewer than " + count_word(threshold) + ": not a reason to decline on its own", ""});
  }

  // The quick filter: any firm no.
  for (const auto& item : pb.quick_filter.items) {
    Answer ans = merged(a.quick_filter, pre.answers.quick_filter, item.id);
    if (ans == Answer::unsure) ++unsure;
    if (ans != Answer::no) continue;
    auto ev_it = pre.evidence.find("quick_filter." + item.id);
    bool user_said = a.quick_filter.count(item.id) && a.quick_filter.at(item.id) == Answer::no;
    std::string ev = !user_said && ev_it != pre.evidence.end() ? ev_it->second : "a firm no: " + item.question;
    F.push_back({"quick-filter", ev, "any firm no in the quick filter justifies declining", "decline"});
    if (!item.concern.empty()) concerns.add(item.concern, ev);
  }

  // Reflection: several misaligned answers.
  std::vector<std::string> misaligned;
  for (const auto& q : pb.reflection.items) {
    Answer ans = merged(a.reflection, {}, q.id);
    if (ans == Answer::no) misaligned.push_back(q.question);
    if (ans == Answer::unsure) ++unsure;
  }
  if (!misaligned.empty()) {
    bool several = misaligned.size() >= static_cast<std::size_t>(pb.reflection.threshold);
    F.push_back({"reflection",
                 std::to_string(misaligned.size()) + " of " + std::to_string(pb.reflection.items.size()) +
                     " reflection answers are misaligned — " + join(misaligned),
                 several ? "several misaligned answers: decline" : "acceptable or negotiable trade-offs: worth a conversation",
                 several ? "decline" : ""});
  }

  // What the user names directly.
  for (const auto& id : a.concerns) concerns.add(id, "you named it");
  if (!a.reason.empty()) {
    if (const auto* r = pb.reason(a.reason)) {
      if (!r->concern.empty()) concerns.add(r->concern, "your reason: " + r->label);
      F.push_back({"reason", "your reason: " + r->label,
                   r->state ? "a reason you can state briefly" : "a reason to keep to yourself; the message will say it is not the right fit", ""});
    }
  }

  if (o.relocation.value_or(false) && concerns.has("relocation-package")) {
    mobility("relocation-not-assured", "the job needs you to move, and the location or relocation package is a concern");
  }
  v.fixable = concerns.of_kind("fixable");
  v.structural = concerns.of_kind("structural");
  if (!v.structural.empty()) {
    std::vector<std::string> labels;
    for (const auto& c : v.structural) labels.push_back(c.label);
    F.push_back({"structural-concern", join(labels, ", "), "negotiation rarely fixes structural concerns: decline", "decline"});
  }

  std::vector<std::string> alarms;
  for (const auto& id : a.false_alarms) {
    if (const auto* fa = pb.false_alarm(id)) alarms.push_back(fa->label);
  }

  for (const auto& nn : nns) {
    if (merged(a.non_negotiables, pre.answers.non_negotiables, nn.text) == Answer::unanswered && nn.kind != "free-text") continue;
    if (merged(a.non_negotiables, pre.answers.non_negotiables, nn.text) == Answer::unsure) ++unsure;
  }

  // Choose. Priority among decline reasons: accepted elsewhere, mobility, non-negotiables after
  // negotiation, structural concerns, the checklist, the quick filter, reflection.
  auto decisive = [&](std::initializer_list<std::string_view> rules, std::string_view supports) -> bool {
    for (auto rule : rules) {
      for (auto& f : F) {
        bool match = rule.back() == ':' ? f.rule.starts_with(rule) : f.rule == rule;
        if (match && f.supports == supports) {
          f.decisive = true;
          return true;
        }
      }
    }
    return false;
  };
  if (decisive({"accepted-elsewhere", "mobility:", "non-negotiable", "structural-concern", "offer-checklist", "quick-filter", "reflection"}, "decline")) {
    v.action = Action::decline;
  } else if (!v.fixable.empty()) {
    std::vector<std::string> asks;
    for (const auto& c : v.fixable) {
      const auto* def = pb.concern(c.id);
      asks.push_back(fill_ask(def && !def->ask.empty() ? def->ask : c.label, s, nns));
    }
    if (a.keen == false) {
      v.action = Action::decline;
      F.push_back({"not-keen", "every concern is fixable, but you said you are not keen",
                   "do not open a negotiation you do not mean to finish: decline", "decline", true});
    } else {
      v.action = Action::negotiate;
      v.negotiate_for = asks;
      F.push_back({"fixable-only", "every concern is fixable: " + join(asks),
                   "negotiate first, naming the exact terms that would change your answer, framed as mutual value", "negotiate", true});
    }
  } else if (!alarms.empty() && a.lean != "accept") {
    v.action = Action::ask_for_time;
    F.push_back({"false-alarms", "your only concerns: " + join(alarms, ", "),
                 "these alone should not drive a decline: ask clarifying questions or get an outside view", "ask-for-time", true});
    if (a.lean == "decline") {
      v.warnings.push_back({"false-alarms-only", "only false alarms stand behind a decline (" + join(alarms, ", ") + "). " + pb.false_alarm_advice});
    }
  } else if (a.lean == "decline" && !a.reason.empty()) {
    v.action = Action::decline;
    const auto* r = pb.reason(a.reason);
    F.push_back({"your-decision", "you lean towards no: " + (r ? r->label : a.reason),
                 "a decision with a reason of your own: say no promptly and kindly", "decline", true});
  } else if (a.lean == "decline") {
    v.action = Action::ask_for_time;
    F.push_back({"no-concern-named", "you lean towards no but named no concern or reason",
                 "take the usual 48-72 hours to find what is behind it before you answer", "ask-for-time", true});
  } else if (unsure >= 2 || a.lean == "unsure" || (unanswered * 2 > total && a.lean.empty())) {
    v.action = Action::ask_for_time;
    F.push_back({"open-questions",
                 a.lean == "unsure" ? "you are unsure"
                 : unsure >= 2      ? std::to_string(unsure) + " answers are unsure"
                                    : std::to_string(unanswered) + " of " + std::to_string(total) +
                                          " checklist items are unanswered (kindly decide " + o.id + " asks them)",
                 "ask for a decision window of 48-72 hours and use it to settle them", "ask-for-time", true});
  } else {
    v.action = Action::accept;
    std::string ev = "no concern from the checklist, the quick filter or your non-negotiables";
    F.push_back({"no-concerns", ev, "accept, answer promptly, and ask for the confirmation in writing", "accept", true});
    if (!alarms.empty()) F.back().evidence += " (only false alarms: " + join(alarms, ", ") + ")";
  }

  if (v.action == Action::decline && negotiated) {
    v.warnings.push_back({"no-negotiating-after-no", "once you have declined, do not try to negotiate again unless you reopen the conversation respectfully"});
  }
  if (a.reason == "counteroffer" || o.notes.find("counteroffer") != std::string::npos) {
    v.warnings.push_back({"counteroffer-money", "counteroffers taken for money alone often end in leaving within a year: check they fix the deeper issue"});
  }
  if (v.action == Action::accept) {
    std::vector<std::string> open;
    for (const auto& other : s.others) {
      if (other.id != o.id && is_open(other.stage) && other.stage != Stage::accepted && other.stage != Stage::started) open.push_back(other.id);
    }
    if (!open.empty()) {
      v.warnings.push_back({"close-out", "once you accept, close out the others promptly (" + join(open, ", ") + "): accepting while still looking burns bridges"});
    }
  }
}

void decide_invitation(const Playbook& pb, const Situation& s, const Answers& a, Verdict& v) {
  const Opportunity& o = s.opportunity;
  bool invited = o.stage == Stage::invited;
  const auto* r = a.reason.empty() ? nullptr : pb.reason(a.reason);
  if (a.lean == "decline" || r) {
    v.action = invited ? Action::decline_interview : Action::withdraw;
    v.findings.push_back({"your-decision", "you do not want to go on" + (r ? ": " + r->label : std::string()),
                          invited ? "decline the interview within a day of deciding" : "withdraw now: the earlier, the kinder",
                          std::string(action_name(v.action)), true});
  } else if (a.lean == "unsure") {
    v.action = Action::ask_for_time;
    v.findings.push_back({"open-questions", "you are unsure about going on",
                          "ask what you need to know, then decide within a few days", "ask-for-time", true});
  } else {
    v.action = Action::accept;
    v.findings.push_back({"no-concerns", "nothing you named stands against going on",
                          invited ? "accept the invitation and confirm the slot" : "keep going", "accept", true});
  }
}

void decide_after_accepting(const Playbook& pb, const Situation& s, const Answers& a, Verdict& v) {
  const Opportunity& o = s.opportunity;
  const Opportunity* acc = accepted_elsewhere(s);
  bool invited = o.stage == Stage::invited;
  bool reopen = !pb.after_accepting.reopen_if.empty();
  for (const auto& id : pb.after_accepting.reopen_if) reopen = reopen && merged(a.questions, {}, id) == Answer::yes;
  std::string other = acc ? acc->id + " (" + acc->company + ")" : "another offer";
  if (reopen) {
    v.action = Action::ask_for_time;
    v.findings.push_back({"after-accepting", "you accepted " + other + ", doubt it, and this role is clearly better",
                          "decide about " + (acc ? acc->id : std::string("the accepted offer")) +
                              " first (kindly decide " + (acc ? acc->id : std::string("ID")) + "), not by interviewing on the side; ask here for a little time",
                          "ask-for-time", true});
  } else {
    v.action = invited ? Action::decline_interview : Action::withdraw;
    v.findings.push_back({"after-accepting", "you accepted " + other,
                          invited ? "decline the interview promptly and keep the door open" : "withdraw promptly and keep the door open",
                          std::string(action_name(v.action)), true});
  }
  if (merged(a.questions, {}, "still-looking") == Answer::yes) {
    v.warnings.push_back({"still-looking", "interviewing after accepting is still looking; it risks both relationships"});
  }
}

void decide_accepted(const Playbook& pb, const Situation& s, const Answers& a, Verdict& v) {
  const Opportunity& o = s.opportunity;
  if (a.want_out != true) {
    v.action = Action::accept;
    v.findings.push_back({"keep-acceptance", "you are not looking to leave this acceptance", "keep it, and close out the other opportunities", "accept", true});
    return;
  }
  if (a.sure != true) {
    v.action = Action::defer;
    v.findings.push_back({"unsure-after-accepting", "you want out but are not sure",
                          "ask to revisit in a few weeks instead of withdrawing for good", "defer", true});
    return;
  }
  v.action = Action::rescind;
  const auto* r = a.reason.empty() ? nullptr : pb.reason(a.reason);
  v.findings.push_back({"rescind", "you are sure you want out" + (r ? ": " + r->label : std::string()),
                        "rescind at once: phone first, then email, apologise once", "rescind", true});
  for (const auto& c : pb.rescind_checks) {
    if (c.field == "paperwork_signed" && o.paperwork_signed.value_or(false)) {
      v.warnings.push_back({"rescind-contract", "you signed paperwork: " + clause(c.text)});
    } else if (c.field == "relocation_paid" && o.relocation_paid.value_or(0) > 0) {
      v.warnings.push_back({"rescind-relocation", "relocation money paid to you (" + group_thousands(*o.relocation_paid) +
                                                      (o.currency.empty() ? "" : " " + o.currency) + "): expect to return it; check the repayment clause"});
    } else if (c.field.empty()) {
      v.warnings.push_back({"rescind-" + c.id, c.text});
    }
  }
  v.warnings.push_back({"rescind", join(pb.rescind_steps, " ")});
}

std::string message_for(const Playbook& pb, const Situation& s, Action a, const std::string& reason) {
  switch (a) {
    case Action::decline: {
      if (reason == "counteroffer") return "decline-after-counteroffer";
      const auto* st = pb.stage(to_string(s.opportunity.stage));
      return st && !st->message.empty() ? st->message : "decline-offer";
    }
    case Action::withdraw:
      return "withdraw-application";
    case Action::decline_interview:
      return "decline-interview";
    case Action::rescind:
      return "rescind-acceptance";
    case Action::ask_for_time:
      return "ask-for-time";
    case Action::negotiate:
      return "negotiate";
    case Action::defer:
      return "defer";
    case Action::accept:
      return "";
  }
  return "";
}

void timing(const Playbook& pb, const Situation& s, const Answers& a, Verdict& v) {
  const Opportunity& o = s.opportunity;
  const auto& t = pb.timing;
  bool visa = o.visa && *o.visa != Visa::not_needed && (o.relocation.value_or(false) || *o.visa != Visa::none);
  double factor = visa ? t.warning("visa_window_factor") : 1.0;
  auto after = [&](double h) { return s.now + seconds{static_cast<long long>(std::llround(h * factor * 3600))}; };
  auto cap = [&](Instant by) {
    if (o.offer_deadline && (o.stage == Stage::offer || o.stage == Stage::negotiating))
      return *o.offer_deadline > s.now ? std::min(by, *o.offer_deadline) : s.now;  // passed: today
    if (o.interview_at && (o.stage == Stage::invited || o.stage == Stage::interviewing) && *o.interview_at > s.now)
      return std::min(by, *o.interview_at);
    return by;
  };
  NextStep& n = v.next;
  n.reason_code = (v.action == Action::accept || v.action == Action::negotiate || v.action == Action::ask_for_time)
                      ? std::string()
                      : reason_from(a, v.findings, v.structural, v.fixable, accepted_elsewhere(s) != nullptr);
  n.message_kind = message_for(pb, s, v.action, n.reason_code);
  switch (v.action) {
    case Action::decline:
    case Action::withdraw: {
      // Accepted elsewhere is an outright no wherever it falls; "not a fit after an interview"
      // has the longer window.
      bool after_interview = o.stage == Stage::interviewing && n.reason_code != "accepted-other-offer";
      double h = t.window(after_interview ? "after_interview_max" : "outright_no_max");
      n.by = cap(after(h));
      n.timing_rule = std::string(after_interview ? "after an interview, knowing it is not a fit: " : "an outright no: ") + hours_text(h * factor) + " of deciding";
      break;
    }
    case Action::decline_interview: {
      double near = t.window("interview_near");
      if (o.interview_at && *o.interview_at > s.now && *o.interview_at - s.now <= hours{static_cast<long long>(near)}) {
        n.by = s.now;
        n.timing_rule = "the interview is less than " + std::to_string(static_cast<int>(near)) + " hours away: call now, then confirm by email";
        n.channel_hint = "call now, then email";
      } else {
        double h = t.window("decline_interview_max");
        n.by = cap(after(h));
        n.timing_rule = "declining an interview: " + hours_text(h * factor) + " of deciding";
      }
      break;
    }
    case Action::rescind:
      n.by = s.now;
      n.timing_rule = "rescinding: at once";
      n.channel_hint = "call first, then email";
      break;
    case Action::ask_for_time:
      n.by = cap(after(24));
      n.timing_rule = std::string(v.framework == Framework::offer ? "acknowledge the offer" : "reply") +
                      " now and name the day you will answer, " +
                      std::to_string(static_cast<int>(t.window("decision_window_min"))) + "-" +
                      std::to_string(static_cast<int>(t.window("decision_window_max"))) + " hours out";
      break;
    case Action::negotiate:
    case Action::accept:
    case Action::defer:
      n.by = cap(after(t.window("decision_window_min")));
      n.timing_rule = o.offer_deadline ? "before the offer deadline, and promptly"
                      : o.interview_at && v.framework == Framework::invitation ? "before the interview, and promptly" : "promptly: within " + hours_text(t.window("decision_window_min") * factor).substr(7);
      break;
  }
  if (o.offer_deadline && (o.stage == Stage::offer || o.stage == Stage::negotiating)) {
    auto left = duration_cast<hours>(*o.offer_deadline - s.now).count();
    if (left < 0) {
      v.warnings.push_back({"deadline-passed", "the offer deadline has passed: answer today, or ask whether it still stands"});
    } else if (left <= static_cast<long long>(t.warning("deadline_close"))) {
      v.warnings.push_back({"deadline-close", "the offer deadline is " + std::to_string(left) + " hours away: answer, or ask for an extension, before it passes"});
      if (v.action == Action::ask_for_time) v.next.timing_rule = "the deadline is close: ask for an extension now, with a reason";
    }
  }
  if (visa) {
    v.warnings.push_back({"visa-window", "a visa is involved: every timing window is tighter (here, " +
                                             std::to_string(static_cast<int>(std::lround(factor * 100))) + "% of the usual)"});
  }
}

std::string headline(const Verdict& v, const Situation& s) {
  const auto& o = s.opportunity;
  std::string who = o.company + (o.role.empty() ? "" : " (" + o.role + ")");
  switch (v.action) {
    case Action::accept:
      return v.framework == Framework::invitation ? "go ahead with " + who
             : v.framework == Framework::accepted ? "keep your acceptance at " + who
                                                  : "accept the offer from " + who;
    case Action::negotiate:
      return "negotiate with " + who + " before you answer";
    case Action::ask_for_time:
      return "ask " + who + " for time before you answer";
    case Action::decline:
      return "decline the offer from " + who;
    case Action::withdraw:
      return "withdraw your application at " + who;
    case Action::decline_interview:
      return "decline the interview with " + who;
    case Action::rescind:
      return "rescind your acceptance at " + who;
    case Action::defer:
      return "ask " + who + " to revisit in a few weeks";
  }
  return "";
}

}  // namespace

Framework framework_for(const Situation& s) {
  const Opportunity& o = s.opportunity;
  switch (o.stage) {
    case Stage::invited:
    case Stage::interviewing:
      return accepted_elsewhere(s) ? Framework::after_accepting : Framework::invitation;
    case Stage::offer:
    case Stage::negotiating:
      return Framework::offer;
    case Stage::accepted:
      return Framework::accepted;
    case Stage::started:
      throw Error(ErrorKind::conflict, o.id + " has started: leaving a job is outside what kindly decides",
                  "talk to your manager or HR first and plan an exit that disrupts as little as possible");
    default: {
      std::string reopen;
      for (Stage t : allowed_moves(o.stage)) {
        if (t != Stage::archived) {
          reopen = std::string(to_string(t));
          break;
        }
      }
      throw Error(ErrorKind::conflict,
                  o.id + " is " + std::string(to_string(o.stage)) + ", a closed stage: there is nothing to decide",
                  reopen.empty() ? "" : "to reopen it: kindly move " + o.id + " " + reopen);
    }
  }
}

Prefill prefill(const Playbook& pb, const Situation& s) {
  Prefill p;
  p.answers.framework = framework_for(s);
  if (p.answers.framework != Framework::offer) return p;
  const Opportunity& o = s.opportunity;
  std::optional<NonNegotiable> min_base, no_relocation;
  for (const auto& text : s.profile.non_negotiables) {
    auto nn = parse_non_negotiable(text);
    auto c = check_non_negotiable(nn, o);
    if (c.met != Answer::unanswered) {
      p.answers.non_negotiables[text] = c.met;
      p.evidence["non_negotiables." + text] = c.evidence;
    }
    if (nn.kind == "min-base") min_base = nn;
    if (nn.kind == "no-relocation") no_relocation = nn;
  }
  auto fill = [&](const playbook::Checklist& list, std::map<std::string, Answer>& into, const std::string& prefix) {
    for (const auto& item : list.items) {
      NonNegotiableCheck c;
      if (item.check == "base-vs-minimum" && min_base) {
        c = check_non_negotiable(*min_base, o);
      } else if (item.check == "visa" && o.visa) {
        c = check_non_negotiable(parse_non_negotiable("visa sponsorship"), o);
      } else if (item.check == "relocation" && no_relocation) {
        c = check_non_negotiable(*no_relocation, o);
      }
      if (c.met == Answer::unanswered) continue;
      into[item.id] = c.met;
      p.evidence[prefix + item.id] = c.evidence;
    }
  };
  fill(pb.offer_checklist, p.answers.checklist, "checklist.");
  fill(pb.quick_filter, p.answers.quick_filter, "quick_filter.");
  return p;
}

void check_answers(const Playbook& pb, const Situation& s, const Answers& a) {
  Framework f = framework_for(s);
  if (a.framework != f) {
    throw_usage("the answers are for the " + std::string(kFrameworkNames[static_cast<int>(a.framework)]) +
                    " framework, but " + s.opportunity.id + " is at stage " + std::string(to_string(s.opportunity.stage)) +
                    ", which uses " + std::string(kFrameworkNames[static_cast<int>(f)]),
                "set \"framework\": \"" + std::string(kFrameworkNames[static_cast<int>(f)]) + "\" and answer its questions (see docs/decide.md)");
  }
  auto known = [](const std::string& what, const std::string& id, const std::vector<std::string>& ids) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return;
    std::string hint = did_you_mean(id, ids);
    throw_usage(what + ": unknown id '" + id + "'", hint.empty() ? "known: " + join(ids, ", ") : hint);
  };
  auto ids_of = [](const auto& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
  };
  auto check_map = [&](const std::string& what, const std::map<std::string, Answer>& m, const std::vector<std::string>& ids) {
    for (const auto& [id, ans] : m) known(what, id, ids);
  };
  bool offer = f == Framework::offer;
  if (!offer && (!a.checklist.empty() || !a.quick_filter.empty() || !a.reflection.empty() || !a.non_negotiables.empty())) {
    throw_usage("the checklist, quick filter, reflection and non-negotiables are answered for offers only",
                s.opportunity.id + " uses the " + std::string(kFrameworkNames[static_cast<int>(f)]) + " framework");
  }
  if (f != Framework::after_accepting && !a.questions.empty()) {
    throw_usage("\"questions\" belong to the after-accepting framework", "remove them, or check the opportunity's stage");
  }
  if (f != Framework::accepted && (a.want_out || a.sure)) {
    throw_usage("\"want_out\" and \"sure\" belong to the accepted framework", "they are for rescinding an accepted offer");
  }
  check_map("checklist", a.checklist, ids_of(pb.offer_checklist.items));
  check_map("quick_filter", a.quick_filter, ids_of(pb.quick_filter.items));
  check_map("reflection", a.reflection, ids_of(pb.reflection.items));
  check_map("questions", a.questions, ids_of(pb.after_accepting.questions));
  check_map("mobility", a.mobility, {"visa-timeline", "lawful-payroll"});
  check_map("non_negotiables", a.non_negotiables, s.profile.non_negotiables);
  for (const auto& c : a.concerns) known("concerns", c, ids_of(pb.concerns));
  for (const auto& fa : a.false_alarms) known("false_alarms", fa, ids_of(pb.false_alarms));
  if (!a.reason.empty()) {
    std::vector<std::string> codes;
    for (const auto& r : pb.reasons) codes.push_back(r.code);
    known("reason", a.reason, codes);
  }
  if (!a.lean.empty() && a.lean != "accept" && a.lean != "decline" && a.lean != "unsure") {
    throw_usage("lean: '" + a.lean + "' is not accept, decline or unsure");
  }
}

Verdict decide(const Playbook& pb, const Situation& s, const Answers& answers) {
  check_answers(pb, s, answers);
  Prefill pre = prefill(pb, s);
  Verdict v;
  v.framework = answers.framework;
  switch (v.framework) {
    case Framework::offer:
      decide_offer(pb, s, answers, pre, v);
      break;
    case Framework::invitation:
      decide_invitation(pb, s, answers, v);
      break;
    case Framework::after_accepting:
      decide_after_accepting(pb, s, answers, v);
      break;
    case Framework::accepted:
      decide_accepted(pb, s, answers, v);
      break;
  }
  timing(pb, s, answers, v);
  v.headline = headline(v, s);
  return v;
}

Verdict decide_counter(const Playbook& pb, const Situation& s, const Answers& answers, const Verdict& before,
                       const std::vector<std::string>& changed_terms) {
  Verdict v = decide(pb, s, answers);
  if (!before.structural.empty()) {
    std::vector<std::string> labels;
    for (const auto& c : before.structural) labels.push_back(c.label);
    v.findings.insert(v.findings.begin(),
                      Finding{"counteroffer", "new terms: " + join(changed_terms, ", "),
                              "they do not touch the structural concerns (" + join(labels, ", ") + "); new terms rarely fix those",
                              "decline"});
    v.warnings.push_back({"counteroffer-money", "counteroffers taken for money alone often end in leaving within a year"});
  } else {
    v.findings.insert(v.findings.begin(), Finding{"counteroffer", "new terms: " + join(changed_terms, ", "),
                                                  "evaluated again with the same frameworks", ""});
  }
  return v;
}

}  // namespace kindly::decide
