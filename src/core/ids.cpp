// Slugs for opportunity ids.
#include "core/ids.h"

#include <array>
#include <utility>

namespace kindly {

namespace {
// Two-byte UTF-8 Latin letters and their plain forms.
constexpr std::array<std::pair<std::string_view, std::string_view>, 30> kFold = {{
    {"à", "a"}, {"á", "a"}, {"â", "a"}, {"ä", "ae"}, {"å", "a"}, {"ã", "a"}, {"æ", "ae"},
    {"ç", "c"}, {"è", "e"}, {"é", "e"}, {"ê", "e"}, {"ë", "e"}, {"ì", "i"},  {"í", "i"},
    {"î", "i"}, {"ï", "i"}, {"ñ", "n"}, {"ò", "o"}, {"ó", "o"}, {"ô", "o"},  {"ö", "oe"},
    {"õ", "o"}, {"ø", "o"}, {"ù", "u"}, {"ú", "u"}, {"û", "u"}, {"ü", "ue"}, {"ß", "ss"},
    {"œ", "oe"}, {"ł", "l"},
}};
}  // namespace

std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::string_view piece;
    std::size_t len = 1;
    if (c >= 0x80) {
      len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      auto ch = text.substr(i, len);
      for (auto [from, to] : kFold) {
        if (ch == from) piece = to;
      }
      // Upper-case forms: Ä is 0xC3 0x84, ä is 0xC3 0xA4.
      if (piece.empty() && ch.size() == 2 && static_cast<unsigned char>(ch[0]) == 0xC3) {
        char lower[3] = {ch[0], static_cast<char>(static_cast<unsigned char>(ch[1]) | 0x20), 0};
        for (auto [from, to] : kFold) {
          if (from == std::string_view(lower, 2)) piece = to;
        }
      }
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      piece = std::string_view(&text[i], 1);
    } else if (c >= 'A' && c <= 'Z') {
      out += dash && !out.empty() ? "-" : "";
      dash = false;
      out += static_cast<char>(c - 'A' + 'a');
      i += 1;
      continue;
    }
    if (piece.empty()) {
      dash = true;
    } else {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += piece;
    }
    i += len;
  }
  return out;
}

namespace {
std::string cut(std::string id, std::size_t max) {
  if (id.size() > max) {
    id.resize(max);
    while (!id.empty() && id.back() == '-') id.pop_back();
  }
  return id;
}
}  // namespace

std::string make_id(std::string_view company, std::string_view role) {
  std::string c = slugify(company);
  std::string r = slugify(role);
  if (c.empty()) c = "opportunity";
  return cut(r.empty() ? c : c + "-" + r, 60);
}

}  // namespace kindly
