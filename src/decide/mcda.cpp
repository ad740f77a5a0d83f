// Multi-criteria decision methods (weighted sum, TOPSIS, AHP) and weight sensitivity; pure code.
#include "decide/mcda.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <system_error>
#include <utility>

#include "core/error.h"

namespace kindly::decide {
namespace {

[[noreturn]] void fail(const std::string& message, std::string hint = {}) {
  throw Error(ErrorKind::usage, message, std::move(hint));
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool same_score(double a, double b) {
  return std::abs(a - b) <= tie_tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

// ---------------------------------------------------------------------------------------------
// Input checks shared by the weighted sum and TOPSIS.

void check_unique(const std::vector<std::string>& names, const char* what) {
  std::set<std::string_view> seen;
  for (const auto& name : names) {
    if (!seen.insert(name).second) {
      fail(std::string(what) + " '" + name + "' appears more than once", "give each a unique name");
    }
  }
}

void check_problem(const std::vector<Criterion>& criteria,
                   const std::vector<Alternative>& alternatives) {
  if (criteria.empty()) fail("no criteria given", "add at least one criterion");
  if (alternatives.empty()) fail("no alternatives given", "add at least one alternative");
  std::vector<std::string> names;
  for (const auto& criterion : criteria) names.push_back(criterion.name);
  check_unique(names, "criterion");
  names.clear();
  for (const auto& alternative : alternatives) names.push_back(alternative.name);
  check_unique(names, "alternative");
  for (const auto& alternative : alternatives) {
    if (alternative.scores.size() != criteria.size()) {
      fail("alternative '" + alternative.name + "' has " +
               std::to_string(alternative.scores.size()) + " scores but there are " +
               std::to_string(criteria.size()) + " criteria",
           "give one score per criterion, in criterion order");
    }
    for (std::size_t j = 0; j < criteria.size(); ++j) {
      if (!std::isfinite(alternative.scores[j])) {
        fail("score of alternative '" + alternative.name + "' on criterion '" + criteria[j].name +
             "' is not a finite number");
      }
    }
  }
}

// Returns the weights normalised to sum 1 and records a notice when they did not.
std::vector<double> normalised_weights(const std::vector<Criterion>& criteria,
                                       std::vector<std::string>& notices) {
  double sum = 0.0;
  for (const auto& criterion : criteria) {
    if (!std::isfinite(criterion.weight) || criterion.weight < 0.0) {
      fail("weight of criterion '" + criterion.name + "' is " + format_number(criterion.weight),
           "weights must be zero or positive numbers");
    }
    sum += criterion.weight;
  }
  if (sum <= 0.0) fail("the criterion weights sum to 0", "give at least one criterion a weight");
  std::vector<double> weights;
  for (const auto& criterion : criteria) weights.push_back(criterion.weight / sum);
  if (std::abs(sum - 1.0) > 1e-9) {
    notices.push_back("weights summed to " + format_number(sum) + "; normalised to 1");
  }
  return weights;
}

// Fills ranks and ranking from scores; returns the alternative indices best first.
std::vector<std::size_t> fill_ranking(const std::vector<Alternative>& alternatives,
                                      Result& result) {
  const std::size_t n = alternatives.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return result.scores[a] > result.scores[b];
  });
  result.ranks.assign(n, 0);
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start + 1;
    while (end < n && same_score(result.scores[order[end - 1]], result.scores[order[end]])) ++end;
    std::sort(order.begin() + static_cast<std::ptrdiff_t>(start),
              order.begin() + static_cast<std::ptrdiff_t>(end));
    for (std::size_t k = start; k < end; ++k) result.ranks[order[k]] = static_cast<int>(start + 1);
    start = end;
  }
  result.ranking.clear();
  for (std::size_t index : order) result.ranking.push_back(alternatives[index].name);
  return order;
}

// The decision matrix with cost criteria reflected within their range (max + min - x).
std::vector<std::vector<double>> benefit_matrix(const std::vector<Criterion>& criteria,
                                                const std::vector<Alternative>& alternatives) {
  std::vector<std::vector<double>> x;
  for (const auto& alternative : alternatives) x.push_back(alternative.scores);
  for (std::size_t j = 0; j < criteria.size(); ++j) {
    if (criteria[j].direction != Direction::cost) continue;
    double low = x[0][j];
    double high = x[0][j];
    for (const auto& row : x) {
      low = std::min(low, row[j]);
      high = std::max(high, row[j]);
    }
    for (auto& row : x) row[j] = high + low - row[j];
  }
  return x;
}

// TOPSIS normalised matrix r_ij (unweighted).
std::vector<std::vector<double>> normalised_matrix(const std::vector<Alternative>& alternatives,
                                                   std::size_t m, Normalisation normalisation) {
  std::vector<std::vector<double>> r;
  for (const auto& alternative : alternatives) r.push_back(alternative.scores);
  for (std::size_t j = 0; j < m; ++j) {
    if (normalisation == Normalisation::vector) {
      double sum_squares = 0.0;
      for (const auto& row : r) sum_squares += row[j] * row[j];
      const double norm = std::sqrt(sum_squares);
      for (auto& row : r) row[j] = norm > 0.0 ? row[j] / norm : 0.0;
    } else {
      double low = r[0][j];
      double high = r[0][j];
      for (const auto& row : r) {
        low = std::min(low, row[j]);
        high = std::max(high, row[j]);
      }
      for (auto& row : r) row[j] = high > low ? (row[j] - low) / (high - low) : 0.0;
    }
  }
  return r;
}

// Unweighted ideal (best) and anti-ideal (worst) per criterion of a normalised matrix.
void ideals(const std::vector<Criterion>& criteria, const std::vector<std::vector<double>>& r,
            std::vector<double>& best, std::vector<double>& worst) {
  best = r[0];
  worst = r[0];
  for (const auto& row : r) {
    for (std::size_t j = 0; j < criteria.size(); ++j) {
      const bool benefit = criteria[j].direction == Direction::benefit;
      best[j] = benefit ? std::max(best[j], row[j]) : std::min(best[j], row[j]);
      worst[j] = benefit ? std::min(worst[j], row[j]) : std::max(worst[j], row[j]);
    }
  }
}

double closeness(double to_ideal, double to_anti_ideal) {
  const double total = to_ideal + to_anti_ideal;
  return total > 0.0 ? to_anti_ideal / total : 0.5;
}

// ---------------------------------------------------------------------------------------------
// Sensitivity: polynomials in the moved weight w on [0, 1].

struct Poly {
  std::array<double, 5> c{};  // c[0] + c[1] w + ... + c[4] w^4
  int degree = 0;

  double at(double w) const {
    double value = 0.0;
    for (int k = degree; k >= 0; --k) value = value * w + c[static_cast<std::size_t>(k)];
    return value;
  }
  Poly derivative() const {
    Poly d;
    d.degree = std::max(degree - 1, 0);
    for (int k = 1; k <= degree; ++k) {
      d.c[static_cast<std::size_t>(k - 1)] = k * c[static_cast<std::size_t>(k)];
    }
    return d;
  }
  double magnitude() const {
    double sum = 0.0;
    for (double coefficient : c) sum += std::abs(coefficient);
    return sum;
  }
};

Poly quadratic(double c0, double c1, double c2) {
  Poly p;
  p.c = {c0, c1, c2, 0.0, 0.0};
  p.degree = 2;
  return p;
}

Poly product(const Poly& a, const Poly& b) {
  Poly p;
  p.degree = a.degree + b.degree;
  for (int i = 0; i <= a.degree; ++i) {
    for (int j = 0; j <= b.degree; ++j) {
      p.c[static_cast<std::size_t>(i + j)] +=
          a.c[static_cast<std::size_t>(i)] * b.c[static_cast<std::size_t>(j)];
    }
  }
  return p;
}

Poly difference(const Poly& a, const Poly& b) {
  Poly p;
  p.degree = std::max(a.degree, b.degree);
  for (std::size_t k = 0; k < p.c.size(); ++k) p.c[k] = a.c[k] - b.c[k];
  return p;
}

// A root of p in [a, b], where p is monotone on [a, b] and p(a), p(b) have opposite signs.
double monotone_root(const Poly& p, double a, double b) {
  if (p.degree == 1 && p.c[1] != 0.0) return std::clamp(-p.c[0] / p.c[1], a, b);
  const bool rising = p.at(a) < 0.0;
  for (int iteration = 0; iteration < 100 && b - a > 1e-13; ++iteration) {
    const double mid = 0.5 * (a + b);
    if ((p.at(mid) < 0.0) == rising) {
      a = mid;
    } else {
      b = mid;
    }
  }
  return 0.5 * (a + b);
}

// A handful of points on [0, 1]: a polynomial of degree <= 4 has at most 3 turning points.
struct Points {
  std::array<double, 8> at{};
  std::size_t size = 0;
  void push(double x) { at[size++] = x; }
};

// The points in (a, b) where p changes sign, ascending (touching zeros are skipped).
Points sign_changes(const Poly& p, double a, double b) {
  Points roots;
  if (p.degree <= 0 || !(a < b)) return roots;
  Points points;
  points.push(a);
  if (p.degree >= 2) {
    const Points critical = sign_changes(p.derivative(), a, b);
    for (std::size_t k = 0; k < critical.size; ++k) points.push(critical.at[k]);
  }
  points.push(b);
  for (std::size_t k = 0; k + 1 < points.size; ++k) {
    const double low = p.at(points.at[k]);
    const double high = p.at(points.at[k + 1]);
    if ((low < 0.0 && high > 0.0) || (low > 0.0 && high < 0.0)) {
      roots.push(monotone_root(p, points.at[k], points.at[k + 1]));
    }
  }
  return roots;
}

// [a, critical points of f in (a, b)..., b]: the pieces on which f is monotone.
Points monotone_pieces(const Poly& f, double a, double b) {
  Points points;
  points.push(a);
  const Points critical = sign_changes(f.derivative(), a, b);
  for (std::size_t k = 0; k < critical.size; ++k) points.push(critical.at[k]);
  points.push(b);
  return points;
}

// f(w) >= 0 means the winner still beats one rival at w. Returns where, going up from `from`
// to `to`, f first drops below -tolerance (the crossing before it); nullopt if it never does.
std::optional<double> first_drop_up(const Poly& f, double from, double to, double tolerance) {
  if (!(from < to)) return std::nullopt;
  const Points points = monotone_pieces(f, from, to);
  for (std::size_t k = 0; k + 1 < points.size; ++k) {
    if (f.at(points.at[k + 1]) >= -tolerance) continue;
    if (f.at(points.at[k]) < 0.0) return points.at[k];
    return monotone_root(f, points.at[k], points.at[k + 1]);
  }
  return std::nullopt;
}

// The same going down from `from` to `to` (to < from).
std::optional<double> first_drop_down(const Poly& f, double from, double to, double tolerance) {
  if (!(to < from)) return std::nullopt;
  const Points points = monotone_pieces(f, to, from);
  for (std::size_t k = points.size - 1; k > 0; --k) {
    if (f.at(points.at[k - 1]) >= -tolerance) continue;
    if (f.at(points.at[k]) < 0.0) return points.at[k];
    return monotone_root(f, points.at[k - 1], points.at[k]);
  }
  return std::nullopt;
}

// How far alternative i is ahead of alternative k as a polynomial in the moved weight w:
// i ranks at least as high as k where it is >= 0. Values within `tolerance` of 0 are ties.
struct Margin {
  Poly poly;
  double tolerance = 0.0;
};

// One criterion's view of the problem: pairwise margins as functions of its weight.
struct CriterionModel {
  virtual Margin versus(std::size_t i, std::size_t k) const = 0;
  virtual ~CriterionModel() = default;
};

// The sign of g just past x (direction +1: just above; -1: just below), from the first of
// g(x), g'(x), g''(x), ... that is not within tolerance of 0; 0 if g vanishes there.
int sign_past(const Poly& g, double x, int direction, double tolerance) {
  Poly d = g;
  for (int order = 0; order <= g.degree; ++order) {
    const double value = (direction < 0 && order % 2 == 1) ? -d.at(x) : d.at(x);
    if (std::abs(value) > tolerance) return value > 0.0 ? 1 : -1;
    d = d.derivative();
  }
  return 0;
}

CriterionSensitivity analyse(const CriterionModel& model, std::size_t winner, double weight,
                             const std::vector<Alternative>& alternatives) {
  CriterionSensitivity out;
  out.weight = weight;
  out.stable_from = 0.0;
  out.stable_to = 1.0;
  const std::size_t n = alternatives.size();
  bool up_found = false;
  bool down_found = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == winner) continue;
    const Margin margin = model.versus(winner, i);
    // Only crossings inside the interval found so far can narrow it.
    if (auto root = first_drop_up(margin.poly, weight, out.stable_to, margin.tolerance)) {
      out.stable_to = *root;
      up_found = true;
    }
    if (auto root = first_drop_down(margin.poly, weight, out.stable_from, margin.tolerance)) {
      out.stable_from = *root;
      down_found = true;
    }
  }
  // Who wins just past a crossing: of the rivals tied with the winner there that pull ahead
  // just past it, the one that is ahead of the others just past it (input order on a tie).
  // Judged from derivatives at the crossing, since in TOPSIS a new criterion's effect on
  // alternatives tied at w = 0 grows only like w^2.
  auto winner_past = [&](double point, int direction) {
    std::size_t best = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == winner) continue;
      const Margin margin = model.versus(winner, i);
      if (std::abs(margin.poly.at(point)) > margin.tolerance) continue;
      if (sign_past(margin.poly, point, direction, margin.tolerance) >= 0) continue;
      if (best == n) {
        best = i;
        continue;
      }
      const Margin against_best = model.versus(i, best);
      if (sign_past(against_best.poly, point, direction, against_best.tolerance) > 0) best = i;
    }
    if (best == n) {  // only by rounding; fall back to who is ahead a little further on
      const double probe = std::clamp(point + direction * 1e-6, 0.0, 1.0);
      for (std::size_t i = 0; i < n; ++i) {
        if (i == winner) continue;
        if (best == n || model.versus(i, best).poly.at(probe) > 0.0) best = i;
      }
    }
    return alternatives[best].name;
  };
  std::optional<Flip> upper;
  std::optional<Flip> lower;
  if (up_found) upper = Flip{out.stable_to, winner_past(out.stable_to, 1)};
  if (down_found) lower = Flip{out.stable_from, winner_past(out.stable_from, -1)};
  if (lower && (!upper || weight - lower->weight <= upper->weight - weight)) {
    out.nearest_flip = lower;
  } else {
    out.nearest_flip = upper;
  }
  return out;
}

// Per-alternative prefix and suffix sums of an n x m table, so that the sum of a row without
// column j is prefix[i][j] + suffix[i][j + 1]: O(1), and no cancellation as with total - x_ij.
struct ExclusiveSums {
  std::vector<std::vector<double>> prefix;
  std::vector<std::vector<double>> suffix;

  explicit ExclusiveSums(const std::vector<std::vector<double>>& table) {
    for (const auto& row : table) {
      const std::size_t m = row.size();
      std::vector<double> before(m + 1, 0.0);
      std::vector<double> after(m + 1, 0.0);
      for (std::size_t k = 0; k < m; ++k) before[k + 1] = before[k] + row[k];
      for (std::size_t k = m; k > 0; --k) after[k - 1] = after[k] + row[k - 1];
      prefix.push_back(std::move(before));
      suffix.push_back(std::move(after));
    }
  }
  double without(std::size_t i, std::size_t j) const { return prefix[i][j] + suffix[i][j + 1]; }
};

// W_o = sum of the weights other than w_j. When it is 0 (criterion j has all the weight) the
// others cannot be rescaled in proportion; they then share 1 - w equally.
double others_total(const std::vector<double>& weights, std::size_t j) {
  double total = 0.0;
  for (std::size_t k = 0; k < weights.size(); ++k) total += k == j ? 0.0 : weights[k];
  return total;
}

struct WeightedSumModel : CriterionModel {
  std::vector<double> others;  // O_i: score from the other criteria, at weights summing to 1
  std::vector<double> own;     // x_ij
  // score_i(w) = (1 - w) O_i + w x_ij, a line.
  Margin versus(std::size_t i, std::size_t k) const override {
    Margin margin;
    margin.poly.degree = 1;
    margin.poly.c[0] = others[i] - others[k];
    margin.poly.c[1] = (own[i] - others[i]) - (own[k] - others[k]);
    const double scale =
        std::abs(others[i]) + std::abs(own[i]) + std::abs(others[k]) + std::abs(own[k]);
    margin.tolerance = 1e-12 * std::max(1.0, scale);
    return margin;
  }
};

struct TopsisModel : CriterionModel {
  std::vector<Poly> to_ideal_squared;       // S+^2(w)
  std::vector<Poly> to_anti_ideal_squared;  // S-^2(w)
  // C_i >= C_k iff S-_i S+_k >= S-_k S+_i iff S-_i^2 S+_k^2 - S-_k^2 S+_i^2 >= 0, a quartic.
  Margin versus(std::size_t i, std::size_t k) const override {
    const Poly ahead = product(to_anti_ideal_squared[i], to_ideal_squared[k]);
    const Poly behind = product(to_anti_ideal_squared[k], to_ideal_squared[i]);
    return {difference(ahead, behind), 1e-12 * (ahead.magnitude() + behind.magnitude())};
  }
};

std::size_t winner_of(const Result& result) {
  for (std::size_t i = 0; i < result.ranks.size(); ++i) {
    if (result.ranks[i] == 1) return i;
  }
  return 0;
}

Sensitivity weighted_sum_sensitivity(const std::vector<Criterion>& criteria,
                                     const std::vector<Alternative>& alternatives) {
  const Result result = weighted_sum(criteria, alternatives);
  const std::size_t winner = winner_of(result);
  const auto x = benefit_matrix(criteria, alternatives);
  const std::size_t n = alternatives.size();
  const std::size_t m = criteria.size();
  std::vector<std::vector<double>> weighted = x;
  for (auto& row : weighted) {
    for (std::size_t k = 0; k < m; ++k) row[k] *= result.weights[k];
  }
  const ExclusiveSums sums(weighted);

  Sensitivity out;
  out.winner = alternatives[winner].name;
  for (std::size_t j = 0; j < m; ++j) {
    const double others_weight = others_total(result.weights, j);
    WeightedSumModel model;
    for (std::size_t i = 0; i < n; ++i) {
      double others = 0.0;
      if (others_weight > 0.0) {
        others = sums.without(i, j) / others_weight;
      } else if (m > 1) {
        for (std::size_t k = 0; k < m; ++k) others += k == j ? 0.0 : x[i][k];
        others /= static_cast<double>(m - 1);
      }
      model.others.push_back(others);
      model.own.push_back(x[i][j]);
    }
    CriterionSensitivity item = analyse(model, winner, result.weights[j], alternatives);
    item.criterion = criteria[j].name;
    out.criteria.push_back(std::move(item));
  }
  return out;
}

Sensitivity topsis_sensitivity(const std::vector<Criterion>& criteria,
                               const std::vector<Alternative>& alternatives,
                               Normalisation normalisation) {
  const TopsisResult result = topsis(criteria, alternatives, normalisation);
  const std::size_t winner = winner_of(result);
  const std::size_t n = alternatives.size();
  const std::size_t m = criteria.size();
  const auto r = normalised_matrix(alternatives, m, normalisation);
  std::vector<double> best;
  std::vector<double> worst;
  ideals(criteria, r, best, worst);
  // Squared unweighted gaps to the ideal and anti-ideal, and their weighted versions.
  std::vector<std::vector<double>> gap_best(n, std::vector<double>(m));
  std::vector<std::vector<double>> gap_worst(n, std::vector<double>(m));
  std::vector<std::vector<double>> weighted_best(n, std::vector<double>(m));
  std::vector<std::vector<double>> weighted_worst(n, std::vector<double>(m));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < m; ++k) {
      const double w2 = result.weights[k] * result.weights[k];
      gap_best[i][k] = (r[i][k] - best[k]) * (r[i][k] - best[k]);
      gap_worst[i][k] = (r[i][k] - worst[k]) * (r[i][k] - worst[k]);
      weighted_best[i][k] = w2 * gap_best[i][k];
      weighted_worst[i][k] = w2 * gap_worst[i][k];
    }
  }
  const ExclusiveSums sums_best(weighted_best);
  const ExclusiveSums sums_worst(weighted_worst);

  Sensitivity out;
  out.winner = alternatives[winner].name;
  for (std::size_t j = 0; j < m; ++j) {
    const double others_weight = others_total(result.weights, j);
    TopsisModel model;
    for (std::size_t i = 0; i < n; ++i) {
      // S^2(w) = (1 - w)^2 Q_i + w^2 p_i, with Q_i the others' part at weights summing to 1.
      double q_best = 0.0;
      double q_worst = 0.0;
      if (others_weight > 0.0) {
        const double scale = others_weight * others_weight;
        q_best = sums_best.without(i, j) / scale;
        q_worst = sums_worst.without(i, j) / scale;
      } else if (m > 1) {
        const double share = 1.0 / static_cast<double>(m - 1);
        for (std::size_t k = 0; k < m; ++k) {
          if (k == j) continue;
          q_best += share * share * gap_best[i][k];
          q_worst += share * share * gap_worst[i][k];
        }
      }
      model.to_ideal_squared.push_back(quadratic(q_best, -2.0 * q_best, q_best + gap_best[i][j]));
      model.to_anti_ideal_squared.push_back(
          quadratic(q_worst, -2.0 * q_worst, q_worst + gap_worst[i][j]));
    }
    CriterionSensitivity item = analyse(model, winner, result.weights[j], alternatives);
    item.criterion = criteria[j].name;
    out.criteria.push_back(std::move(item));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// AHP helpers.

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [last, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || last != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// "1/3" for 3, "3" for 1/3: the value the mirrored cell should hold.
std::string reciprocal_text(double value) {
  if (value >= 1.0 && std::abs(value - std::round(value)) < 1e-9) {
    return "1/" + format_number(std::round(value));
  }
  return format_number(1.0 / value);
}

std::string cell_name(const std::vector<std::string>& criteria, std::size_t i, std::size_t j) {
  return "cell (" + criteria[i] + ", " + criteria[j] + ")";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Weighted sum and TOPSIS.

Result weighted_sum(const std::vector<Criterion>& criteria,
                    const std::vector<Alternative>& alternatives) {
  check_problem(criteria, alternatives);
  Result result;
  result.weights = normalised_weights(criteria, result.notices);
  const auto x = benefit_matrix(criteria, alternatives);
  for (const auto& row : x) {
    double score = 0.0;
    for (std::size_t j = 0; j < criteria.size(); ++j) score += result.weights[j] * row[j];
    result.scores.push_back(score);
  }
  fill_ranking(alternatives, result);
  return result;
}

TopsisResult topsis(const std::vector<Criterion>& criteria,
                    const std::vector<Alternative>& alternatives, Normalisation normalisation) {
  check_problem(criteria, alternatives);
  TopsisResult result;
  result.weights = normalised_weights(criteria, result.notices);
  const std::size_t m = criteria.size();
  const auto r = normalised_matrix(alternatives, m, normalisation);
  std::vector<double> best;
  std::vector<double> worst;
  ideals(criteria, r, best, worst);
  for (std::size_t j = 0; j < m; ++j) {
    result.ideal.push_back(result.weights[j] * best[j]);
    result.anti_ideal.push_back(result.weights[j] * worst[j]);
  }
  for (const auto& row : r) {
    double to_ideal = 0.0;
    double to_anti_ideal = 0.0;
    for (std::size_t j = 0; j < m; ++j) {
      const double v = result.weights[j] * row[j];
      to_ideal += (v - result.ideal[j]) * (v - result.ideal[j]);
      to_anti_ideal += (v - result.anti_ideal[j]) * (v - result.anti_ideal[j]);
    }
    result.distance_to_ideal.push_back(std::sqrt(to_ideal));
    result.distance_to_anti_ideal.push_back(std::sqrt(to_anti_ideal));
    result.scores.push_back(
        closeness(result.distance_to_ideal.back(), result.distance_to_anti_ideal.back()));
  }
  fill_ranking(alternatives, result);
  return result;
}

Sensitivity sensitivity(const std::vector<Criterion>& criteria,
                        const std::vector<Alternative>& alternatives, Method method,
                        Normalisation normalisation) {
  if (method == Method::weighted_sum) return weighted_sum_sensitivity(criteria, alternatives);
  return topsis_sensitivity(criteria, alternatives, normalisation);
}

// ---------------------------------------------------------------------------------------------
// AHP.

double parse_saaty_value(std::string_view text) {
  const std::string shown(text);
  const auto bad = [&]() {
    fail("'" + shown + "' is not a number or a fraction such as 1/3",
         "write a value of Saaty's 1-9 scale: 3, 1/3 or 0.5");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    const auto value = parse_number(text);
    if (!value) bad();
    return *value;
  }
  const auto numerator = parse_number(text.substr(0, slash));
  const auto denominator = parse_number(text.substr(slash + 1));
  if (!numerator || !denominator) bad();
  if (*denominator == 0.0) fail("'" + shown + "' divides by zero", "write a fraction such as 1/3");
  const double value = *numerator / *denominator;
  if (!std::isfinite(value)) bad();
  return value;
}

Judgement::Judgement(std::string text) : m_text(std::move(text)) {}

Judgement::Judgement(const char* text) : m_text(std::string(text == nullptr ? "" : text)) {}

double Judgement::value() const { return m_text ? parse_saaty_value(*m_text) : m_value; }

std::string Judgement::written() const { return m_text ? *m_text : format_number(m_value); }

double random_index(std::size_t n) {
  // Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill; also Saaty (1990), EJOR 48:9-26.
  static constexpr std::array<double, 10> table = {0.0,  0.0,  0.58, 0.90, 1.12,
                                                   1.24, 1.32, 1.41, 1.45, 1.49};
  if (n == 0 || n > table.size()) {
    fail("no random index for " + std::to_string(n) + " criteria; AHP here supports 1 to 10",
         "group the criteria into a hierarchy of at most 10 (Saaty suggests 7 +/- 2)");
  }
  return table[n - 1];
}

AhpResult ahp(const std::vector<std::string>& criteria,
              const std::vector<std::vector<Judgement>>& matrix) {
  const std::size_t n = criteria.size();
  if (n == 0) fail("no criteria given for the pairwise comparison");
  check_unique(criteria, "criterion");
  const double random = random_index(n);

  const std::size_t rows = matrix.size();
  for (std::size_t i = 0; i < rows; ++i) {
    if (matrix[i].size() != rows) {
      const std::string row_name = i < n ? " (" + criteria[i] + ")" : "";
      fail("the pairwise matrix is not square: row " + std::to_string(i + 1) + row_name + " has " +
               std::to_string(matrix[i].size()) + " entries but there are " + std::to_string(rows) +
               " rows",
           "give one row per criterion with one entry per criterion");
    }
  }
  if (rows != n) {
    fail("the pairwise matrix is " + std::to_string(rows) + "x" + std::to_string(rows) +
             " but there are " + std::to_string(n) + " criteria",
         "give one row and one column per criterion, in criterion order");
  }

  std::vector<std::vector<double>> a(n, std::vector<double>(n));
  const double low = (1.0 / 9.0) / (1.0 + reciprocal_tolerance);
  const double high = 9.0 * (1.0 + reciprocal_tolerance);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const Judgement& cell = matrix[i][j];
      try {
        a[i][j] = cell.value();
      } catch (const Error& error) {
        fail(cell_name(criteria, i, j) + ": " + error.what(), error.hint());
      }
      const std::string shown = cell_name(criteria, i, j) + " is " + cell.written();
      if (!std::isfinite(a[i][j]) || a[i][j] <= 0.0) {
        fail(shown + ": comparisons must be positive numbers",
             "use Saaty's scale from 1/9 to 9 (1 = equally important)");
      }
      if (i == j && std::abs(a[i][j] - 1.0) > 1e-9) {
        fail(shown + ": the diagonal must be 1", "a criterion compared with itself is 1");
      }
      if (a[i][j] < low || a[i][j] > high) {
        fail(shown + ": outside Saaty's scale of 1/9 to 9",
             "9 means extremely more important, 1/9 extremely less");
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (std::abs(a[i][j] * a[j][i] - 1.0) > reciprocal_tolerance) {
        fail(cell_name(criteria, i, j) + " is " + matrix[i][j].written() + " but " +
                 cell_name(criteria, j, i) + " is " + matrix[j][i].written() +
                 ": they must be reciprocal (their product 1)",
             "set " + cell_name(criteria, j, i) + " to " + reciprocal_text(a[i][j]));
      }
    }
  }

  // Exactly reciprocal matrix: each pair replaced by its geometric mean.
  std::vector<std::vector<double>> b(n, std::vector<double>(n, 1.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      b[i][j] = std::sqrt(a[i][j] / a[j][i]);
      b[j][i] = 1.0 / b[i][j];
    }
  }

  // Power iteration from the uniform vector; a positive matrix converges to the Perron vector.
  std::vector<double> w(n, 1.0 / static_cast<double>(n));
  std::vector<double> next(n);
  double lambda = 0.0;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    for (std::size_t i = 0; i < n; ++i) {
      next[i] = 0.0;
      for (std::size_t j = 0; j < n; ++j) next[i] += b[i][j] * w[j];
    }
    lambda = std::accumulate(next.begin(), next.end(), 0.0);  // sum(Bw) = lambda when sum(w) = 1
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] /= lambda;
      change = std::max(change, std::abs(next[i] - w[i]));
    }
    w.swap(next);
    if (change < 1e-15) break;
  }

  AhpResult result;
  result.criteria = criteria;
  result.weights = w;
  result.lambda_max = lambda;
  result.consistency_index =
      n <= 2 ? 0.0 : std::max(0.0, (lambda - static_cast<double>(n)) / static_cast<double>(n - 1));
  result.random_index = random;
  result.consistency_ratio = random > 0.0 ? result.consistency_index / random : 0.0;
  result.consistent = result.consistency_ratio <= max_consistency_ratio;

  double worst = 1e-9;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double deviation = std::abs(std::log(b[i][j] * w[j] / w[i]));
      if (deviation > worst) {
        worst = deviation;
        result.most_inconsistent =
            PairwiseDeviation{criteria[i], criteria[j], a[i][j], w[i] / w[j]};
      }
    }
  }
  return result;
}

}  // namespace kindly::decide
