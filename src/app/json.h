// JSON forms of the tracker's values: one shape for --json output and for export/import.
#pragma once

#include <nlohmann/json.hpp>

#include "core/opportunity.h"

namespace kindly {

using Json = nlohmann::ordered_json;

/// Every field is present; unknown ones are null. Amounts are numbers, flags booleans,
/// dates ISO 8601 UTC strings.
Json to_json(const Opportunity& o);
Json to_json(const Contact& c);
Json to_json(const LogEntry& e);
Json to_json(const Profile& p);
/// Answers and verdict are embedded as JSON objects, not strings.
Json to_json(const Assessment& a);
Json to_json(const Score& s);

/// The reverse, checking every value; errors name `where` ("opportunities[3].base").
Opportunity opportunity_from_json(const Json& j, const std::string& where);
Contact contact_from_json(const Json& j, const std::string& where);
LogEntry log_from_json(const Json& j, const std::string& where);
Profile profile_from_json(const Json& j, const std::string& where);
Assessment assessment_from_json(const Json& j, const std::string& where);
Score score_from_json(const Json& j, const std::string& where);

}  // namespace kindly
