// The draft checker: a message the user wrote (or edited) is checked against the playbook's
// principles (playbook §6 and §8) the way a compiler checks code. The rules are data
// (playbook/check.toml), compiled once into a Checker; checking is pure and never throws on
// any input (any bytes, invalid UTF-8, megabytes of text).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "playbook/playbook.h"

namespace kindly::check {

enum class Severity { error, warning, info };
inline constexpr std::array<std::string_view, 3> kSeverityNames = {"error", "warning", "info"};
inline std::string_view to_string(Severity s) { return enum_name(s, kSeverityNames); }

/// One finding, pointing at a span of the text.
struct Diagnostic {
  std::string rule;  ///< the stable rule id, e.g. "criticism"
  Severity severity = Severity::warning;
  std::size_t begin = 0;  ///< byte offsets into the text; end is one past the span
  std::size_t end = 0;
  int line = 1;        ///< 1-based; columns count characters (code points), 1-based
  int column = 1;
  int end_line = 1;    ///< where the span ends: the column just after its last character
  int end_column = 1;
  std::string message;
  std::string suggestion;
};

struct Summary {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
};
Summary summarize(const std::vector<Diagnostic>& diagnostics);

/// What the tracker knows about the opportunity the draft is for (kindly check --for ID).
struct TrackerFacts {
  bool accepted_offer = false;              ///< some opportunity is accepted (or started)
  std::optional<std::string> send_by_passed;  ///< the send-by time, as shown, once it has passed
  std::optional<std::string> call_first;      ///< the call channel ("phone") when the rules say call first
};

struct Request {
  std::string_view text;
  std::string kind;     ///< a phrasebook kind; empty: unknown (decline rules apply when it reads like one)
  std::string channel;  ///< email, phone, voicemail, linkedin; empty: email, or email when it starts with Subject:
  const TrackerFacts* tracker = nullptr;  ///< null: the rules that need the tracker are skipped
  std::vector<std::string> known_words;   ///< names and personal words the spelling check accepts
  std::vector<std::string> disabled;      ///< rule ids turned off for this run
};

/// The spelling dictionary (nuspell with hunspell's en_US), loaded once.
class Speller {
 public:
  /// Loads `aff_path` (…/en_US.aff). Throws Error(io) when it cannot be read.
  explicit Speller(const std::string& aff_path);
  ~Speller();
  Speller(const Speller&) = delete;
  Speller& operator=(const Speller&) = delete;

  bool correct(std::string_view word) const;
  /// Up to `max` words one edit away that the dictionary knows, likeliest first (a few hundred
  /// lookups: call only for misspelled words).
  std::vector<std::string> suggest(std::string_view word, std::size_t max) const;

  /// The en_US dictionary in nuspell's default places; empty when none is installed.
  static std::string find_default();

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

/// The rules of check.toml compiled for fast matching. Thread-compatible: check() is const.
class Checker {
 public:
  /// `speller` may be null: the spelling rule then reports one info saying how to install the
  /// dictionary. The speller must outlive the checker.
  Checker(const playbook::CheckRules& rules, const Speller* speller);
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  /// Every diagnostic, in text order. Never throws for any text.
  std::vector<Diagnostic> check(const Request& request) const;

  /// The rule ids of check.toml, in file order, once each.
  const std::vector<std::string>& rule_ids() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

/// How to install the dictionary when it is missing (one line).
inline constexpr const char* kDictionaryHint =
    "the spelling dictionary is not installed; install it with 'sudo apt install hunspell-en-us'";

}  // namespace kindly::check
