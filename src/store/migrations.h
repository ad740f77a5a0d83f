// The numbered schema migrations, shared by every SQL store. Version N = the first N applied.
#pragma once

#include <span>
#include <string_view>

namespace kindly {

/// Migration i (0-based) takes the schema from version i to i+1. Never edit a released one:
/// add a new one at the end.
std::span<const std::string_view> migrations();

/// The schema version this kindly writes.
inline int schema_version() { return static_cast<int>(migrations().size()); }

}  // namespace kindly
