// Time in kindly: instants in UTC, parsed from ISO 8601 or everyday words in the user's zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace kindly {

/// A point in time, to the second, in UTC.
using Instant = std::chrono::sys_seconds;

/// "Now", injected: tests and benchmarks pass a fixed clock, the binary the system one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant at) : m_at(at) {}
  Instant now() const override { return m_at; }

 private:
  Instant m_at;
};

/// A time zone by IANA name ("Europe/Berlin"); throws a usage error for an unknown name.
const date::time_zone* find_zone(std::string_view name);
/// The zone from $TZ or the system, UTC when neither is usable.
const date::time_zone* default_zone();

/// When a date is given without a time of day, which time it means.
enum class DayTime { start_of_day, end_of_day };

/// Parses ISO 8601 ("2026-03-06", "2026-03-06 14:00", "2026-03-06T14:00:00Z", "…+01:00") and
/// everyday words ("now", "today", "tomorrow", "yesterday", "friday", "next friday", "+3d",
/// "-2w", "in 2 weeks", "3 days ago"), optionally followed by a time ("friday 17:00").
/// Local times are in `tz`. Returns nullopt when the text is not a date.
std::optional<Instant> parse_when(std::string_view text, Instant now, const date::time_zone* tz,
                                  DayTime day_time = DayTime::start_of_day);

/// "2026-03-06T13:00:00Z": the stored form.
std::string format_iso_utc(Instant t);
/// Parses exactly the stored form; nullopt otherwise.
std::optional<Instant> parse_iso_utc(std::string_view text);

/// "2026-03-06 14:00" in `tz`; just the date when the local time is midnight.
std::string format_local(Instant t, const date::time_zone* tz);
/// "in 3 days", "2 hours ago", "today" — relative to now, in `tz` for calendar days.
std::string format_relative(Instant t, Instant now, const date::time_zone* tz);

}  // namespace kindly
