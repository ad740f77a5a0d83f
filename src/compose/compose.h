// The composer: drafts a message (email, phone script, voicemail, LinkedIn note) from the
// playbook's phrasebook and the facts of one opportunity. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "playbook/playbook.h"

namespace kindly::compose {

/// What the draft is about. Empty facts are reported in Message::missing and replaced by a
/// neutral fallback in the text; they never show up as placeholders.
struct Facts {
  std::string opportunity_id;  ///< used in the commands of Missing ("ID" when empty)
  std::string company;
  std::string role;
  std::string contact_name;  ///< full name; the greeting uses the first word
  std::string name;          ///< the user's name
  std::string signature;     ///< contact details under the sign-off (email only)
  std::string personal;      ///< one sentence about something specific from the conversations
  std::string terms;         ///< what to negotiate, e.g. "a base of 130k and two remote days"
  std::string answer_by;     ///< a date as text, e.g. "Friday 14 March"
};

struct ComposeRequest {
  std::string kind;                   ///< a [[kind]] of phrasebook.toml, e.g. "decline-offer"
  std::string reason_code = "none";   ///< a code of reasons.toml
  std::string tone = "warm";          ///< formal, warm or detailed
  std::string channel = "email";      ///< email, phone, voicemail or linkedin
  std::string stage;                  ///< the opportunity's stage, for stage-specific phrases; empty: none
  std::optional<std::uint32_t> variant;  ///< overrides the variant chosen from company and role
  bool after_call = false;  ///< the email confirms a call: carries the "recap" part
  Facts facts;
};

struct Part {
  std::string part;  ///< "acknowledge", "decision", … (phone: "open", "pause", "questions", "close")
  std::string text;
};

/// A fact the draft could not use, and the command that supplies it.
struct Missing {
  std::string fact;     ///< "contact name"
  std::string command;  ///< "kindly contact add ID NAME"
  std::string to_string() const { return fact + ": " + command; }
};

struct Message {
  std::string kind;
  std::string channel;
  std::string tone;
  /// The variant number: the request's, or variant_for(company, role). An explicit variant
  /// picks phrasing `variant % n` of every part; otherwise each part hashes company, role and
  /// the part's name, so wording varies part by part and between companies.
  std::uint32_t variant = 0;
  std::string subject;        ///< email only
  std::string body;
  std::vector<Part> parts;    ///< in the playbook's order
  std::vector<Missing> missing;
  std::vector<std::string> notes;  ///< e.g. a part left out to fit the channel's length
};

/// Drafts messages from one playbook. Each distinct template is parsed once, at first use, and
/// kept for the Composer's life: build one and reuse it for many drafts. Not thread-safe (one
/// per thread); the playbook must outlive it.
class Composer {
 public:
  explicit Composer(const playbook::Playbook& pb);
  ~Composer();
  Composer(const Composer&) = delete;
  Composer& operator=(const Composer&) = delete;

  /// Drafts the message. Throws Error(usage) for an unknown kind, reason, tone or channel, or a
  /// channel the kind does not go out on; Error(internal) for a broken template.
  Message compose(const ComposeRequest& request);

  /// The likely questions on a call about a message of `kind`, with short answers
  /// ("If asked \"…\": …"), at most three; the ones needing a fact `facts` lacks are left out.
  std::vector<std::string> questions(const std::string& kind, const Facts& facts);

  struct Templates;

 private:
  std::vector<std::string> likely_questions(const std::string& kind, const std::map<std::string, std::string>& vars,
                                            std::set<std::string>* missing);

  const playbook::Playbook& m_pb;
  std::unique_ptr<Templates> m_templates;
};

/// One draft with a fresh Composer (parses the templates it uses; reuse a Composer for many).
Message compose(const playbook::Playbook& playbook, const ComposeRequest& request);

/// The stable variant number of an opportunity (a hash of company and role, case-insensitive).
std::uint32_t variant_for(const std::string& company, const std::string& role);

/// The marker a phone script uses where the caller should stop and listen.
inline constexpr const char* kPauseMarker = "[pause and listen]";

/// Words and characters as the channel limits count them.
std::size_t word_count(const std::string& text);
std::size_t char_count(const std::string& text);  ///< UTF-8 code points

}  // namespace kindly::compose
