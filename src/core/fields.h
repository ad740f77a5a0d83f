// The field table: every opportunity field once, with its type, help and canonical text form.
// It drives `add` flags, `set FIELD=VALUE`, `show`, the store's columns, CSV and JSON.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/opportunity.h"

namespace kindly {

enum class FieldType {
  text,      ///< free text
  choice,    ///< one of a closed list
  count,     ///< a whole number, 0 or more
  money,     ///< an amount, 0 or more: "120000", "120,000", "120k", "1.5m"
  bonus,     ///< "15%" or an amount
  vesting,   ///< percent per year, "25/25/25/25", or "4y" for even vesting
  currency,  ///< ISO 4217 code
  when,      ///< a date or date and time
  flag,      ///< yes or no
  email,
  url,
};

/// What the user may type for a field, and where it lives in an Opportunity.
struct Field {
  std::string_view name;   ///< snake_case; kebab-case is accepted when typed
  std::string_view group;  ///< basics, dates, offer, mobility
  std::string_view help;
  FieldType type;
  std::span<const std::string_view> choices;  ///< for FieldType::choice
  DayTime day_time = DayTime::start_of_day;   ///< for FieldType::when without a time of day
  std::optional<std::string> (*get)(const Opportunity&);
  void (*put)(Opportunity&, const std::optional<std::string>& canonical);
};

/// All settable fields in display order (company and role first; id and stage are not here).
std::span<const Field> opportunity_fields();

/// Finds a field by name ("offer_deadline" or "offer-deadline"); nullptr when unknown.
const Field* find_field(std::string_view name);

/// What parsing a typed value needs: the clock and the user's zone.
struct ParseContext {
  Instant now;
  const date::time_zone* tz;
};

/// Turns what the user typed into the canonical stored text; an empty value clears the field.
/// Throws a usage error naming the field, the value and what is accepted.
std::optional<std::string> parse_field(const Field& f, std::string_view raw, const ParseContext& ctx);

/// Checks a canonical value (from a file being imported); throws like parse_field.
void check_canonical(const Field& f, const std::string& canonical);

/// Human form of a canonical value: local dates, thousands separators, …
std::string display_field(const Field& f, const std::string& canonical, const date::time_zone* tz);

/// "120,000"
std::string group_thousands(std::int64_t v);

/// A usage error for an unknown field, with the nearest names.
[[noreturn]] void throw_unknown_field(std::string_view name);

/// Text checks shared with contacts and the profile.
bool valid_email(std::string_view s);
bool valid_url(std::string_view s);
std::optional<bool> parse_flag(std::string_view s);

}  // namespace kindly
