// JSON shapes of the decision: the answers file (`kindly decide --answers`) and the verdict.
#pragma once

#include "app/json.h"
#include "decide/compare.h"
#include "decide/verdict.h"

namespace kindly {

/// Reads an answers document (shape: docs/decide.md); unknown keys and bad values are usage
/// errors naming the key.
decide::Answers answers_from_json(const Json& j);
Json to_json(const decide::Answers& a);

/// The verdict with its explanation, concerns, warnings and next step.
Json to_json(const decide::Verdict& v, const std::string& opportunity_id);

Json to_json(const decide::OfferMath& m);

}  // namespace kindly
