// What every use case needs: the store, the clock and the user's time zone. Built by a front end.
#pragma once

#include "core/fields.h"
#include "store/store.h"

namespace kindly {

struct Context {
  Store& store;
  const Clock& clock;
  const date::time_zone* tz;  ///< the profile's zone, else $TZ or the system's

  Instant now() const { return clock.now(); }
  ParseContext parse_context() const { return {clock.now(), tz}; }
};

/// The zone a profile asks for, or the default one.
const date::time_zone* zone_for(const Profile& p);

}  // namespace kindly
