// Checking a draft before it goes out: the checker with its dictionary, the personal word list
// and disabled rules from the config folder, and what the tracker knows (kindly check --for ID).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "check/check.h"
#include "playbook/playbook.h"

namespace kindly {

/// The user's own settings for kindly check: $XDG_CONFIG_HOME/kindly/words.txt (one word a line)
/// and $XDG_CONFIG_HOME/kindly/check.toml (`disable = ["door-closed"]`).
struct CheckSettings {
  std::vector<std::string> words;
  std::vector<std::string> disabled;
};

std::string words_path();
std::string check_settings_path();

/// Reads both files; a missing file is empty. Throws usage for a malformed check.toml or a rule
/// id it does not know (with did-you-mean), io when a file cannot be read.
CheckSettings read_check_settings(const playbook::Playbook& pb);

/// Adds words to the personal list (written atomically: a temporary file, then a rename).
/// Returns the words that were new. Throws usage for a word with spaces or control characters.
std::vector<std::string> add_words(const std::vector<std::string>& words);
/// Removes words; returns those that were on the list.
std::vector<std::string> remove_words(const std::vector<std::string>& words);
std::vector<std::string> read_words();

/// The checker in effect: the playbook's rules and, when installed, the en_US dictionary.
struct DraftChecker {
  std::unique_ptr<check::Speller> speller;  ///< null when no dictionary is installed
  std::unique_ptr<check::Checker> checker;
};
DraftChecker make_draft_checker(const playbook::Playbook& pb);

struct CheckDraftRequest {
  std::string text;
  std::string kind;     ///< empty: unknown
  std::string channel;  ///< empty: email, without requiring a subject line
  std::string for_id;   ///< empty: no tracker context
  std::vector<std::string> disabled;  ///< --disable, added to the settings' list
};

struct CheckDraftResult {
  std::vector<check::Diagnostic> diagnostics;
  check::Summary summary;
  std::string opportunity_id;      ///< with --for
  std::vector<std::string> notes;  ///< e.g. the opportunity is closed, so timing was not checked
};

/// Validates --kind and --channel (usage errors with did-you-mean), gathers what the tracker
/// knows when `for_id` is set (names as known words, whether an offer is accepted, the send-by
/// time and the first channel of the advice), and checks the text. `ctx` may be null without --for.
CheckDraftResult check_draft(Context* ctx, const playbook::Playbook& pb, const DraftChecker& checker,
                             const CheckSettings& settings, const CheckDraftRequest& request);

}  // namespace kindly
