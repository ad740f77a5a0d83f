// A message as an RFC 6068 mailto: URL, for a "send" link that opens the user's mail program.
#pragma once

#include <string>
#include <string_view>

namespace kindly {

/// "mailto:to?subject=…&body=…": UTF-8 percent-encoded, line ends in the body as %0D%0A,
/// spaces as %20. An empty subject or body is left out.
std::string to_mailto(const std::string& to, const std::string& subject, const std::string& body);

/// Percent-encodes every byte outside RFC 3986 unreserved characters and `keep`.
std::string percent_encode(const std::string& text, std::string_view keep = "");

}  // namespace kindly
