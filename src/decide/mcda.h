// Multi-criteria decision methods (weighted sum, TOPSIS, AHP) and weight sensitivity; pure code.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly::decide {

/// Whether more of a criterion is better (benefit, e.g. salary) or less is (cost, e.g. commute).
enum class Direction { benefit, cost };

/// A criterion: a name, a non-negative weight (any scale; normalised to sum 1) and a direction.
struct Criterion {
  std::string name;
  double weight = 0.0;
  Direction direction = Direction::benefit;
};

/// An alternative (e.g. a job offer): a name and one score per criterion, in criterion order.
struct Alternative {
  std::string name;
  std::vector<double> scores;
};

/// What every ranking method returns. Per-alternative vectors follow the input order.
struct Result {
  /// The weights used, normalised to sum 1, in criterion order.
  std::vector<double> weights;
  /// One score per alternative; higher is better.
  std::vector<double> scores;
  /// 1 = best; tied scores share a rank ("competition ranking": 1, 1, 3).
  std::vector<int> ranks;
  /// Alternative names, best first; tied alternatives keep their input order.
  std::vector<std::string> ranking;
  /// Things to tell the user, e.g. "weights summed to 1.2; normalised to 1".
  std::vector<std::string> notices;
};

/// Scores closer than this (relative to max(1, |a|, |b|)) count as a tie. It only absorbs
/// rounding (e.g. 22 computed two ways), so that ranks agree with sensitivity(), which is exact.
inline constexpr double tie_tolerance = 1e-12;

/// Weighted sum model: score = sum_j w_j * x_ij with the scores as given (so they should share
/// a scale). A cost criterion is reflected within its own range, x' = max_j + min_j - x, so the
/// best value becomes the largest and the units stay the same.
/// Throws kindly::Error(usage) on empty input, a score count that does not match the criteria,
/// non-finite scores, negative weights, weights summing to 0 or duplicate names.
Result weighted_sum(const std::vector<Criterion>& criteria,
                    const std::vector<Alternative>& alternatives);

/// How TOPSIS makes the criteria comparable.
enum class Normalisation {
  vector,   ///< r_ij = x_ij / sqrt(sum_i x_ij^2) (Hwang & Yoon); an all-zero column gives 0.
  min_max,  ///< r_ij = (x_ij - min_j) / (max_j - min_j); a constant column gives 0.
};

/// TOPSIS result: the closeness coefficient is the score; the rest shows the working.
struct TopsisResult : Result {
  /// Positive ideal solution in the weighted normalised space, per criterion.
  std::vector<double> ideal;
  /// Negative ideal (anti-ideal) solution, per criterion.
  std::vector<double> anti_ideal;
  /// Euclidean distance S+ of each alternative to the ideal.
  std::vector<double> distance_to_ideal;
  /// Euclidean distance S- of each alternative to the anti-ideal.
  std::vector<double> distance_to_anti_ideal;
};

/// TOPSIS (Hwang & Yoon 1981): normalise, weight, take the ideal and anti-ideal by direction,
/// score = S- / (S+ + S-); 0.5 when both are 0 (every alternative identical). Same validation
/// and ranking rules as weighted_sum().
TopsisResult topsis(const std::vector<Criterion>& criteria,
                    const std::vector<Alternative>& alternatives,
                    Normalisation normalisation = Normalisation::vector);

/// Which method sensitivity() analyses.
enum class Method { weighted_sum, topsis };

/// A weight at which the winner changes, and who wins just past it.
struct Flip {
  double weight = 0.0;
  std::string new_winner;
};

/// How far one criterion's weight can move before the winner changes.
/// The weight w_j is moved to w and the other weights are rescaled in proportion,
/// w_k' = w_k (1 - w) / (1 - w_j), so they still sum to 1 (if w_j is 1 the others share
/// 1 - w equally).
struct CriterionSensitivity {
  std::string criterion;
  /// The current (normalised) weight w_j.
  double weight = 0.0;
  /// The winner stays the same for every w in [stable_from, stable_to], which contains w_j.
  double stable_from = 0.0;
  double stable_to = 1.0;
  /// The change of winner nearest to w_j (the lower one on a tie); nullopt when the winner
  /// stays the same over all of [0, 1]. A tie reached exactly at w = 0 or w = 1 is no change.
  std::optional<Flip> nearest_flip;
};

/// Sensitivity of the winner (the top-ranked alternative) to each criterion weight.
struct Sensitivity {
  std::string winner;
  std::vector<CriterionSensitivity> criteria;
};

/// Computes one CriterionSensitivity per criterion, in criterion order.
/// Weighted sum: each score is linear in w, so crossings are solved exactly; O(n m) overall.
/// TOPSIS: the unweighted ideal and anti-ideal do not move with the weights, so S+^2, S-^2 are
/// quadratics in w and "a beats b" is the sign of a quartic; its roots are isolated exactly
/// through its derivatives and refined by bisection to 1e-13; O(n m) overall.
Sensitivity sensitivity(const std::vector<Criterion>& criteria,
                        const std::vector<Alternative>& alternatives, Method method,
                        Normalisation normalisation = Normalisation::vector);

/// Parses one value of Saaty's scale as written: "3", "1/3", "0.5" (spaces allowed around the
/// numbers). Throws kindly::Error(usage) on empty or malformed text, a zero denominator or a
/// non-finite value. Positivity and range are checked by ahp(), which knows the cell.
double parse_saaty_value(std::string_view text);

/// One cell of an AHP pairwise matrix as written: a number, or text such as "1/3".
/// The constructors are implicit so that matrices can be written as {{1, "1/3"}, {3, 1}}.
class Judgement {
 public:
  /// A number such as 3 or 0.5.
  Judgement(double value) : m_value(value) {}  // NOLINT(google-explicit-constructor)
  /// An integer such as 3.
  Judgement(int value) : m_value(value) {}  // NOLINT(google-explicit-constructor)
  /// Text such as "3", "1/3" or "0.5".
  Judgement(std::string text);  // NOLINT(google-explicit-constructor)
  /// Text such as "3", "1/3" or "0.5".
  Judgement(const char* text);  // NOLINT(google-explicit-constructor)

  /// The number, parsing text with parse_saaty_value() (which may throw).
  double value() const;
  /// The cell as the user wrote it, for messages: the text, or the number formatted.
  std::string written() const;

 private:
  double m_value = 0.0;
  std::optional<std::string> m_text;
};

/// Saaty's random index RI(n) for n = 1..10 (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45,
/// 1.49; Saaty 1980). Throws kindly::Error(usage) for n = 0 or n > 10.
double random_index(std::size_t n);

/// Judgements are reciprocal when a_ij * a_ji is within this relative tolerance of 1; enough
/// for values rounded to two decimals (0.33, 0.14, 0.17, 0.11 for 1/3, 1/7, 1/6, 1/9).
inline constexpr double reciprocal_tolerance = 0.03;

/// Saaty's threshold: a consistency ratio above this means the judgements should be revisited.
inline constexpr double max_consistency_ratio = 0.10;

/// A comparison that disagrees with the derived weights.
struct PairwiseDeviation {
  std::string row;
  std::string column;
  /// a_ij as given ("row is given times as important as column").
  double given = 0.0;
  /// w_i / w_j, what the weights imply for the same comparison.
  double implied = 0.0;
};

/// Weights derived from a pairwise comparison matrix, and how consistent it is.
struct AhpResult {
  std::vector<std::string> criteria;
  /// Principal eigenvector normalised to sum 1, in criterion order.
  std::vector<double> weights;
  double lambda_max = 0.0;
  /// CI = (lambda_max - n) / (n - 1); 0 for n <= 2.
  double consistency_index = 0.0;
  double random_index = 0.0;
  /// CR = CI / RI; 0 when RI is 0.
  double consistency_ratio = 0.0;
  /// CR <= max_consistency_ratio.
  bool consistent = true;
  /// The pair (i < j) maximising |ln(a_ij w_j / w_i)|, i.e. the comparison to revisit first;
  /// nullopt when the matrix is consistent to within 1e-9 (always so for n <= 2).
  std::optional<PairwiseDeviation> most_inconsistent;
};

/// AHP (Saaty): validates the matrix (square, one row per criterion, entries positive, diagonal
/// 1, within 1/9..9 up to reciprocal_tolerance, reciprocal up to reciprocal_tolerance), replaces
/// each pair by its geometric mean so the matrix is exactly reciprocal, then finds the principal
/// eigenvector by power iteration. Errors are kindly::Error(usage) naming the cell by its row
/// and column criteria. At most 10 criteria (the random index is tabulated to n = 10).
AhpResult ahp(const std::vector<std::string>& criteria,
              const std::vector<std::vector<Judgement>>& matrix);

}  // namespace kindly::decide
