// Use cases of the tracker: one function per thing a user does. Front ends only present results.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.h"

namespace kindly {

/// Appends one line to the activity log at the context's "now"; returns its id.
std::int64_t log_line(Context& ctx, const std::string& opportunity_id, std::string kind, std::string text);

/// FIELD=VALUE pairs as the user typed them.
using Assignments = std::vector<std::pair<std::string, std::string>>;

/// Splits "FIELD=VALUE" words; throws a usage error for a word without '='.
Assignments parse_assignments(const std::vector<std::string>& words);

/// Finds an opportunity by exact id or unique prefix. Throws not_found with the nearest ids,
/// or usage listing the candidates when the prefix is ambiguous.
std::string resolve_id(Store& store, const std::string& id_or_prefix);
Opportunity load(Context& ctx, const std::string& id_or_prefix);

struct AddRequest {
  std::string company;
  std::string role;
  std::string stage;  ///< empty: invited
  Assignments fields;
};
/// Validates everything first, then stores the opportunity with a fresh readable id.
Opportunity add_opportunity(Context& ctx, const AddRequest& req);

/// One field's change, in display form.
struct Change {
  std::string field;
  std::string before;  ///< empty when unset
  std::string after;
};
struct SetResult {
  Opportunity opportunity;
  std::vector<Change> changes;
};
SetResult set_fields(Context& ctx, const std::string& id, const Assignments& fields);
/// The same inside a transaction the caller holds.
SetResult set_fields_within(Context& ctx, const std::string& id, const Assignments& fields);

struct MoveResult {
  Opportunity opportunity;
  Stage from;
  Stage to;
};
/// Moves along the transition table; stamps the matching date (offer received, accepted,
/// decided) when it is not set yet.
MoveResult move_opportunity(Context& ctx, const std::string& id, const std::string& stage,
                            const std::string& at = {});
/// The same inside a transaction the caller holds.
MoveResult move_within(Context& ctx, const std::string& id, Stage to, Instant when);

struct ContactRequest {
  std::string name;
  std::string role;  ///< empty: other
  std::string email;
  std::string phone;
  std::string linkedin;
  bool agency = false;
  std::string notes;
};
Contact add_contact(Context& ctx, const std::string& id, const ContactRequest& req);

LogEntry add_note(Context& ctx, const std::string& id, const std::string& text);

/// Removes an opportunity with its contacts; the log keeps a line saying so.
std::string remove_opportunity(Context& ctx, const std::string& id);

/// Sorted for action: nearest deadline first, then the most recently touched.
std::vector<Opportunity> list_opportunities(Context& ctx, const ListFilter& filter);

std::vector<LogEntry> read_log(Context& ctx, const std::string& id, std::size_t limit);

/// The profile's settable keys, for help and errors.
const std::vector<std::string>& profile_keys();
struct ProfileResult {
  Profile profile;
  std::vector<Change> changes;
};
ProfileResult set_profile(Context& ctx, const Assignments& values);

/// What `kindly` with no arguments shows.
struct Status {
  std::size_t open = 0;
  std::size_t total = 0;
  std::vector<std::pair<Stage, std::size_t>> by_stage;  ///< open stages with a count
  std::optional<Opportunity> nearest;                   ///< the nearest deadline
  std::vector<std::string> next_steps;                  ///< plain sentences, most urgent first
  std::vector<SavedMessage> unsent;                     ///< drafts not yet sent, nearest send-by first
};
Status status(Context& ctx);

/// The next step for one opportunity, from its stage and dates; empty when nothing is due.
std::string next_step(const Opportunity& o, Instant now, const date::time_zone* tz);

}  // namespace kindly
