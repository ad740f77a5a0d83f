// Yearly total compensation: base + target bonus + equity vested that year + sign-on spread.
//
//   total(y) = base + bonus + equity × vest[y] + sign_on / spread     (y = 1..years)
//   comparable = mean(total) × rate ÷ (cost-of-living index / 100)
#include "decide/offer_math.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/fields.h"

namespace kindly::decide {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::vector<double> vesting_fractions(const std::string& schedule) {
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= schedule.size() && !schedule.empty()) {
    auto slash = schedule.find('/', start);
    std::string piece = schedule.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    double v = 0;
    auto [p, ec] = std::from_chars(piece.data(), piece.data() + piece.size(), v);
    if (ec != std::errc() || p != piece.data() + piece.size()) return {};
    out.push_back(v / 100.0);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

OfferMath offer_math(const playbook::CompareSettings& settings, const Opportunity& o,
                     const MathOptions& options) {
  OfferMath m;
  m.id = o.id;
  m.currency = o.currency;
  m.known = o.base.has_value();
  if (!m.known) m.assumptions.push_back("no base salary recorded (kindly set " + o.id + " base=…)");
  const double base = o.base.value_or(0);
  double bonus = 0;
  if (!o.bonus.empty()) {
    if (o.bonus.back() == '%') {
      bonus = base * std::stod(o.bonus.substr(0, o.bonus.size() - 1)) / 100.0;
    } else {
      bonus = std::stod(o.bonus);
    }
  }
  std::vector<double> vest;
  if (o.equity) {
    vest = vesting_fractions(o.vesting.empty() ? settings.default_vesting : o.vesting);
    if (o.vesting.empty()) m.assumptions.push_back("equity vesting assumed " + settings.default_vesting);
  }
  const double spread = settings.sign_on_spread_years > 0 ? settings.sign_on_spread_years : 1;
  double sum = 0;
  for (int y = 1; y <= settings.years; ++y) {
    YearTotal t;
    t.year = y;
    t.base = base;
    t.bonus = bonus;
    t.equity = o.equity && static_cast<std::size_t>(y) <= vest.size() ? *o.equity * vest[y - 1] : 0;
    t.sign_on = o.sign_on && y <= settings.sign_on_spread_years ? *o.sign_on / spread : 0;
    t.total = t.base + t.bonus + t.equity + t.sign_on;
    sum += t.total;
    m.years.push_back(t);
  }
  m.average = settings.years > 0 ? sum / settings.years : 0;
  m.comparable = m.average;

  if (!options.reference.empty() && !o.currency.empty() && o.currency != options.reference) {
    auto it = options.rates.find(o.currency);
    if (it == options.rates.end()) {
      throw_usage("no exchange rate for " + o.currency + " (" + o.id + ") to compare in " + options.reference,
                  "pass --rate " + o.currency + "=VALUE, the value of 1 " + o.currency + " in " + options.reference);
    }
    m.rate = it->second;
    m.comparable *= it->second;
  } else if (!options.reference.empty() && o.currency.empty()) {
    m.assumptions.push_back("no currency recorded; taken as " + options.reference);
  }
  if (!options.cost_of_living.empty()) {
    std::optional<double> index;
    for (const auto& [place, value] : options.cost_of_living) {
      if (!o.location.empty() && lower(place) == lower(o.location)) index = value;
    }
    if (index && *index > 0) {
      m.cost_of_living = index;
      m.comparable /= *index / 100.0;
    } else {
      m.assumptions.push_back("no cost-of-living index for " + (o.location.empty() ? std::string("an unknown location") : o.location) + "; not adjusted");
    }
  }
  if (o.sign_on && *o.sign_on > 0) {
    m.risks.push_back("sign-on bonus " + group_thousands(*o.sign_on) +
                      ": usually repaid if you leave within a year or two (clawback); check the contract");
  }
  if (o.relocation_paid && *o.relocation_paid > 0) {
    m.risks.push_back("relocation money " + group_thousands(*o.relocation_paid) +
                      ": usually repaid if you leave early; check the repayment clause");
  } else if (o.relocation.value_or(false)) {
    m.risks.push_back("relocation: ask whether a relocation package must be repaid if you leave early");
  }
  return m;
}

}  // namespace kindly::decide
