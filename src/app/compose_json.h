// JSON shapes of saying it: the advice, a drafted message, a saved message (docs/commands/).
#pragma once

#include "app/compose.h"
#include "app/json.h"

namespace kindly {

/// `kindly advise --json`: the rule, the steps, the send-by time (UTC and local).
Json to_json(const AdviseResult& r, const date::time_zone* tz);

/// `kindly draft --json`: exactly {"kind","channel","subject","body","parts":[{"part","text"}]}.
Json to_json(const compose::Message& m);

/// A saved message, as `kindly drafts --json` and the export show it.
Json to_json(const SavedMessage& m);
/// Reads one back (the export's shape); throws usage naming `where` and the key.
SavedMessage saved_message_from_json(const Json& j, const std::string& where);

}  // namespace kindly
