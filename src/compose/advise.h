// How to deliver a decision: which channel, to whom, in which order, by when, and what to have
// ready. Every piece names the channels.toml rule that produced it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/opportunity.h"
#include "decide/verdict.h"
#include "playbook/playbook.h"

namespace kindly::compose {

/// The rule behind a piece of advice, with the facts that made it apply.
struct RuleRef {
  std::string id;           ///< channels.toml rule id ("spoken-offer"), or "confirm-in-writing"
  std::string explanation;  ///< the rule's sentence from the playbook
  std::vector<std::string> evidence;  ///< in the user's terms: "the offer was spoken (offer via: spoken)"
};

/// One thing to do: a call, an email, a LinkedIn message, a note.
struct AdviceStep {
  std::string channel;  ///< phone, video, voicemail, email, linkedin
  std::string kind;     ///< "decision" (delivers it), "confirmation" (the written recap of a call), "note"
  std::string to;       ///< "Jane Roe (recruiter, agency)"; "your contact at Acme" when unknown
  std::optional<std::int64_t> contact_id;  ///< the contact, when one is known
  std::string purpose;  ///< one line: what this step does
  std::vector<std::string> prepare;        ///< what to have ready (calls)
  std::string if_unreachable;              ///< calls: what to do when nobody picks up
  std::string rule;     ///< the id of the rule that put this step here
};

struct Advice {
  RuleRef rule;  ///< the channel rule that fired
  std::vector<AdviceStep> steps;
  std::optional<Instant> send_by;  ///< when the first step should happen
  std::string send_by_rule;        ///< the timing rule behind send_by ("interview_near", the verdict's)
  bool now = false;                ///< act at once (rescinding, an interview within a day)
  std::vector<std::string> skipped;  ///< "spoken-offer" etc.: rules that also held but lost on priority
};

/// The channel advice for delivering `verdict` on `opportunity`. Throws internal when the
/// playbook's channel rules match nothing (a valid channels.toml ends with an "always" rule).
/// Times in the evidence are shown in `tz` (UTC ISO 8601 when null).
Advice advise(const playbook::Playbook& pb, const Opportunity& opportunity,
              const std::vector<Contact>& contacts, const decide::Verdict& verdict, Instant now,
              const date::time_zone* tz = nullptr);

/// Whether a channels.toml condition holds, with the evidence in the user's terms.
bool condition_holds(const playbook::Playbook& pb, std::string_view condition, const Opportunity& o,
                     const std::vector<Contact>& contacts, const decide::Verdict& verdict, Instant now,
                     std::vector<std::string>* evidence, const date::time_zone* tz = nullptr);

/// Plain-text lines for the terminal ("1. phone → Jane Roe (recruiter): …"); times in `tz`,
/// or UTC ISO 8601 when `tz` is null.
std::vector<std::string> advice_lines(const Advice& advice, const date::time_zone* tz);

}  // namespace kindly::compose
