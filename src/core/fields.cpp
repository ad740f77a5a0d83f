// The field table and the parsing of typed values. One row per field; nothing else lists them.
#include "core/fields.h"

#include <date/tz.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/suggest.h"

namespace kindly {

namespace {

using Canon = std::optional<std::string>;

// Accessors generated from member pointers: one template per storage type.
template <auto M>
Canon get_text(const Opportunity& o) {
  const std::string& v = o.*M;
  return v.empty() ? Canon{} : Canon{v};
}
template <auto M>
void put_text(Opportunity& o, const Canon& c) {
  o.*M = c.value_or("");
}

template <auto M, const auto& Names>
Canon get_choice(const Opportunity& o) {
  const auto& v = o.*M;
  if (!v) return {};
  return std::string(Names[static_cast<std::size_t>(*v)]);
}
template <auto M, const auto& Names>
void put_choice(Opportunity& o, const Canon& c) {
  using E = typename std::remove_reference_t<decltype(o.*M)>::value_type;
  if (!c) {
    o.*M = std::nullopt;
    return;
  }
  o.*M = parse_enum<E>(*c, Names);
}

template <auto M>
Canon get_number(const Opportunity& o) {
  const auto& v = o.*M;
  return v ? Canon{std::to_string(*v)} : Canon{};
}
template <auto M>
void put_number(Opportunity& o, const Canon& c) {
  using T = typename std::remove_reference_t<decltype(o.*M)>::value_type;
  if (!c) {
    o.*M = std::nullopt;
    return;
  }
  T v{};
  std::from_chars(c->data(), c->data() + c->size(), v);
  o.*M = v;
}

template <auto M>
Canon get_when(const Opportunity& o) {
  const auto& v = o.*M;
  return v ? Canon{format_iso_utc(*v)} : Canon{};
}
template <auto M>
void put_when(Opportunity& o, const Canon& c) {
  o.*M = c ? parse_iso_utc(*c) : std::nullopt;
}

template <auto M>
Canon get_flag(const Opportunity& o) {
  const auto& v = o.*M;
  return v ? Canon{*v ? "yes" : "no"} : Canon{};
}
template <auto M>
void put_flag(Opportunity& o, const Canon& c) {
  o.*M = c ? std::optional<bool>(*c == "yes") : std::nullopt;
}

using O = Opportunity;
constexpr std::span<const std::string_view> none{};
constexpr DayTime sod = DayTime::start_of_day;
constexpr DayTime eod = DayTime::end_of_day;

// clang-format off
const std::array kFields = {
  Field{"company", "basics", "the employer's name", FieldType::text, none, sod, get_text<&O::company>, put_text<&O::company>},
  Field{"role", "basics", "the role's name, as the employer calls it", FieldType::text, none, sod, get_text<&O::role>, put_text<&O::role>},
  Field{"source", "basics", "how it reached you", FieldType::choice, kSourceNames, sod, get_choice<&O::source, kSourceNames>, put_choice<&O::source, kSourceNames>},
  Field{"rounds", "basics", "interview rounds so far", FieldType::count, none, sod, get_number<&O::rounds>, put_number<&O::rounds>},
  Field{"offer_via", "basics", "how the offer came", FieldType::choice, kOfferViaNames, sod, get_choice<&O::offer_via, kOfferViaNames>, put_choice<&O::offer_via, kOfferViaNames>},
  Field{"channel", "basics", "the main channel so far", FieldType::choice, kChannelNames, sod, get_choice<&O::channel, kChannelNames>, put_choice<&O::channel, kChannelNames>},
  Field{"rapport", "basics", "how close the contact is", FieldType::choice, kRapportNames, sod, get_choice<&O::rapport, kRapportNames>, put_choice<&O::rapport, kRapportNames>},
  Field{"location", "basics", "where the job is", FieldType::text, none, sod, get_text<&O::location>, put_text<&O::location>},
  Field{"url", "basics", "the job posting", FieldType::url, none, sod, get_text<&O::url>, put_text<&O::url>},
  Field{"invited_at", "dates", "when you were invited", FieldType::when, none, sod, get_when<&O::invited_at>, put_when<&O::invited_at>},
  Field{"interview_at", "dates", "the next interview", FieldType::when, none, sod, get_when<&O::interview_at>, put_when<&O::interview_at>},
  Field{"offer_received_at", "dates", "when the offer came", FieldType::when, none, sod, get_when<&O::offer_received_at>, put_when<&O::offer_received_at>},
  Field{"offer_deadline", "dates", "when the offer needs an answer (a date alone means 23:59 that day)", FieldType::when, none, eod, get_when<&O::offer_deadline>, put_when<&O::offer_deadline>},
  Field{"accepted_at", "dates", "when you accepted", FieldType::when, none, sod, get_when<&O::accepted_at>, put_when<&O::accepted_at>},
  Field{"decided_at", "dates", "when you made up your mind", FieldType::when, none, sod, get_when<&O::decided_at>, put_when<&O::decided_at>},
  Field{"base", "offer", "base salary per year", FieldType::money, none, sod, get_number<&O::base>, put_number<&O::base>},
  Field{"currency", "offer", "currency of the amounts (ISO code)", FieldType::currency, none, sod, get_text<&O::currency>, put_text<&O::currency>},
  Field{"bonus", "offer", "target bonus per year: a percent of base or an amount", FieldType::bonus, none, sod, get_text<&O::bonus>, put_text<&O::bonus>},
  Field{"sign_on", "offer", "sign-on bonus", FieldType::money, none, sod, get_number<&O::sign_on>, put_number<&O::sign_on>},
  Field{"equity", "offer", "equity grant value over the whole schedule", FieldType::money, none, sod, get_number<&O::equity>, put_number<&O::equity>},
  Field{"vesting", "offer", "vesting per year in percent", FieldType::vesting, none, sod, get_text<&O::vesting>, put_text<&O::vesting>},
  Field{"title", "offer", "the title in the offer", FieldType::text, none, sod, get_text<&O::title>, put_text<&O::title>},
  Field{"work_mode", "offer", "where the work happens", FieldType::choice, kWorkModeNames, sod, get_choice<&O::work_mode, kWorkModeNames>, put_choice<&O::work_mode, kWorkModeNames>},
  Field{"start_date", "offer", "the start date", FieldType::when, none, sod, get_when<&O::start_date>, put_when<&O::start_date>},
  Field{"benefits", "offer", "benefits worth noting", FieldType::text, none, sod, get_text<&O::benefits>, put_text<&O::benefits>},
  Field{"relocation", "mobility", "the job needs you to move", FieldType::flag, none, sod, get_flag<&O::relocation>, put_flag<&O::relocation>},
  Field{"visa", "mobility", "visa sponsorship", FieldType::choice, kVisaNames, sod, get_choice<&O::visa, kVisaNames>, put_choice<&O::visa, kVisaNames>},
  Field{"relocation_paid", "mobility", "relocation money already paid to you", FieldType::money, none, sod, get_number<&O::relocation_paid>, put_number<&O::relocation_paid>},
  Field{"paperwork_signed", "mobility", "you signed the contract or other paperwork", FieldType::flag, none, sod, get_flag<&O::paperwork_signed>, put_flag<&O::paperwork_signed>},
  Field{"notes", "basics", "anything else", FieldType::text, none, sod, get_text<&O::notes>, put_text<&O::notes>},
};
// clang-format on

[[noreturn]] void bad(const Field& f, std::string_view raw, std::string_view accepted) {
  throw_usage(std::string(f.name) + ": '" + std::string(raw) + "' is not " +
                  std::string(accepted),
              "");
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "120000", "120,000", "120 000", "$120k", "1.5m", "EUR 90000" → whole units; nullopt if not.
std::optional<long double> parse_amount(std::string_view raw, bool& negative) {
  std::string digits;
  long double mult = 1;
  negative = false;
  std::string s = trim(raw);
  // Strip a currency symbol or code at either end.
  auto strip = [&](std::string_view token) {
    if (s.starts_with(token)) s = trim(s.substr(token.size()));
    if (s.ends_with(token)) s = trim(s.substr(0, s.size() - token.size()));
  };
  for (std::string_view t : {"$", "€", "£", "¥"}) strip(t);
  if (s.size() > 3 && std::isalpha(static_cast<unsigned char>(s[0])) &&
      std::isalpha(static_cast<unsigned char>(s[1])) &&
      std::isalpha(static_cast<unsigned char>(s[2])) && s[3] == ' ')
    s = trim(s.substr(4));
  if (!s.empty() && (s.back() == 'k' || s.back() == 'K')) {
    mult = 1e3;
    s.pop_back();
  } else if (!s.empty() && (s.back() == 'm' || s.back() == 'M')) {
    mult = 1e6;
    s.pop_back();
  }
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.erase(0, 1);
  }
  bool dot = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '.' && !dot) {
      dot = true;
      digits += c;
    } else if (c == ',' || c == ' ' || c == '_' || c == '\'') {
      continue;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  return std::stold(digits) * mult;
}

std::string money_canonical(const Field& f, std::string_view raw) {
  bool negative = false;
  auto v = parse_amount(raw, negative);
  if (!v) bad(f, raw, "an amount (examples: 120000, 120,000, 120k)");
  if (negative) {
    throw_usage(std::string(f.name) + ": " + std::string(raw) + " is negative",
                "give an amount of 0 or more");
  }
  if (*v > 1e15L) bad(f, raw, "a plausible amount");
  return std::to_string(static_cast<std::int64_t>(std::llround(static_cast<double>(*v))));
}

std::string vesting_canonical(const Field& f, std::string_view raw) {
  std::string s = trim(raw);
  std::vector<double> parts;
  const char* accepted = "a vesting schedule: percent per year like 25/25/25/25, or 4y for even vesting";
  if (s.size() >= 2 && (s.back() == 'y' || s.back() == 'Y')) {
    int years = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size() - 1, years);
    if (ec != std::errc() || p != s.data() + s.size() - 1 || years < 1 || years > 10)
      bad(f, raw, accepted);
    // Even vesting in whole hundredths; the last year takes the rounding remainder.
    int each = 10000 / years;
    for (int i = 0; i < years; ++i) parts.push_back((i + 1 == years ? 10000 - each * (years - 1) : each) / 100.0);
  } else {
    std::size_t start = 0;
    while (start <= s.size()) {
      auto slash = s.find('/', start);
      std::string piece = trim(s.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (!piece.empty() && piece.back() == '%') piece.pop_back();
      double v = 0;
      auto [p, ec] = std::from_chars(piece.data(), piece.data() + piece.size(), v);
      if (piece.empty() || ec != std::errc() || p != piece.data() + piece.size() || v < 0)
        bad(f, raw, accepted);
      parts.push_back(v);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  double sum = 0;
  for (double p : parts) sum += p;
  if (parts.size() > 10 || std::fabs(sum - 100.0) > 0.01) {
    throw_usage(std::string(f.name) + ": '" + std::string(raw) + "' adds up to " +
                    std::to_string(static_cast<int>(std::lround(sum))) + "%, not 100%",
                "give the percent that vests each year, e.g. 25/25/25/25 or 10/20/30/40");
  }
  std::string out;
  for (double p : parts) {
    if (!out.empty()) out += '/';
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::round(p * 100) / 100);
    (void)ec;
    out.append(buf, end);
  }
  return out;
}

}  // namespace

std::span<const Field> opportunity_fields() { return kFields; }

const Field* find_field(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& f : kFields) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

void throw_unknown_field(std::string_view name) {
  // Words people use for a field, before the spelling-based guess.
  static const std::pair<std::string_view, std::string_view> kSynonyms[] = {
      {"salary", "base"},       {"pay", "base"},          {"deadline", "offer_deadline"},
      {"interview", "interview_at"}, {"signon", "sign_on"}, {"stock", "equity"},
      {"rsu", "equity"},        {"remote", "work_mode"},  {"hybrid", "work_mode"},
      {"sponsorship", "visa"},  {"start", "start_date"},  {"link", "url"},
      {"city", "location"},     {"note", "notes"},        {"source_type", "source"}};
  std::string lowered(name);
  for (char& c : lowered) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto [from, to] : kSynonyms) {
    if (lowered == from) throw_usage("unknown field '" + std::string(name) + "'", "did you mean '" + std::string(to) + "'?");
  }
  std::vector<std::string> names;
  for (const auto& f : kFields) names.emplace_back(f.name);
  std::string hint = did_you_mean(name, names);
  if (hint.empty()) hint = "see 'kindly set --help' for the fields";
  throw_usage("unknown field '" + std::string(name) + "'", hint);
}

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '<' || c == '>')
      return false;
  }
  return true;
}

bool valid_url(std::string_view s) {
  if (!(s.starts_with("http://") || s.starts_with("https://"))) return false;
  auto rest = s.substr(s.find("//") + 2);
  if (rest.empty() || rest.front() == '/') return false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<bool> parse_flag(std::string_view s) {
  std::string v = trim(s);
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
  if (v == "no" || v == "n" || v == "false" || v == "0") return false;
  return std::nullopt;
}

std::optional<std::string> parse_field(const Field& f, std::string_view raw_in,
                                       const ParseContext& ctx) {
  std::string raw = trim(raw_in);
  if (raw.empty()) return std::nullopt;
  switch (f.type) {
    case FieldType::text:
      if (f.name == "company" || f.name == "role") {
        if (raw.size() > 200) bad(f, raw.substr(0, 20) + "…", "a name of at most 200 characters");
      }
      return raw;
    case FieldType::choice: {
      if (auto i = find_name(raw, f.choices.data(), f.choices.size())) return std::string(f.choices[*i]);
      throw_usage(std::string(f.name) + ": unknown value '" + raw + "'",
                  "accepted: " + join_names(f.choices.data(), f.choices.size()));
    }
    case FieldType::count: {
      int v = 0;
      auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
      if (ec != std::errc() || p != raw.data() + raw.size()) bad(f, raw, "a whole number (0, 1, 2, …)");
      if (v < 0) throw_usage(std::string(f.name) + ": " + raw + " is negative", "give 0 or more");
      if (v > 100) bad(f, raw, "a plausible number of rounds (at most 100)");
      return std::to_string(v);
    }
    case FieldType::money:
      return money_canonical(f, raw);
    case FieldType::bonus: {
      if (raw.back() == '%') {
        double v = 0;
        std::string num = trim(raw.substr(0, raw.size() - 1));
        auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
        if (ec != std::errc() || p != num.data() + num.size() || num.empty())
          bad(f, raw, "a percent of base (15%) or an amount (12000)");
        if (v < 0) throw_usage(std::string(f.name) + ": " + raw + " is negative", "give 0% or more");
        if (v > 1000) bad(f, raw, "a plausible percent (at most 1000%)");
        char buf[32];
        auto [end, ec2] = std::to_chars(buf, buf + sizeof buf, v);
        (void)ec2;
        return std::string(buf, end) + "%";
      }
      return money_canonical(f, raw);
    }
    case FieldType::vesting:
      return vesting_canonical(f, raw);
    case FieldType::currency: {
      std::string up;
      for (char c : raw) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up.size() != 3 || !std::all_of(up.begin(), up.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        bad(f, raw, "a three-letter currency code (EUR, USD, GBP, …)");
      return up;
    }
    case FieldType::when: {
      auto t = parse_when(raw, ctx.now, ctx.tz, f.day_time);
      if (!t) {
        throw_usage(std::string(f.name) + ": cannot read '" + raw + "' as a date",
                    "use 2026-03-06, 2026-03-06 14:00, today, tomorrow, friday, +3d or in 2 weeks");
      }
      return format_iso_utc(*t);
    }
    case FieldType::flag: {
      auto b = parse_flag(raw);
      if (!b) bad(f, raw, "yes or no");
      return *b ? "yes" : "no";
    }
    case FieldType::email:
      if (!valid_email(raw)) bad(f, raw, "an email address like name@example.com");
      return raw;
    case FieldType::url:
      if (!valid_url(raw)) bad(f, raw, "a web address starting with https:// or http://");
      return raw;
  }
  return raw;
}

void check_canonical(const Field& f, const std::string& c) {
  if (f.type == FieldType::when) {
    if (!parse_iso_utc(c)) {
      throw_usage(std::string(f.name) + ": '" + c + "' is not a UTC time like 2026-03-06T17:00:00Z");
    }
    return;
  }
  // Every other canonical form is a fixed point of parse_field.
  ParseContext ctx{Instant{}, nullptr};
  auto again = parse_field(f, c, ctx);
  if (!again || *again != c) {
    throw_usage(std::string(f.name) + ": '" + c + "' is not in kindly's stored form" +
                (again ? " (expected '" + *again + "')" : ""));
  }
}

std::string group_thousands(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n && n % 3 == 0) out += ',';
    out += *it;
    ++n;
  }
  if (v < 0) out += '-';
  return {out.rbegin(), out.rend()};
}

std::string display_field(const Field& f, const std::string& c, const date::time_zone* tz) {
  switch (f.type) {
    case FieldType::when:
      if (auto t = parse_iso_utc(c)) return format_local(*t, tz);
      return c;
    case FieldType::money:
      return group_thousands(std::stoll(c));
    case FieldType::bonus:
      return c.ends_with('%') ? c : group_thousands(std::stoll(c));
    case FieldType::vesting:
      return c + " (% per year)";
    default:
      return c;
  }
}

std::optional<Instant> next_deadline(const Opportunity& o) {
  switch (o.stage) {
    case Stage::offer:
    case Stage::negotiating:
      return o.offer_deadline;
    case Stage::invited:
    case Stage::interviewing:
      return o.interview_at;
    case Stage::accepted:
      return o.start_date;
    default:
      return std::nullopt;  // started and closed: nothing is due
  }
}

}  // namespace kindly
