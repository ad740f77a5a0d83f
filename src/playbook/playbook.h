// The playbook: kindly's knowledge (stages, reasons, checklists, rules, windows) as values,
// loaded from TOML files compiled into the binary or overridden from the config directory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly::playbook {

/// A question with an id; `concern` and `check` tie it to concerns.toml and a tracker rule.
struct Item {
  std::string id;
  std::string question;
  std::string concern;
  std::string check;
};

struct Checklist {
  int threshold = 0;  ///< concerns at or above which declining is probably right (0: any "no")
  std::vector<Item> items;
};

struct StageRule {
  std::string name;
  std::string no;  ///< the action for saying no here
  std::vector<std::string> also;
  std::string message;
  std::string stakes;
  std::string essentials;
};

struct Case {
  std::string name;
  std::string action;
  std::string message;
  std::string essentials;
};

struct Reason {
  std::string code;
  std::string label;
  std::string say;     ///< the neutral line a message may use; empty: no reason given
  bool state = true;   ///< false: never stated as such
  std::string concern;
};

struct Concern {
  std::string id;
  std::string kind;  ///< "fixable" or "structural"
  std::string label;
  std::string ask;   ///< how to name the term when negotiating ({{minimum}}, {{work_mode}})
};

struct Step {
  std::string id;
  std::string letter;
  std::string title;
  std::string prompt;
};

struct AfterAccepting {
  std::string default_action;
  std::vector<std::string> reopen_if;
  std::vector<Item> questions;
  std::vector<std::string> steps;
};

struct Labelled {
  std::string id;
  std::string label;
};

struct MobilityRule {
  std::string id;
  std::string when;
  std::string text;
};

struct NonNegotiableKind {
  std::string id;
  std::string pattern;
  std::string label;
  std::string concern;
};

struct RescindCheck {
  std::string id;
  std::string text;
  std::string field;
};

/// Every number of the playbook, by name (hours for windows).
struct Timing {
  std::map<std::string, double> windows;
  std::map<std::string, double> warnings;
  std::map<std::string, std::string> rules;
  /// A window in hours; throws internal when a rule asks for one the file lacks.
  double window(const std::string& name) const;
  double warning(const std::string& name) const;
};

struct CompareCriterion {
  std::string name;
  double weight = 0;
  std::string label;
};

struct CompareSettings {
  int years = 4;
  int sign_on_spread_years = 4;
  std::string default_vesting;
  std::vector<CompareCriterion> criteria;
};

/// One phrase of the phrasebook: variants of one message part, for a kind, stage, reason, tone
/// and channel (an empty key fits any).
struct Phrase {
  std::string part;
  std::string kind;
  std::string tone;
  std::string channel;
  std::vector<std::string> text;  ///< the variants, mustache templates
  std::string stage;   ///< the opportunity's stage ("negotiating"); empty: any
  std::string reason;  ///< a reason code of reasons.toml; empty: any
};

/// A likely question on a call, with a short answer; an empty kind fits every kind.
struct PhoneQuestion {
  std::string kind;
  std::string ask;
  std::string answer;
};

/// A message kind the composer knows.
struct MessageKind {
  std::string id;
  std::string label;
  bool reason = true;                 ///< whether the reason line may be given
  std::vector<std::string> channels;  ///< the channels it can go out on
  std::vector<std::string> skip;      ///< parts this kind never carries
  std::vector<std::string> stages;    ///< the stages it is written from (empty: any), for tests and help
  std::string moves_to;               ///< the stage `kindly sent` moves to; empty: none
};

/// What a channel carries, in order, and how long it may be (0: no limit).
struct ChannelShape {
  std::string id;
  std::vector<std::string> parts;
  int max_chars = 0;
  int max_words = 0;
  std::vector<std::string> drop;  ///< optional parts left out, in order, while too long
};

/// phrasebook.toml: the words kindly drafts messages with.
struct Phrasebook {
  std::vector<std::string> order;  ///< the written order of a message's parts
  std::vector<std::string> tones;
  std::vector<ChannelShape> channels;
  std::vector<MessageKind> kinds;
  std::vector<Phrase> phrases;
  std::vector<PhoneQuestion> questions;

  const MessageKind* kind(std::string_view id) const;
  const ChannelShape* channel(std::string_view id) const;
};

/// One channel rule (channels.toml): when `when` holds, deliver the decision over `channels`.
struct ChannelRule {
  std::string id;
  std::string when;  ///< a condition kindly knows (see channel_conditions())
  std::vector<std::string> channels;  ///< in order: phone, video, voicemail, email, linkedin
  std::string text;  ///< why, in kindly's words
  std::string note;  ///< an extra personal note to add (recruiter-represents); empty: none
};

struct ChannelSettings {
  int close_rapport_rounds = 3;
  std::string confirm;      ///< every call is confirmed in writing
  std::string unreachable;  ///< what to do when a call goes unanswered
  std::vector<ChannelRule> rules;         ///< in priority order: the first that holds decides
};

/// The conditions a channel rule may name, and the channels it may prescribe.
const std::vector<std::string_view>& channel_conditions();
const std::vector<std::string_view>& channel_names();

/// One check of check.toml: a rule id (several checks may share one), what kind of test it is,
/// when it applies, its words and thresholds, and what it says.
struct CheckSpec {
  std::string rule;        ///< the stable rule id, e.g. "criticism"
  std::string type;        ///< required, forbidden, count, length, conditional, spelling
  std::string severity;    ///< error, warning, info
  std::string message;     ///< may use {{found}} {{count}} {{max}} {{min}} {{value}} {{send_by}} {{channel}}
  std::string suggestion;
  std::vector<std::string> phrases;     ///< words or phrases; a trailing * matches any ending
  std::vector<std::string> exceptions;  ///< a hit inside one of these does not count
  std::vector<std::string> near;        ///< conditional: another phrase in the same sentence
  std::vector<std::string> skip;        ///< length: sentences holding one of these are not measured
  std::vector<std::string> enclosed;    ///< "[ ]", "{{ }}", "< >": short text between the two
  std::vector<std::string> kinds;       ///< only for these message kinds ("decline": any decline kind)
  std::vector<std::string> not_kinds;   ///< never for these kinds
  std::vector<std::string> channels;    ///< only on these channels
  std::vector<std::string> when;        ///< tracker conditions that must all hold (need --for)
  std::string in = "all";               ///< where to look: body, subject, all
  std::string measure;                  ///< length: words, chars, seconds, sentences
  std::string unit = "match";           ///< count: match or sentence
  std::string at = "start";             ///< where a missing part is pointed at: start or end
  int min = -1;                         ///< -1: no minimum
  int max = -1;                         ///< -1: no maximum
  bool case_sensitive = false;
  bool whole = false;                   ///< the phrase must be all of `in`
  bool enabled = true;
};

/// check.toml: the rules `kindly check` applies to a draft.
struct CheckRules {
  double speech_words_per_minute = 150;
  std::vector<std::string> decline_kinds;  ///< what "decline" means in a check's kinds
  std::vector<std::string> decline_signs;  ///< without --kind, a draft with one of these reads as a decline
  std::vector<std::string> accept;         ///< words the spelling check accepts
  std::vector<std::string> disable;        ///< rule ids turned off
  std::vector<CheckSpec> checks;
};

/// The rule types, severities, places, measures and tracker conditions check.toml may name.
const std::vector<std::string_view>& check_types();
const std::vector<std::string_view>& check_conditions();

struct Playbook {
  std::vector<StageRule> stages;
  std::vector<Case> cases;
  std::vector<Reason> reasons;
  std::vector<Concern> concerns;
  Checklist offer_checklist;
  Checklist quick_filter;
  Checklist reflection;  ///< threshold = how many misaligned answers mean decline
  std::vector<Step> clear;
  std::vector<Step> five_areas;
  AfterAccepting after_accepting;
  std::vector<Labelled> false_alarms;
  std::string false_alarm_advice;
  std::vector<Labelled> mobility_factors;
  std::vector<MobilityRule> mobility_rules;
  int non_negotiables_min = 3;
  int non_negotiables_max = 5;
  std::vector<NonNegotiableKind> non_negotiable_kinds;
  std::vector<RescindCheck> rescind_checks;
  std::vector<std::string> rescind_steps;
  Timing timing;
  CompareSettings compare;
  ChannelSettings channels;
  Phrasebook phrasebook;
  CheckRules check;

  const StageRule* stage(std::string_view name) const;
  const Reason* reason(std::string_view code) const;
  const Concern* concern(std::string_view id) const;
  const Labelled* false_alarm(std::string_view id) const;
  const MobilityRule* mobility_rule(std::string_view id) const;
};

/// A problem in a playbook file: `file:line: message`.
struct Diagnostic {
  std::string file;
  int line = 0;
  std::string message;
  std::string to_string() const;
};

/// One playbook file as the user sees it.
struct FileInfo {
  std::string name;    ///< "offer_checklist"
  std::string origin;  ///< "built-in", or the override's path
  std::string text;
};

/// The files in effect: built-in ones, each replaced by a valid override from `override_dir`
/// ($XDG_CONFIG_HOME/kindly/playbook). A broken override is reported in `notices` and the
/// built-in file is used instead; loading never fails because of an override.
std::vector<FileInfo> files(const std::string& override_dir, std::vector<Diagnostic>* notices);

/// Loads the playbook in effect (see files()). Without `with_check` the draft checker's rules
/// (check.toml, a quarter of the text to parse) are left out and `check` stays empty: for the
/// commands that never check a draft.
Playbook load(const std::string& override_dir, std::vector<Diagnostic>* notices, bool with_check = true);

/// The built-in playbook alone.
const Playbook& builtin();

/// Checks one file against the schema of the playbook file with the same name (and against the
/// built-in files for references). Empty when the file is fine.
std::vector<Diagnostic> check_file(const std::string& path);
std::vector<Diagnostic> check_text(const std::string& name, const std::string& text,
                                   const std::string& shown_as);

/// The names of the built-in files.
std::vector<std::string> file_names();

}  // namespace kindly::playbook
