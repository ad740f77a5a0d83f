// RFC 6068 mailto: URLs.
#include "export/mailto.h"

#include "export/eml.h"

#include <string_view>

namespace kindly {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string percent_encode(const std::string& text, std::string_view keep) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (unreserved(c) || (c != 0 && keep.find(static_cast<char>(c)) != std::string_view::npos)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string to_mailto(const std::string& to, const std::string& subject, const std::string& body) {
  // RFC 6068 §2: addr-spec characters may stay as they are, except '%', '/', '?', '#', '&', '='
  // and anything outside ASCII; "some-delims" need no encoding.
  std::string out = "mailto:" + percent_encode(to, "!$'()*+,;:@");
  char sep = '?';
  if (!subject.empty()) {
    std::string one_line;
    for (char c : subject) one_line += (c == '\r' || c == '\n') ? ' ' : c;
    out += sep;
    out += "subject=" + percent_encode(one_line);
    sep = '&';
  }
  if (!body.empty()) {
    out += sep;
    out += "body=" + percent_encode(crlf_lines(body));
  }
  return out;
}

}  // namespace kindly
