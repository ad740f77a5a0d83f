// Edit distance and suggestions for unknown commands, fields and ids.
#include "core/suggest.h"

#include <algorithm>
#include <cctype>

namespace kindly {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t max) {
  struct Scored {
    std::size_t score;
    const std::string* name;
  };
  std::vector<Scored> scored;
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& c : candidates) {
    // The distance to the candidate's start first (cheap); the whole only when lengths are close.
    std::size_t d = edit_distance(word, c.substr(0, std::max(word.size(), std::size_t{1}) + 2));
    std::size_t len_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (d > limit && len_gap <= limit) d = std::min(d, edit_distance(word, c));
    bool shares_start = word.size() >= 3 && c.size() >= 3 &&
                        std::equal(word.begin(), word.begin() + 3, c.begin(), [](char x, char y) {
                          return std::tolower(static_cast<unsigned char>(x)) ==
                                 std::tolower(static_cast<unsigned char>(y));
                        });
    if (d <= limit || shares_start) scored.push_back({shares_start ? std::min(d, limit) : d, &c});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& x, const Scored& y) { return x.score < y.score; });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() == max) break;
    out.push_back(*s.name);
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto near = nearest(word, candidates);
  if (near.empty()) return {};
  std::string out = "did you mean ";
  for (std::size_t i = 0; i < near.size(); ++i) {
    if (i > 0) out += (i + 1 == near.size()) ? " or " : ", ";
    out += "'" + near[i] + "'";
  }
  return out + "?";
}

}  // namespace kindly
