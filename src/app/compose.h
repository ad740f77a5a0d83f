// Use cases of saying it: how to deliver a decision (advise), the message itself (draft), the
// drafts kept with their status (drafts, sent), and the close-out cascade after accepting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "compose/advise.h"
#include "compose/compose.h"
#include "decide/verdict.h"
#include "playbook/playbook.h"

namespace kindly {

/// The advice for one open opportunity, with the verdict it rests on.
struct AdviseResult {
  Opportunity opportunity;
  std::vector<Contact> contacts;
  decide::Verdict verdict;      ///< from the latest stored answers, on today's tracker facts
  bool from_answers = false;    ///< false: no `kindly decide` yet, the tracker's facts alone
  compose::Advice advice;
};

/// Throws not_found for an unknown id and conflict for a closed opportunity (nothing to deliver).
AdviseResult advise_opportunity(Context& ctx, const playbook::Playbook& pb, const std::string& id);

/// What the user asked of `kindly draft`; unset fields come from the verdict and the advice.
struct DraftOptions {
  std::optional<std::string> kind;
  std::optional<std::string> reason;
  std::optional<std::string> channel;  ///< "all": every channel the kind goes out on
  std::optional<std::string> tone;
  std::optional<std::string> personal;
  std::optional<std::uint32_t> variant;  ///< 0-based
  std::optional<std::string> to;          ///< a contact: its number, or a unique start of its name
  bool save = true;
};

/// Where each choice of a draft came from, in the user's terms ("the verdict: decline", "--kind").
struct DraftChoice {
  std::string what;    ///< "kind", "reason", "channel", "tone", "recipient"
  std::string value;
  std::string source;  ///< "--kind", "the verdict (rule offer-checklist)", "channels.toml rule spoken-offer", …
};

struct DraftResult {
  Opportunity opportunity;
  std::vector<compose::Message> messages;  ///< one, or one per channel with --channel all
  std::vector<std::int64_t> message_ids;   ///< the saved drafts (empty with save = false)
  std::vector<DraftChoice> choices;
  std::optional<Contact> to;               ///< the contact the message goes to
  std::optional<Instant> send_by;
  std::string send_by_rule;
  std::string reason;        ///< the reason code used
  std::int64_t variant = 0;  ///< --variant as the user typed it (1, 2, …); 0: the default wording
};

DraftResult draft_message(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                          const DraftOptions& options);

/// Saves the drafts of a result made with save = false (after an .eml was written, say); fills
/// `message_ids`.
void save_drafts(Context& ctx, DraftResult& r);

/// Refuses an unknown message kind or channel (usage), listing the known ones with a
/// "did you mean"; `option` names the flag in the message ("--kind", "--channel").
void check_message_kind(const playbook::Playbook& pb, const std::string& kind, const std::string& option = "--kind");
void check_message_channel(const playbook::Playbook& pb, const std::string& channel,
                           const std::string& option = "--channel");

/// The stage a sent message of this kind moves the opportunity to (phrasebook.toml's
/// `moves_to`); nullopt: no move.
std::optional<Stage> stage_after_sending(const playbook::Playbook& pb, const std::string& kind);

/// `kindly drafts [ID]`: saved messages, oldest first.
std::vector<SavedMessage> list_messages(Context& ctx, const std::string& id);

struct SentResult {
  SavedMessage message;
  std::optional<Stage> moved_from;  ///< set when the opportunity moved
  std::optional<Stage> moved_to;
  std::string not_moved;  ///< why a message that moves the stage did not move it here
};

/// Records that the newest draft of `id` (on `channel` when given) went out at `at` (now when
/// unset) and moves the opportunity to the matching closed stage. Without a draft, `kind` says
/// what was sent.
SentResult mark_sent(Context& ctx, const playbook::Playbook& pb, const std::string& id, std::optional<Instant> at,
                     const std::optional<std::string>& channel, const std::optional<std::string>& kind);

/// `kindly accept ID`: the offer accepted, and a draft for every other open opportunity.
struct AcceptResult {
  Opportunity accepted;
  struct Closing {
    Opportunity opportunity;
    std::vector<compose::Message> messages;  ///< in the advised order: a call's script, then the email
    std::vector<std::int64_t> message_ids;
    std::optional<Instant> send_by;
    std::string send_by_rule;
    std::string channel_rule;  ///< the channels.toml rule behind the channel
  };
  std::vector<Closing> closings;
};
AcceptResult accept_offer(Context& ctx, const playbook::Playbook& pb, const std::string& id);

}  // namespace kindly
