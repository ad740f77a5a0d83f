// The verdict: for one opportunity, what to do (accept, negotiate, ask for time, decline, …)
// and exactly why. A pure function of the playbook, the tracker's facts and the user's answers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"
#include "playbook/playbook.h"

namespace kindly::decide {

enum class Action {
  accept,
  negotiate,
  ask_for_time,
  decline,
  withdraw,
  decline_interview,
  rescind,
  defer,
};
inline constexpr std::array<std::string_view, 8> kActionNames = {
    "accept", "negotiate", "ask-for-time", "decline", "withdraw", "decline-interview", "rescind",
    "defer"};
inline std::string_view action_name(Action a) { return kActionNames[static_cast<std::size_t>(a)]; }

/// An answer to one checklist item or question.
enum class Answer { unanswered, yes, no, unsure };
inline constexpr std::array<std::string_view, 4> kAnswerNames = {"unanswered", "yes", "no",
                                                                 "unsure"};

/// Which set of questions fits the opportunity's stage.
enum class Framework { invitation, after_accepting, offer, accepted };
inline constexpr std::array<std::string_view, 4> kFrameworkNames = {"invitation", "after-accepting",
                                                                    "offer", "accepted"};

/// What the user said, as stored in an assessment (JSON shape: docs/decide.md).
struct Answers {
  Framework framework = Framework::offer;
  std::string lean;            ///< "", "accept", "decline" or "unsure"
  std::optional<bool> keen;    ///< would take the offer if the fixable concerns were met
  std::map<std::string, Answer> checklist;        ///< offer_checklist item id → answer
  std::map<std::string, Answer> quick_filter;     ///< quick_filter item id → answer
  std::map<std::string, Answer> reflection;       ///< reflection question id → yes = aligned
  std::map<std::string, Answer> questions;        ///< after_accepting question id → answer
  std::map<std::string, Answer> non_negotiables;  ///< profile item text → met?
  std::map<std::string, Answer> mobility;         ///< "lawful-payroll", "visa-timeline"
  std::vector<std::string> concerns;              ///< concern ids from concerns.toml
  std::vector<std::string> false_alarms;          ///< alarm ids from false_alarms.toml
  std::string reason;                             ///< reason code for a no
  std::map<std::string, std::string> notes;       ///< CLEAR and five-areas worksheet notes
  std::optional<bool> want_out;                   ///< accepted: wants to leave the acceptance
  std::optional<bool> sure;                       ///< accepted: sure about it
};

/// One rule that fired, with the evidence in the user's terms and what it means.
struct Finding {
  std::string rule;        ///< "offer-checklist", "non-negotiable", "mobility:no-reliable-visa", …
  std::string evidence;    ///< "base 105,000 is below your minimum of 120,000"
  std::string conclusion;  ///< "three or more concerns: declining is probably right"
  std::string supports;    ///< the action this finding argues for; empty: information only
  bool decisive = false;   ///< the finding that chose the action
};

struct ConcernFound {
  std::string id;
  std::string label;
  std::string kind;      ///< fixable or structural
  std::string evidence;  ///< where it came from
  bool non_negotiable = false;
};

struct Warning {
  std::string id;  ///< false-alarms-only, rescind, visa-window, deadline-close, counteroffer-money, …
  std::string text;
};

/// What to do next: the message that carries the decision, and by when.
struct NextStep {
  std::string message_kind;  ///< compose's kind; empty when no message is needed
  std::string reason_code;
  std::optional<Instant> by;
  std::string timing_rule;  ///< which timing rule set `by`
  std::string channel_hint; ///< "call first, then email", …
};

struct Verdict {
  Action action = Action::accept;
  Framework framework = Framework::offer;
  std::string headline;  ///< one sentence
  std::vector<Finding> findings;
  std::vector<ConcernFound> fixable;
  std::vector<ConcernFound> structural;
  std::vector<std::string> negotiate_for;  ///< the exact terms, when every concern is fixable
  std::vector<Warning> warnings;
  NextStep next;
};

/// The facts the verdict is computed from.
struct Situation {
  const Opportunity& opportunity;
  const Profile& profile;
  const std::vector<Opportunity>& others;  ///< the user's other opportunities
  Instant now;
};

/// The framework for the opportunity's stage; throws conflict for a closed or started one.
Framework framework_for(const Situation& s);

/// What the tracker can answer on its own (non-negotiables, visa, relocation), with evidence.
struct Prefill {
  Answers answers;
  std::map<std::string, std::string> evidence;  ///< "checklist.base-minimum" → "base 105,000 …"
};
Prefill prefill(const playbook::Playbook& pb, const Situation& s);

/// Checks that the answers fit the situation's framework and name known ids; throws usage.
void check_answers(const playbook::Playbook& pb, const Situation& s, const Answers& a);

/// The verdict. Tracker facts fill in what the answers leave open.
Verdict decide(const playbook::Playbook& pb, const Situation& s, const Answers& answers);

/// A verdict after new terms, compared with the one before: says when the new terms leave the
/// earlier structural concerns untouched.
Verdict decide_counter(const playbook::Playbook& pb, const Situation& s, const Answers& answers,
                       const Verdict& before, const std::vector<std::string>& changed_terms);

}  // namespace kindly::decide
