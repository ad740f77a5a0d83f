// Offer math: yearly total compensation over the first years, with vesting, sign-on spread,
// optional cost-of-living and currency adjustment, and the repayment risks.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"
#include "playbook/playbook.h"

namespace kindly::decide {

struct MathOptions {
  std::map<std::string, double> cost_of_living;  ///< location → index (100 = your baseline)
  std::map<std::string, double> rates;           ///< currency → value of 1 unit in `reference`
  std::string reference;                         ///< currency to compare in; empty: none
};

struct YearTotal {
  int year = 1;
  double base = 0;
  double bonus = 0;
  double equity = 0;
  double sign_on = 0;
  double total = 0;
};

struct OfferMath {
  std::string id;
  std::string currency;
  bool known = false;  ///< false when the base salary is missing
  std::vector<YearTotal> years;
  double average = 0;  ///< mean yearly total, in the offer's currency
  std::optional<double> rate;
  std::optional<double> cost_of_living;
  double comparable = 0;  ///< average × rate ÷ (index / 100)
  std::vector<std::string> assumptions;
  std::vector<std::string> risks;
};

/// Parses "25/25/25/25" into fractions; empty on a malformed schedule.
std::vector<double> vesting_fractions(const std::string& schedule);

/// Computes the yearly totals. Throws usage when a currency rate is needed but missing.
OfferMath offer_math(const playbook::CompareSettings& settings, const Opportunity& o,
                     const MathOptions& options);

}  // namespace kindly::decide
