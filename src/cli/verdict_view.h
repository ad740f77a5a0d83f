// The verdict on a terminal: the action, every rule that fired with its evidence, concerns,
// warnings and the next step. The same terms as `--json`, laid out for reading.
#pragma once

#include <string>

#include "app/decide.h"
#include "app/json.h"

namespace kindly::cli {

std::string format_verdict(const decide::Verdict& v, const Opportunity& o, Instant now,
                           const date::time_zone* tz);

/// The verdict's JSON with the opportunity id, for decide and counter.
Json verdict_json(const DecideResult& r);

}  // namespace kindly::cli
