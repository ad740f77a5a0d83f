// Non-negotiables as the user writes them ("base >= 120000", "visa sponsorship", "hybrid or
// remote", "no relocation"), and checking an offer against them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"
#include "decide/verdict.h"

namespace kindly::decide {

struct NonNegotiable {
  std::string text;
  std::string kind;  ///< min-base, visa-sponsorship, work-mode, no-relocation, free-text
  std::optional<std::int64_t> amount;
  std::vector<WorkMode> modes;
  std::string concern;  ///< from non_negotiables.toml's kind
};

/// Recognises the patterns of non_negotiables.toml; anything else is free text.
NonNegotiable parse_non_negotiable(const std::string& text);

struct NonNegotiableCheck {
  Answer met = Answer::unanswered;
  std::string evidence;  ///< in the user's terms: "base 105,000 EUR is below your minimum of 120,000"
};

/// Checks the offer's terms; free text is left to the user (unanswered).
NonNegotiableCheck check_non_negotiable(const NonNegotiable& nn, const Opportunity& o);

}  // namespace kindly::decide
