// "Did you mean …?": the nearest names by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kindly {

/// Levenshtein distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `max` candidates close to `word` (by distance or shared prefix), nearest first.
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t max = 3);

/// "did you mean 'list'?" / "did you mean 'a', 'b' or 'c'?"; empty when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kindly
