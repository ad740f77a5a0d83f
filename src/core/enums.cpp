// Spelling look-ups shared by every enum of the tracker.
#include "core/enums.h"

#include <cctype>

namespace kindly {

namespace {
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    char y = b[i];
    if (x == '_' || x == ' ') x = '-';
    if (x != y) return false;
  }
  return true;
}
}  // namespace

std::optional<std::size_t> find_name(std::string_view text, const std::string_view* names,
                                     std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (same_name(text, names[i])) return i;
  }
  return std::nullopt;
}

std::string join_names(const std::string_view* names, std::size_t count, std::string_view last_sep) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += (i + 1 == count) ? std::string(last_sep) : std::string(", ");
    out += names[i];
  }
  return out;
}

}  // namespace kindly
