// Date parsing and formatting on howardhinnant date/tz (GCC 12 has no chrono time zones).
#include "core/dates.h"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/error.h"

namespace kindly {

using namespace std::chrono;

Instant SystemClock::now() const { return floor<seconds>(system_clock::now()); }

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw_usage("unknown time zone '" + std::string(name) + "'",
                "use an IANA name such as Europe/Berlin, America/New_York or UTC");
  }
}

const date::time_zone* default_zone() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string_view name = tz;
    if (name.front() == ':') name.remove_prefix(1);
    try {
      return date::locate_zone(name);
    } catch (const std::exception&) {
    }
  }
  try {
    return date::current_zone();
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Reads exactly `digits` digits at `pos`.
bool read_num(std::string_view s, std::size_t& pos, int digits, int& out) {
  if (pos + digits > s.size()) return false;
  int v = 0;
  for (int i = 0; i < digits; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += digits;
  return true;
}

bool read_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<date::year_month_day> parse_ymd(std::string_view s, std::size_t& pos) {
  int y, m, d;
  if (!read_num(s, pos, 4, y) || pos >= s.size() || s[pos++] != '-' || !read_num(s, pos, 2, m) ||
      pos >= s.size() || s[pos++] != '-' || !read_num(s, pos, 2, d))
    return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// "14:00", "14:00:30", "9am", "5pm", "5:30pm" → seconds since midnight.
std::optional<seconds> parse_clock(std::string_view s) {
  int h = 0, m = 0, sec = 0;
  bool pm = false, am = false;
  if (s.size() > 2 && (s.ends_with("am") || s.ends_with("pm"))) {
    pm = s.ends_with("pm");
    am = !pm;
    s.remove_suffix(2);
  }
  auto colon = s.find(':');
  if (colon == std::string_view::npos) {
    if (!(am || pm) || !read_int(s, h)) return std::nullopt;
  } else {
    if (!read_int(s.substr(0, colon), h)) return std::nullopt;
    auto rest = s.substr(colon + 1);
    auto colon2 = rest.find(':');
    if (colon2 == std::string_view::npos) {
      if (rest.size() != 2 || !read_int(rest, m)) return std::nullopt;
    } else {
      if (colon2 != 2 || !read_int(rest.substr(0, 2), m) || rest.size() != 5 ||
          !read_int(rest.substr(3), sec))
        return std::nullopt;
    }
  }
  if (am || pm) {
    if (h < 1 || h > 12) return std::nullopt;
    if (h == 12) h = 0;
    if (pm) h += 12;
  }
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  return hours{h} + minutes{m} + seconds{sec};
}

Instant local_to_utc(date::local_seconds local, const date::time_zone* tz) {
  return floor<seconds>(tz->to_sys(local, date::choose::earliest));
}

constexpr std::array<std::string_view, 7> kDays = {"sunday",   "monday", "tuesday", "wednesday",
                                                   "thursday", "friday", "saturday"};

std::optional<unsigned> weekday_index(std::string_view w) {
  for (unsigned i = 0; i < kDays.size(); ++i) {
    if (w == kDays[i] || (w.size() >= 3 && kDays[i].starts_with(w) &&
                          (w.size() == 3 || w == kDays[i].substr(0, w.size()))))
      return i;
  }
  return std::nullopt;
}

// "3d", "2w", "5h", "1m" (months), "30min" → a signed offset; `unit_words` allows "days".
struct Offset {
  int amount = 0;
  char unit = 'd';  // h hours, d days, w weeks, m months, n minutes
};

std::optional<char> unit_of(std::string_view u) {
  if (u == "h" || u == "hour" || u == "hours") return 'h';
  if (u == "d" || u == "day" || u == "days") return 'd';
  if (u == "w" || u == "week" || u == "weeks") return 'w';
  if (u == "m" || u == "mo" || u == "month" || u == "months") return 'm';
  if (u == "min" || u == "mins" || u == "minute" || u == "minutes") return 'n';
  return std::nullopt;
}

std::optional<Offset> parse_compact_offset(std::string_view s) {  // "+3d", "-2w"
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  std::size_t i = 1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  int n;
  if (i == 1 || !read_int(s.substr(1, i - 1), n)) return std::nullopt;
  auto unit = unit_of(s.substr(i));
  if (!unit) return std::nullopt;
  return Offset{s[0] == '-' ? -n : n, *unit};
}

}  // namespace

std::optional<Instant> parse_when(std::string_view text, Instant now, const date::time_zone* tz,
                                  DayTime day_time) {
  std::string s = lower_trim(text);
  if (s.empty()) return std::nullopt;

  const auto local_now = tz->to_local(now);
  const auto today = floor<date::days>(local_now);
  const seconds default_clock = day_time == DayTime::end_of_day ? hours{23} + minutes{59} : seconds{0};

  auto at_day = [&](date::local_days d, std::optional<seconds> clock) {
    return local_to_utc(date::local_seconds{d} + clock.value_or(default_clock), tz);
  };

  // ISO 8601: 2026-03-06[ T]14:00[:00][Z|+01:00|+0100]
  if (s.size() >= 10 && s[4] == '-' && std::isdigit(static_cast<unsigned char>(s[0]))) {
    std::size_t pos = 0;
    auto ymd = parse_ymd(s, pos);
    if (!ymd) return std::nullopt;
    date::local_days day{*ymd};
    if (pos == s.size()) return at_day(day, std::nullopt);
    if (s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    std::string_view rest = std::string_view(s).substr(pos);
    // Split off a zone designator.
    std::optional<seconds> offset;
    if (rest.ends_with("z")) {
      offset = seconds{0};
      rest.remove_suffix(1);
    } else {
      auto sign = rest.find_last_of("+-");
      if (sign != std::string_view::npos && sign >= 4) {
        std::string_view z = rest.substr(sign + 1);
        int oh = 0, om = 0;
        std::size_t p = 0;
        if (!read_num(z, p, 2, oh)) return std::nullopt;
        if (p < z.size() && z[p] == ':') ++p;
        if (p < z.size() && !read_num(z, p, 2, om)) return std::nullopt;
        if (p != z.size() || oh > 14 || om > 59) return std::nullopt;
        offset = hours{oh} + minutes{om};
        if (rest[sign] == '-') offset = -*offset;
        rest = rest.substr(0, sign);
      }
    }
    auto clock = parse_clock(rest);
    if (!clock) return std::nullopt;
    if (offset) return Instant{date::sys_days{*ymd}} + *clock - *offset;
    return at_day(day, clock);
  }

  // Words, optionally followed by a clock time: "friday 17:00", "tomorrow 9am".
  std::vector<std::string_view> words;
  {
    std::string_view v = s;
    while (!v.empty()) {
      auto sp = v.find(' ');
      words.push_back(v.substr(0, sp));
      if (sp == std::string_view::npos) break;
      v.remove_prefix(sp + 1);
    }
  }
  std::optional<seconds> clock;
  if (words.size() >= 2) {
    if (auto c = parse_clock(words.back())) {
      clock = c;
      words.pop_back();
      if (words.size() >= 2 && words.back() == "at") words.pop_back();
    }
  }

  auto apply_offset = [&](Offset o) -> std::optional<Instant> {
    switch (o.unit) {
      case 'n':
        return now + minutes{o.amount};
      case 'h':
        return now + hours{o.amount};
      case 'd':
        return at_day(today + date::days{o.amount}, clock);
      case 'w':
        return at_day(today + date::days{7 * o.amount}, clock);
      case 'm': {
        date::year_month_day ymd{today};
        auto ym = date::year_month{ymd.year(), ymd.month()} + date::months{o.amount};
        auto d = std::min(ymd.day(), (ym.year() / ym.month() / date::last).day());
        return at_day(date::local_days{ym.year() / ym.month() / d}, clock);
      }
    }
    return std::nullopt;
  };

  if (words.size() == 1) {
    std::string_view w = words[0];
    if (w == "now") return clock ? at_day(today, clock) : now;
    if (w == "today") return at_day(today, clock);
    if (w == "tomorrow") return at_day(today + date::days{1}, clock);
    if (w == "yesterday") return at_day(today - date::days{1}, clock);
    if (auto wd = weekday_index(w)) {
      date::weekday target{*wd};
      auto diff = (target - date::weekday{today}).count();  // 0..6, today included
      return at_day(today + date::days{diff}, clock);
    }
    if (auto o = parse_compact_offset(w)) return apply_offset(*o);
    return std::nullopt;
  }
  if (words.size() == 2 && words[0] == "next") {
    if (auto wd = weekday_index(words[1])) {
      date::weekday target{*wd};
      auto diff = (target - date::weekday{today}).count();
      if (diff == 0) diff = 7;  // strictly after today
      return at_day(today + date::days{diff}, clock);
    }
    if (auto u = unit_of(words[1]); u && *u != 'h' && *u != 'n') return apply_offset({1, *u});
    return std::nullopt;
  }
  if (words.size() == 3 && words[0] == "in") {  // in 2 weeks
    int n;
    auto u = unit_of(words[2]);
    if (!read_int(words[1], n) || n < 0 || !u) return std::nullopt;
    return apply_offset({n, *u});
  }
  if (words.size() == 3 && words[2] == "ago") {  // 3 days ago
    int n;
    auto u = unit_of(words[1]);
    if (!read_int(words[0], n) || n < 0 || !u) return std::nullopt;
    return apply_offset({-n, *u});
  }
  return std::nullopt;
}

std::string format_iso_utc(Instant t) {
  // Hot in imports and exports: formatted by hand rather than through a string stream.
  auto day = floor<date::days>(t);
  date::year_month_day ymd{day};
  auto secs = (t - day).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

std::optional<Instant> parse_iso_utc(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z') return std::nullopt;
  std::size_t pos = 0;
  auto ymd = parse_ymd(text, pos);
  int h, m, s;
  if (!ymd) return std::nullopt;
  pos = 11;
  if (!read_num(text, pos, 2, h) || text[pos++] != ':' || !read_num(text, pos, 2, m) ||
      text[pos++] != ':' || !read_num(text, pos, 2, s) || h > 23 || m > 59 || s > 59)
    return std::nullopt;
  return Instant{date::sys_days{*ymd}} + hours{h} + minutes{m} + seconds{s};
}

std::string format_local(Instant t, const date::time_zone* tz) {
  // Once per row in `list`: formatted by hand rather than through a string stream.
  auto local = tz->to_local(t);
  auto day = floor<date::days>(local);
  date::year_month_day ymd{day};
  auto secs = (local - date::local_seconds{day}).count();
  char buf[32];
  if (secs == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  }
  return buf;
}

std::string format_relative(Instant t, Instant now, const date::time_zone* tz) {
  auto days = (floor<date::days>(tz->to_local(t)) - floor<date::days>(tz->to_local(now))).count();
  if (days == 0) {
    auto mins = duration_cast<minutes>(t - now).count();
    if (mins > 0 && mins < 60 * 12) {
      return mins < 60 ? "in " + std::to_string(mins) + " min"
                       : "in " + std::to_string(mins / 60) + " h";
    }
    if (mins < 0 && mins > -60 * 12) {
      return -mins < 60 ? std::to_string(-mins) + " min ago"
                        : std::to_string(-mins / 60) + " h ago";
    }
    return "today";
  }
  if (days == 1) return "tomorrow";
  if (days == -1) return "yesterday";
  if (days > 0) return "in " + std::to_string(days) + " days";
  return std::to_string(-days) + " days ago";
}

}  // namespace kindly
