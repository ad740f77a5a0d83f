// Tests for the decision library against published worked examples and hand computations.
#include "decide/mcda.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace kindly::decide {
namespace {

using Matrix = std::vector<std::vector<Judgement>>;

// Whether `body` throws kindly::Error of kind usage with `part` in its message.
::testing::AssertionResult throws_usage(const std::function<void()>& body,
                                        const std::string& part = {}) {
  try {
    body();
  } catch (const Error& error) {
    const std::string message = error.what();
    if (error.kind() != ErrorKind::usage) {
      return ::testing::AssertionFailure() << "not a usage error: " << message;
    }
    if (message.find(part) == std::string::npos) {
      return ::testing::AssertionFailure() << "message '" << message << "' lacks '" << part << "'";
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "nothing thrown";
}

std::vector<Criterion> benefit_criteria(const std::vector<double>& weights) {
  std::vector<Criterion> criteria;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    criteria.push_back({"C" + std::to_string(j + 1), weights[j], Direction::benefit});
  }
  return criteria;
}

// Deterministic pseudo-random numbers in [0, 1) (a 64-bit LCG), so tests are reproducible.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : m_state(seed) {}
  double next() {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(m_state >> 11) / 9007199254740992.0;
  }

 private:
  std::uint64_t m_state;
};

// ---------------------------------------------------------------------------------------------
// Weighted sum.

// Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study.
// Kluwer (Applied Optimization 44), ch. 2, the WSM numerical example: weights 0.20, 0.15, 0.40,
// 0.25; A1 = 25, 20, 15, 30; A2 = 10, 30, 20, 30; A3 = 30, 10, 30, 10;
// WSM scores A1 = 21.50, A2 = 22.00, A3 = 22.00.
std::vector<Alternative> triantaphyllou_alternatives() {
  return {{"A1", {25, 20, 15, 30}}, {"A2", {10, 30, 20, 30}}, {"A3", {30, 10, 30, 10}}};
}

TEST(WeightedSum, TriantaphyllouExampleWithTie) {
  const Result result =
      weighted_sum(benefit_criteria({0.20, 0.15, 0.40, 0.25}), triantaphyllou_alternatives());
  ASSERT_EQ(result.scores.size(), 3u);
  EXPECT_NEAR(result.scores[0], 21.50, 0.005);
  EXPECT_NEAR(result.scores[1], 22.00, 0.005);
  EXPECT_NEAR(result.scores[2], 22.00, 0.005);
  EXPECT_EQ(result.ranks, (std::vector<int>{3, 1, 1}));
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"A2", "A3", "A1"}));
  EXPECT_TRUE(result.notices.empty());
}

TEST(WeightedSum, CompetitionRankingKeepsInputOrderWithinTies) {
  // One criterion, so the score is the value: 5, 7, 7, 3, 7 -> ranks 4, 1, 1, 5, 1.
  const Result result = weighted_sum(benefit_criteria({1.0}),
                                     {{"a", {5}}, {"b", {7}}, {"c", {7}}, {"d", {3}}, {"e", {7}}});
  EXPECT_EQ(result.ranks, (std::vector<int>{4, 1, 1, 5, 1}));
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"b", "c", "e", "a", "d"}));
}

TEST(WeightedSum, AllTied) {
  const Result result = weighted_sum(benefit_criteria({1, 1}), {{"x", {1, 2}}, {"y", {2, 1}}});
  EXPECT_EQ(result.ranks, (std::vector<int>{1, 1}));
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"x", "y"}));
}

TEST(WeightedSum, NormalisesWeightsWithNotice) {
  // 0.4 + 0.4 + 0.4 = 1.2 -> 1/3 each; scores are the plain means.
  const Result result =
      weighted_sum(benefit_criteria({0.4, 0.4, 0.4}), {{"a", {3, 6, 9}}, {"b", {1, 1, 1}}});
  ASSERT_EQ(result.notices.size(), 1u);
  EXPECT_EQ(result.notices[0], "weights summed to 1.2; normalised to 1");
  for (double weight : result.weights) EXPECT_NEAR(weight, 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(result.scores[0], 6.0, 1e-12);
  EXPECT_NEAR(result.scores[1], 1.0, 1e-12);
}

TEST(WeightedSum, IntegerWeightsAreNormalised) {
  const Result result = weighted_sum(benefit_criteria({2, 1, 1}), {{"a", {4, 0, 8}}});
  EXPECT_EQ(result.notices, (std::vector<std::string>{"weights summed to 4; normalised to 1"}));
  EXPECT_EQ(result.weights, (std::vector<double>{0.5, 0.25, 0.25}));
  EXPECT_DOUBLE_EQ(result.scores[0], 4.0);  // 0.5*4 + 0.25*0 + 0.25*8
}

TEST(WeightedSum, NoNoticeWhenWeightsSumToOne) {
  const Result result = weighted_sum(benefit_criteria({0.1, 0.2, 0.7}), {{"a", {1, 1, 1}}});
  EXPECT_TRUE(result.notices.empty());
}

TEST(WeightedSum, CostCriterionIsReflectedWithinItsRange) {
  // Commute minutes 60, 20, 40 (range 20..60) become 20, 60, 40 (x' = 60 + 20 - x).
  // Scores: a = 0.5*50 + 0.5*20 = 35; b = 0.5*40 + 0.5*60 = 50; c = 0.5*45 + 0.5*40 = 42.5.
  const std::vector<Criterion> criteria = {{"salary", 0.5, Direction::benefit},
                                           {"commute", 0.5, Direction::cost}};
  const Result result = weighted_sum(criteria, {{"a", {50, 60}}, {"b", {40, 20}}, {"c", {45, 40}}});
  EXPECT_DOUBLE_EQ(result.scores[0], 35.0);
  EXPECT_DOUBLE_EQ(result.scores[1], 50.0);
  EXPECT_DOUBLE_EQ(result.scores[2], 42.5);
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"b", "c", "a"}));
}

TEST(WeightedSum, RejectsBadInput) {
  const auto criteria = benefit_criteria({0.5, 0.5});
  const auto short_row = [&] { weighted_sum(criteria, {{"a", {1}}}); };
  EXPECT_TRUE(throws_usage(short_row, "alternative 'a' has 1 scores but there are 2 criteria"));
  const auto not_finite = [&] { weighted_sum(criteria, {{"a", {1, std::nan("")}}}); };
  EXPECT_TRUE(throws_usage(not_finite, "'a' on criterion 'C2'"));
  const auto negative_weight = [&] {
    weighted_sum(benefit_criteria({0.5, -0.5}), {{"a", {1, 2}}});
  };
  EXPECT_TRUE(throws_usage(negative_weight, "weight of criterion 'C2' is -0.5"));
  const auto zero_weights = [&] { weighted_sum(benefit_criteria({0, 0}), {{"a", {1, 2}}}); };
  EXPECT_TRUE(throws_usage(zero_weights, "sum to 0"));
  const auto duplicate = [&] { weighted_sum(criteria, {{"a", {1, 2}}, {"a", {2, 1}}}); };
  EXPECT_TRUE(throws_usage(duplicate, "alternative 'a' appears more than once"));
  EXPECT_TRUE(throws_usage([&] { weighted_sum({}, {{"a", {}}}); }, "no criteria"));
  EXPECT_TRUE(throws_usage([&] { weighted_sum(criteria, {}); }, "no alternatives"));
  EXPECT_TRUE(throws_usage([&] { topsis(criteria, {{"a", {1, 2, 3}}}); }, "has 3 scores"));
}

// ---------------------------------------------------------------------------------------------
// TOPSIS.

// Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
// Springer (LNEMS 186), pp. 133-134, the fighter aircraft example. Criteria: max speed (Mach),
// ferry range (NM), max payload (lb), purchase cost ($M, cost), reliability, maneuverability;
// weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3. Published: S+ = 0.0545, 0.1197, 0.0580, 0.1009;
// S- = 0.0983, 0.0439, 0.0920, 0.0458; C* = 0.643, 0.268, 0.613, 0.312 (computed there from
// 4-decimal intermediates, hence the 1e-4 and 1e-3 tolerances); ideal A+ = (0.1168, 0.0659,
// 0.0531, 0.0414, 0.1347, 0.2012), anti-ideal A- = (0.0841, 0.0366, 0.0455, 0.0598, 0.0577,
// 0.1118).
std::vector<Criterion> aircraft_criteria() {
  return {{"speed", 0.2, Direction::benefit},       {"range", 0.1, Direction::benefit},
          {"payload", 0.1, Direction::benefit},     {"cost", 0.1, Direction::cost},
          {"reliability", 0.2, Direction::benefit}, {"maneuverability", 0.3, Direction::benefit}};
}

std::vector<Alternative> aircraft_alternatives() {
  return {{"A1", {2.0, 1500, 20000, 5.5, 5, 9}},
          {"A2", {2.5, 2700, 18000, 6.5, 3, 5}},
          {"A3", {1.8, 2000, 21000, 4.5, 7, 7}},
          {"A4", {2.2, 1800, 20000, 5.0, 5, 5}}};
}

TEST(Topsis, HwangYoonFighterAircraft) {
  const TopsisResult result = topsis(aircraft_criteria(), aircraft_alternatives());
  const std::vector<double> closeness = {0.643, 0.268, 0.613, 0.312};
  const std::vector<double> to_ideal = {0.0545, 0.1197, 0.0580, 0.1009};
  const std::vector<double> to_anti_ideal = {0.0983, 0.0439, 0.0920, 0.0458};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(result.scores[i], closeness[i], 1e-3) << i;
    EXPECT_NEAR(result.distance_to_ideal[i], to_ideal[i], 1e-4) << i;
    EXPECT_NEAR(result.distance_to_anti_ideal[i], to_anti_ideal[i], 1e-4) << i;
  }
  const std::vector<double> ideal = {0.1168, 0.0659, 0.0531, 0.0414, 0.1347, 0.2012};
  const std::vector<double> anti_ideal = {0.0841, 0.0366, 0.0455, 0.0598, 0.0577, 0.1118};
  // The source's cost anti-ideal 0.0598 is 0.0599 in exact arithmetic (0.1 * 6.5 / 10.8513);
  // its normalised entry for it reads 0.5983 instead of 0.5990. Hence 1.5e-4 here.
  for (std::size_t j = 0; j < 6; ++j) {
    EXPECT_NEAR(result.ideal[j], ideal[j], 1.5e-4) << j;
    EXPECT_NEAR(result.anti_ideal[j], anti_ideal[j], 1.5e-4) << j;
  }
  EXPECT_EQ(result.ranks, (std::vector<int>{1, 4, 2, 3}));
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"A1", "A3", "A4", "A2"}));
  EXPECT_TRUE(result.notices.empty());
}

// Papathanasiou, J. & Ploskas, N. (2018). Multiple Criteria Decision Aid: Methods, Examples and
// Python Implementations. Springer, ch. 1 "TOPSIS" (pp. 1-30), numerical example: six
// alternatives, four benefit criteria, weights 0.4, 0.3, 0.1, 0.2, vector normalisation;
// closeness 0.387, 0.327, 0.391, 0.615, 0.868, 0.493. (These figures were taken from two
// independent open-source test suites that cite this chapter; the book page itself was not seen.)
TEST(Topsis, PapathanasiouPloskasExample) {
  const TopsisResult result =
      topsis(benefit_criteria({0.4, 0.3, 0.1, 0.2}), {{"A1", {8, 7, 2, 1}},
                                                      {"A2", {5, 3, 7, 5}},
                                                      {"A3", {7, 5, 6, 4}},
                                                      {"A4", {9, 9, 7, 3}},
                                                      {"A5", {11, 10, 3, 7}},
                                                      {"A6", {6, 9, 5, 4}}});
  const std::vector<double> closeness = {0.387, 0.327, 0.391, 0.615, 0.868, 0.493};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(result.scores[i], closeness[i], 5e-4) << i;
  EXPECT_EQ(result.ranks, (std::vector<int>{5, 6, 4, 2, 1, 3}));
}

TEST(Topsis, MinMaxWithCostCriterionByHand) {
  // x: a = (1, 10), b = (3, 20), c = (5, 15); weights 0.5, 0.5; the second is a cost.
  // Min-max: a = (0, 0), b = (0.5, 1), c = (1, 0.5); weighted: a = (0, 0), b = (0.25, 0.5),
  // c = (0.5, 0.25). Ideal (0.5, 0) (max, min), anti-ideal (0, 0.5).
  // a: S+ = 0.5, S- = 0.5 -> 0.5.
  // b: S+ = sqrt(0.0625 + 0.25) = 0.559017, S- = 0.25 -> 0.25 / 0.809017 = 0.309017.
  // c: S+ = 0.25, S- = 0.559017 -> 0.690983.
  const std::vector<Criterion> criteria = {{"gain", 0.5, Direction::benefit},
                                           {"pain", 0.5, Direction::cost}};
  const TopsisResult result =
      topsis(criteria, {{"a", {1, 10}}, {"b", {3, 20}}, {"c", {5, 15}}}, Normalisation::min_max);
  EXPECT_NEAR(result.scores[0], 0.5, 1e-12);
  EXPECT_NEAR(result.scores[1], 0.309017, 1e-6);
  EXPECT_NEAR(result.scores[2], 0.690983, 1e-6);
  EXPECT_NEAR(result.distance_to_ideal[1], 0.559017, 1e-6);
  EXPECT_EQ(result.ideal, (std::vector<double>{0.5, 0.0}));
  EXPECT_EQ(result.anti_ideal, (std::vector<double>{0.0, 0.5}));
  EXPECT_EQ(result.ranking, (std::vector<std::string>{"c", "a", "b"}));
}

TEST(Topsis, MinMaxAndVectorNormalisationDiffer) {
  // a = (10, 1), b = (6, 5), equal weights.
  // Vector: norms sqrt(136) and sqrt(26). S-(a) = 0.5 * 4 / sqrt(136) = 0.171499 = S+(b),
  // S+(a) = 0.5 * 4 / sqrt(26) = 0.392232 = S-(b), so C(a) = sqrt(26) / (sqrt(26) + sqrt(136))
  // = 0.304221 and C(b) = 0.695779.
  // Min-max: a = (1, 0), b = (0, 1), a tie at 0.5 (ranks 1, 1, input order kept).
  const std::vector<Alternative> alternatives = {{"a", {10, 1}}, {"b", {6, 5}}};
  const auto criteria = benefit_criteria({0.5, 0.5});
  const TopsisResult by_vector = topsis(criteria, alternatives, Normalisation::vector);
  EXPECT_NEAR(by_vector.scores[0], 0.304221, 1e-6);
  EXPECT_NEAR(by_vector.scores[1], 0.695779, 1e-6);
  EXPECT_EQ(by_vector.ranking, (std::vector<std::string>{"b", "a"}));
  const TopsisResult by_range = topsis(criteria, alternatives, Normalisation::min_max);
  EXPECT_NEAR(by_range.scores[0], 0.5, 1e-12);
  EXPECT_NEAR(by_range.scores[1], 0.5, 1e-12);
  EXPECT_EQ(by_range.ranks, (std::vector<int>{1, 1}));
  EXPECT_EQ(by_range.ranking, (std::vector<std::string>{"a", "b"}));
}

TEST(Topsis, IdenticalAlternativesScoreOneHalf) {
  const TopsisResult result = topsis(benefit_criteria({1, 2}), {{"a", {3, 3}}, {"b", {3, 3}}});
  EXPECT_EQ(result.scores, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(result.ranks, (std::vector<int>{1, 1}));
  EXPECT_EQ(result.notices, (std::vector<std::string>{"weights summed to 3; normalised to 1"}));
}

// ---------------------------------------------------------------------------------------------
// Sensitivity.

TEST(Sensitivity, WeightedSumByHand) {
  // Weights x 0.5, y 0.3, z 0.2; A = (10, 0, 0) -> 5, B = (0, 10, 5) -> 4, C = (4, 4, 4) -> 4.
  // Moving x to w (y, z rescaled to 0.6(1-w), 0.4(1-w)): A = 10w, B = 8(1-w), C = 4.
  //   A >= B iff w >= 4/9; A >= C iff w >= 0.4. Stable [4/9, 1]; below 4/9, B (4.44 > C's 4).
  // Moving y to v (x = 5/7 (1-v), z = 2/7 (1-v)): A = 50/7 (1-v), B = 10v + 10/7 (1-v), C = 4.
  //   A >= B iff v <= 4/11; A >= C iff v <= 0.44. Stable [0, 4/11]; flip to B at 4/11.
  // Moving z to u (x = 0.625(1-u), y = 0.375(1-u)): A = 6.25(1-u), B = 3.75(1-u) + 5u, C = 4.
  //   A >= B iff u <= 1/3; A >= C iff u <= 0.36. Stable [0, 1/3]; flip to B at 1/3.
  const Sensitivity result =
      sensitivity(benefit_criteria({0.5, 0.3, 0.2}),
                  {{"A", {10, 0, 0}}, {"B", {0, 10, 5}}, {"C", {4, 4, 4}}}, Method::weighted_sum);
  EXPECT_EQ(result.winner, "A");
  ASSERT_EQ(result.criteria.size(), 3u);
  const auto& x = result.criteria[0];
  EXPECT_EQ(x.criterion, "C1");
  EXPECT_DOUBLE_EQ(x.weight, 0.5);
  EXPECT_NEAR(x.stable_from, 4.0 / 9.0, 1e-12);
  EXPECT_DOUBLE_EQ(x.stable_to, 1.0);
  ASSERT_TRUE(x.nearest_flip.has_value());
  EXPECT_NEAR(x.nearest_flip->weight, 4.0 / 9.0, 1e-12);
  EXPECT_EQ(x.nearest_flip->new_winner, "B");
  const auto& y = result.criteria[1];
  EXPECT_DOUBLE_EQ(y.stable_from, 0.0);
  EXPECT_NEAR(y.stable_to, 4.0 / 11.0, 1e-12);
  ASSERT_TRUE(y.nearest_flip.has_value());
  EXPECT_NEAR(y.nearest_flip->weight, 4.0 / 11.0, 1e-12);
  EXPECT_EQ(y.nearest_flip->new_winner, "B");
  const auto& z = result.criteria[2];
  EXPECT_DOUBLE_EQ(z.stable_from, 0.0);
  EXPECT_NEAR(z.stable_to, 1.0 / 3.0, 1e-12);
  ASSERT_TRUE(z.nearest_flip.has_value());
  EXPECT_NEAR(z.nearest_flip->weight, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(z.nearest_flip->new_winner, "B");
}

TEST(Sensitivity, TriantaphyllouTieFlipsAtTheCurrentWeight) {
  // A2 and A3 tie at 22; A2 wins on input order. Moving C3 (0.4) to w, the others keep their
  // proportions of 0.6: A1 = 25.833(1-w) + 15w, A2 = 23.333(1-w) + 20w, A3 = 16.667(1-w) + 30w.
  // A2 >= A1 iff w >= 1/3; A2 >= A3 iff w <= 0.4. So [1/3, 0.4] and the nearest flip is at 0.4
  // itself (distance 0): any increase hands the win to A3.
  const Sensitivity result = sensitivity(benefit_criteria({0.20, 0.15, 0.40, 0.25}),
                                         triantaphyllou_alternatives(), Method::weighted_sum);
  EXPECT_EQ(result.winner, "A2");
  const auto& c3 = result.criteria[2];
  EXPECT_NEAR(c3.stable_from, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(c3.stable_to, 0.4, 1e-12);
  ASSERT_TRUE(c3.nearest_flip.has_value());
  EXPECT_NEAR(c3.nearest_flip->weight, 0.4, 1e-12);
  EXPECT_EQ(c3.nearest_flip->new_winner, "A3");
}

TEST(Sensitivity, NoFlipWhenTheWinnerDominatesEveryCriterion) {
  const std::vector<Criterion> criteria = {{"pay", 0.5, Direction::benefit},
                                           {"growth", 0.3, Direction::benefit},
                                           {"commute", 0.2, Direction::cost}};
  const std::vector<Alternative> alternatives = {
      {"ok", {50, 3, 40}}, {"best", {70, 5, 20}}, {"meh", {60, 4, 30}}};
  for (Method method : {Method::weighted_sum, Method::topsis}) {
    const Sensitivity result = sensitivity(criteria, alternatives, method);
    EXPECT_EQ(result.winner, "best");
    for (const auto& item : result.criteria) {
      EXPECT_FALSE(item.nearest_flip.has_value()) << item.criterion;
      EXPECT_DOUBLE_EQ(item.stable_from, 0.0) << item.criterion;
      EXPECT_DOUBLE_EQ(item.stable_to, 1.0) << item.criterion;
    }
  }
}

TEST(Sensitivity, AllWeightOnOneCriterion) {
  // Weights (1, 0): when the first moves to w the second gets 1 - w (nothing to rescale).
  // A = (10, 0), B = (0, 10): A = 10w, B = 10(1 - w), flip at 0.5 either way.
  const Sensitivity result =
      sensitivity(benefit_criteria({1, 0}), {{"A", {10, 0}}, {"B", {0, 10}}}, Method::weighted_sum);
  EXPECT_EQ(result.winner, "A");
  EXPECT_NEAR(result.criteria[0].stable_from, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(result.criteria[0].stable_to, 1.0);
  ASSERT_TRUE(result.criteria[0].nearest_flip.has_value());
  EXPECT_NEAR(result.criteria[0].nearest_flip->weight, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(result.criteria[1].stable_from, 0.0);
  EXPECT_NEAR(result.criteria[1].stable_to, 0.5, 1e-12);
  EXPECT_EQ(result.criteria[1].nearest_flip->new_winner, "B");
}

TEST(Sensitivity, TopsisByHand) {
  // a = (3, 1), b = (1, 3), weights (w, 1 - w). Both columns have norm sqrt(10).
  // Ideal (3w, 3(1-w))/sqrt(10), anti-ideal (w, 1-w)/sqrt(10):
  // S+(a) = 2(1-w)/sqrt(10), S-(a) = 2w/sqrt(10), so C(a) = w and C(b) = 1 - w.
  // At w = 0.7, a wins (0.7) and keeps winning for w >= 0.5; b takes over below.
  const Sensitivity result =
      sensitivity(benefit_criteria({0.7, 0.3}), {{"a", {3, 1}}, {"b", {1, 3}}}, Method::topsis);
  EXPECT_EQ(result.winner, "a");
  const auto& first = result.criteria[0];
  EXPECT_NEAR(first.stable_from, 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(first.stable_to, 1.0);
  ASSERT_TRUE(first.nearest_flip.has_value());
  EXPECT_NEAR(first.nearest_flip->weight, 0.5, 1e-9);
  EXPECT_EQ(first.nearest_flip->new_winner, "b");
  const auto& second = result.criteria[1];  // its weight is 1 - w: flip at 0.5 too
  EXPECT_DOUBLE_EQ(second.stable_from, 0.0);
  EXPECT_NEAR(second.stable_to, 0.5, 1e-9);
  EXPECT_NEAR(second.nearest_flip->weight, 0.5, 1e-9);
}

// Recomputes the winner with criterion j's weight set to w and the others rescaled.
std::string winner_at(std::vector<Criterion> criteria, const std::vector<Alternative>& alternatives,
                      std::size_t j, double w, Method method) {
  double others = 0.0;
  double total = 0.0;
  for (const auto& criterion : criteria) total += criterion.weight;
  for (std::size_t k = 0; k < criteria.size(); ++k) {
    if (k != j) others += criteria[k].weight / total;
  }
  for (std::size_t k = 0; k < criteria.size(); ++k) {
    criteria[k].weight = k == j ? w : criteria[k].weight / total * (1.0 - w) / others;
  }
  const Result result = method == Method::weighted_sum ? weighted_sum(criteria, alternatives)
                                                       : topsis(criteria, alternatives);
  return result.ranking.front();
}

// Checks a sensitivity result against brute force: the winner holds on a grid inside the
// stable interval and changes to new_winner just past the flip.
void check_against_brute_force(const std::vector<Criterion>& criteria,
                               const std::vector<Alternative>& alternatives, Method method) {
  const Sensitivity result = sensitivity(criteria, alternatives, method);
  for (std::size_t j = 0; j < criteria.size(); ++j) {
    const auto& item = result.criteria[j];
    EXPECT_LE(item.stable_from, item.weight + 1e-12);
    EXPECT_GE(item.stable_to, item.weight - 1e-12);
    const double eps = 1e-6;
    for (int step = 0; step <= 50; ++step) {
      const double w =
          item.stable_from + eps + (item.stable_to - item.stable_from - 2 * eps) * step / 50.0;
      if (w < item.stable_from || w > item.stable_to) continue;
      EXPECT_EQ(winner_at(criteria, alternatives, j, w, method), result.winner)
          << item.criterion << " at " << w;
    }
    if (item.nearest_flip) {
      const double flip = item.nearest_flip->weight;
      const double beyond = flip < item.weight ? flip - eps : flip + eps;
      EXPECT_EQ(winner_at(criteria, alternatives, j, beyond, method), item.nearest_flip->new_winner)
          << item.criterion << " at " << beyond;
    } else {
      EXPECT_DOUBLE_EQ(item.stable_from, 0.0);
      EXPECT_DOUBLE_EQ(item.stable_to, 1.0);
    }
  }
}

TEST(Sensitivity, TopsisAircraftMatchesBruteForce) {
  check_against_brute_force(aircraft_criteria(), aircraft_alternatives(), Method::topsis);
  const Sensitivity result =
      sensitivity(aircraft_criteria(), aircraft_alternatives(), Method::topsis);
  EXPECT_EQ(result.winner, "A1");
  // Maneuverability (0.3) is what A1 wins on, so lowering it enough hands the lead to A3.
  const auto& maneuverability = result.criteria[5];
  ASSERT_TRUE(maneuverability.nearest_flip.has_value());
  EXPECT_LT(maneuverability.nearest_flip->weight, 0.3);
  EXPECT_EQ(maneuverability.nearest_flip->new_winner, "A3");
}

TEST(Sensitivity, RandomProblemsMatchBruteForce) {
  Lcg random(42);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<Criterion> criteria;
    for (int j = 0; j < 4; ++j) {
      criteria.push_back({"c" + std::to_string(j), 0.05 + random.next(),
                          random.next() < 0.3 ? Direction::cost : Direction::benefit});
    }
    std::vector<Alternative> alternatives;
    for (int i = 0; i < 12; ++i) {
      Alternative alternative{"a" + std::to_string(i), {}};
      for (int j = 0; j < 4; ++j) alternative.scores.push_back(1.0 + 9.0 * random.next());
      alternatives.push_back(alternative);
    }
    check_against_brute_force(criteria, alternatives, Method::weighted_sum);
    check_against_brute_force(criteria, alternatives, Method::topsis);
  }
}

TEST(Sensitivity, LargeProblemIsCorrect) {
  // 1,000 alternatives x 20 criteria, every interval. Its speed is measured in `make bench`.
  Lcg random(7);
  std::vector<Criterion> criteria;
  for (int j = 0; j < 20; ++j) {
    criteria.push_back({"c" + std::to_string(j), random.next(),
                        j % 4 == 0 ? Direction::cost : Direction::benefit});
  }
  std::vector<Alternative> alternatives;
  for (int i = 0; i < 1000; ++i) {
    Alternative alternative{"a" + std::to_string(i), {}};
    for (int j = 0; j < 20; ++j) alternative.scores.push_back(100.0 * random.next());
    alternatives.push_back(alternative);
  }
  const Sensitivity by_sum = sensitivity(criteria, alternatives, Method::weighted_sum);
  const Sensitivity by_topsis = sensitivity(criteria, alternatives, Method::topsis);
  EXPECT_EQ(by_sum.criteria.size(), 20u);
  EXPECT_EQ(by_topsis.criteria.size(), 20u);
  // Spot-check two criteria of the large case against brute force.
  for (std::size_t j : {std::size_t{0}, std::size_t{13}}) {
    const auto& item = by_sum.criteria[j];
    if (!item.nearest_flip) continue;
    const double flip = item.nearest_flip->weight;
    const double beyond = flip < item.weight ? flip - 1e-6 : flip + 1e-6;
    EXPECT_EQ(winner_at(criteria, alternatives, j, beyond, Method::weighted_sum),
              item.nearest_flip->new_winner);
  }
}

// ---------------------------------------------------------------------------------------------
// AHP.

TEST(ParseSaatyValue, AcceptsNumbersAndFractions) {
  EXPECT_DOUBLE_EQ(parse_saaty_value("3"), 3.0);
  EXPECT_DOUBLE_EQ(parse_saaty_value("1/3"), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(parse_saaty_value("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(parse_saaty_value(" 1 / 9 "), 1.0 / 9.0);
  EXPECT_DOUBLE_EQ(parse_saaty_value("2.5/5"), 0.5);
}

TEST(ParseSaatyValue, RejectsMalformedText) {
  for (const char* text :
       {"", "  ", "abc", "1/", "/3", "1/3/4", "3x", "1/0", "nan", "inf", "1,5"}) {
    EXPECT_TRUE(throws_usage([&] { parse_saaty_value(text); })) << "'" << text << "'";
  }
  EXPECT_TRUE(throws_usage([] { parse_saaty_value("1/0"); }, "divides by zero"));
  EXPECT_TRUE(throws_usage([] { parse_saaty_value("abc"); }, "'abc' is not a number"));
}

TEST(Ahp, RandomIndexTable) {
  // Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill; also Saaty (1990) below.
  const std::vector<double> expected = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  for (std::size_t n = 1; n <= 10; ++n) EXPECT_DOUBLE_EQ(random_index(n), expected[n - 1]) << n;
  EXPECT_TRUE(throws_usage([] { random_index(11); }, "11 criteria"));
  EXPECT_TRUE(throws_usage([] { random_index(0); }, "0 criteria"));
}

// Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process. European Journal
// of Operational Research 48, 9-26; the house-buying example, pairwise comparison of its eight
// criteria. Published: weights 0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333;
// lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
TEST(Ahp, SaatyHouseExample) {
  const std::vector<std::string> criteria = {
      "size", "transportation",    "neighborhood",      "age",
      "yard", "modern facilities", "general condition", "financing"};
  const Matrix matrix = {{1, 5, 3, 7, 6, 6, "1/3", "1/4"},
                         {"1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"},
                         {"1/3", 3, 1, 6, 3, 4, 6, "1/5"},
                         {"1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"},
                         {"1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"},
                         {"1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"},
                         {3, 5, "1/6", 7, 5, 5, 1, "1/2"},
                         {4, 7, 5, 8, 6, 6, 2, 1}};
  const AhpResult result = ahp(criteria, matrix);
  const std::vector<double> weights = {0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_NEAR(result.weights[i], weights[i], 5e-4) << i;
  EXPECT_NEAR(result.lambda_max, 9.669, 5e-4);
  EXPECT_NEAR(result.consistency_index, 0.238, 5e-4);
  EXPECT_DOUBLE_EQ(result.random_index, 1.41);
  EXPECT_NEAR(result.consistency_ratio, 0.169, 5e-4);
  EXPECT_FALSE(result.consistent);
  // Neighborhood is judged 6 times as important as general condition, yet the weights make them
  // nearly equal (0.188 / 0.167 = 1.13): |ln(6 / 1.128)| = 1.67, the largest deviation.
  ASSERT_TRUE(result.most_inconsistent.has_value());
  EXPECT_EQ(result.most_inconsistent->row, "neighborhood");
  EXPECT_EQ(result.most_inconsistent->column, "general condition");
  EXPECT_DOUBLE_EQ(result.most_inconsistent->given, 6.0);
  EXPECT_NEAR(result.most_inconsistent->implied, 0.188 / 0.167, 0.01);
}

// Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International
// Journal of Services Sciences 1(1), 83-98; "Which drink is consumed more in the U.S.?".
// Published derived scale: coffee 0.177, wine 0.019, tea 0.042, beer 0.116, sodas 0.190,
// milk 0.129, water 0.327.
TEST(Ahp, SaatyDrinksExample) {
  const std::vector<std::string> drinks = {"coffee", "wine", "tea",  "beer",
                                           "sodas",  "milk", "water"};
  const Matrix matrix = {{1, 9, 5, 2, 1, 1, "1/2"},
                         {"1/9", 1, "1/3", "1/9", "1/9", "1/9", "1/9"},
                         {"1/5", 3, 1, "1/3", "1/4", "1/3", "1/9"},
                         {"1/2", 9, 3, 1, "1/2", 1, "1/3"},
                         {1, 9, 4, 2, 1, 2, "1/2"},
                         {1, 9, 3, 1, "1/2", 1, "1/3"},
                         {2, 9, 9, 3, 2, 3, 1}};
  const AhpResult result = ahp(drinks, matrix);
  const std::vector<double> weights = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
  for (std::size_t i = 0; i < 7; ++i) EXPECT_NEAR(result.weights[i], weights[i], 5e-4) << i;
  EXPECT_TRUE(result.consistent);
  EXPECT_LT(result.consistency_ratio, 0.1);
}

// "Analytic hierarchy process - leader example", Wikipedia (English), overview section.
// Published: criteria weights experience 0.547, charisma 0.270, education 0.127, age 0.056;
// overall priorities Dick 0.493, Tom 0.358, Harry 0.149.
TEST(Ahp, WikipediaLeaderExampleComposedWithWeightedSum) {
  const std::vector<std::string> criteria = {"experience", "education", "charisma", "age"};
  const AhpResult goal = ahp(
      criteria, {{1, 4, 3, 7}, {"1/4", 1, "1/3", 3}, {"1/3", 3, 1, 5}, {"1/7", "1/3", "1/5", 1}});
  const std::vector<double> weights = {0.547, 0.127, 0.270, 0.056};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(goal.weights[i], weights[i], 1e-3) << i;
  EXPECT_TRUE(goal.consistent);

  // Candidates compared under each criterion (Tom, Dick, Harry).
  const std::vector<std::string> people = {"Tom", "Dick", "Harry"};
  const std::vector<Matrix> local = {{{1, "1/4", 4}, {4, 1, 9}, {"1/4", "1/9", 1}},   // experience
                                     {{1, 3, "1/5"}, {"1/3", 1, "1/7"}, {5, 7, 1}},   // education
                                     {{1, 5, 9}, {"1/5", 1, 4}, {"1/9", "1/4", 1}},   // charisma
                                     {{1, "1/3", 5}, {3, 1, 9}, {"1/5", "1/9", 1}}};  // age
  std::vector<Alternative> alternatives = {{"Tom", {}}, {"Dick", {}}, {"Harry", {}}};
  for (const Matrix& matrix : local) {
    const AhpResult priorities = ahp(people, matrix);
    for (std::size_t i = 0; i < 3; ++i) alternatives[i].scores.push_back(priorities.weights[i]);
  }
  std::vector<Criterion> weighted;
  for (std::size_t j = 0; j < 4; ++j) weighted.push_back({criteria[j], goal.weights[j]});
  const Result overall = weighted_sum(weighted, alternatives);
  EXPECT_NEAR(overall.scores[0], 0.358, 5e-4);
  EXPECT_NEAR(overall.scores[1], 0.493, 5e-4);
  EXPECT_NEAR(overall.scores[2], 0.149, 5e-4);
  EXPECT_EQ(overall.ranking, (std::vector<std::string>{"Dick", "Tom", "Harry"}));
}

TEST(Ahp, PerfectlyConsistentMatrix) {
  // a_ij = w_i / w_j for w = (0.5, 0.3, 0.2).
  const AhpResult result =
      ahp({"pay", "growth", "commute"}, {{1, "5/3", "5/2"}, {"3/5", 1, "3/2"}, {"2/5", "2/3", 1}});
  EXPECT_NEAR(result.weights[0], 0.5, 1e-12);
  EXPECT_NEAR(result.weights[1], 0.3, 1e-12);
  EXPECT_NEAR(result.weights[2], 0.2, 1e-12);
  EXPECT_NEAR(result.lambda_max, 3.0, 1e-12);
  EXPECT_NEAR(result.consistency_index, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(result.random_index, 0.58);
  EXPECT_NEAR(result.consistency_ratio, 0.0, 1e-12);
  EXPECT_TRUE(result.consistent);
  EXPECT_FALSE(result.most_inconsistent.has_value());
}

TEST(Ahp, OneAndTwoCriteria) {
  const AhpResult one = ahp({"only"}, {{1}});
  EXPECT_EQ(one.weights, (std::vector<double>{1.0}));
  EXPECT_DOUBLE_EQ(one.consistency_ratio, 0.0);
  const AhpResult two = ahp({"a", "b"}, {{1, 3}, {"1/3", 1}});
  EXPECT_NEAR(two.weights[0], 0.75, 1e-12);
  EXPECT_NEAR(two.weights[1], 0.25, 1e-12);
  EXPECT_DOUBLE_EQ(two.consistency_ratio, 0.0);
  EXPECT_TRUE(two.consistent);
  EXPECT_FALSE(two.most_inconsistent.has_value());
}

TEST(Ahp, FlagsTheReversedComparison) {
  // Consistent for w = (8, 4, 2, 1)/15 except that (a, d) says 1/8 instead of 8.
  // An independent computation (a separate power iteration) gives CR = 1.013, and (a, d)
  // deviates most: |ln| = 1.66, against 1.48 for (b, d) and (c, d).
  const AhpResult result =
      ahp({"a", "b", "c", "d"},
          {{1, 2, 4, "1/8"}, {"1/2", 1, 2, 4}, {"1/4", "1/2", 1, 2}, {8, "1/4", "1/2", 1}});
  EXPECT_FALSE(result.consistent);
  EXPECT_NEAR(result.consistency_ratio, 1.013, 1e-3);
  ASSERT_TRUE(result.most_inconsistent.has_value());
  EXPECT_EQ(result.most_inconsistent->row, "a");
  EXPECT_EQ(result.most_inconsistent->column, "d");
  EXPECT_DOUBLE_EQ(result.most_inconsistent->given, 0.125);
}

TEST(Ahp, NamesTheWorstPairEvenWhenAcceptable) {
  // Same consistent base, but (c, d) says 1/2 instead of 2: the same independent computation
  // gives CR = 0.092 (acceptable), and the pair to revisit is (c, d).
  const AhpResult result =
      ahp({"a", "b", "c", "d"},
          {{1, 2, 4, 8}, {"1/2", 1, 2, 4}, {"1/4", "1/2", 1, "1/2"}, {"1/8", "1/4", 2, 1}});
  EXPECT_TRUE(result.consistent);
  EXPECT_NEAR(result.consistency_ratio, 0.0923, 1e-4);
  ASSERT_TRUE(result.most_inconsistent.has_value());
  EXPECT_EQ(result.most_inconsistent->row, "c");
  EXPECT_EQ(result.most_inconsistent->column, "d");
}

TEST(Ahp, AcceptsRoundedDecimalsForFractions) {
  const AhpResult exact = ahp({"a", "b", "c"}, {{1, 3, 7}, {"1/3", 1, 3}, {"1/7", "1/3", 1}});
  const AhpResult rounded = ahp({"a", "b", "c"}, {{1, 3, 7}, {0.333, 1, 3}, {0.143, 0.333, 1}});
  const AhpResult two_places = ahp({"a", "b", "c"}, {{1, 3, 7}, {0.33, 1, 3}, {0.14, 0.33, 1}});
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(rounded.weights[i], exact.weights[i], 1e-3) << i;
    EXPECT_NEAR(two_places.weights[i], exact.weights[i], 1e-2) << i;
  }
}

TEST(Ahp, RejectsNonReciprocal) {
  const auto mismatch = [] { ahp({"pay", "commute"}, {{1, 3}, {3, 1}}); };
  EXPECT_TRUE(throws_usage(mismatch, "cell (pay, commute) is 3 but cell (commute, pay) is 3"));
  EXPECT_TRUE(throws_usage(mismatch, "must be reciprocal"));
  // 0.13 for 1/8 is 4% off: too far.
  EXPECT_TRUE(throws_usage([] { ahp({"a", "b"}, {{1, 8}, {0.13, 1}}); }, "reciprocal"));
}

TEST(Ahp, RejectsNonPositive) {
  const auto zero = [] { ahp({"pay", "commute"}, {{1, 0}, {1, 1}}); };
  EXPECT_TRUE(throws_usage(zero, "cell (pay, commute) is 0: comparisons must be positive"));
  const auto negative = [] { ahp({"pay", "commute"}, {{1, 3}, {"-1/3", 1}}); };
  EXPECT_TRUE(throws_usage(negative, "cell (commute, pay) is -1/3"));
}

TEST(Ahp, RejectsNonSquare) {
  const auto ragged = [] { ahp({"pay", "commute", "growth"}, {{1, 2, 3}, {"1/2", 1}, {1, 1, 1}}); };
  EXPECT_TRUE(throws_usage(ragged, "not square: row 2 (commute) has 2 entries but there are 3"));
}

TEST(Ahp, RejectsWrongSize) {
  const auto small = [] { ahp({"pay", "commute", "growth"}, {{1, 2}, {"1/2", 1}}); };
  EXPECT_TRUE(throws_usage(small, "the pairwise matrix is 2x2 but there are 3 criteria"));
}

TEST(Ahp, RejectsBadFractionString) {
  const auto bad_text = [] { ahp({"pay", "commute"}, {{1, "1/x"}, {3, 1}}); };
  EXPECT_TRUE(throws_usage(bad_text, "cell (pay, commute): '1/x' is not a number or a fraction"));
  const auto divide_by_zero = [] { ahp({"pay", "commute"}, {{1, "1/0"}, {3, 1}}); };
  EXPECT_TRUE(throws_usage(divide_by_zero, "cell (pay, commute): '1/0' divides by zero"));
}

TEST(Ahp, RejectsOutOfScale) {
  const auto too_big = [] { ahp({"pay", "commute"}, {{1, 12}, {"1/12", 1}}); };
  EXPECT_TRUE(
      throws_usage(too_big, "cell (pay, commute) is 12: outside Saaty's scale of 1/9 to 9"));
  // 0.11 for 1/9 is within tolerance; 1/10 is not.
  EXPECT_NO_THROW(ahp({"a", "b"}, {{1, 9}, {0.11, 1}}));
  EXPECT_TRUE(throws_usage([] { ahp({"a", "b"}, {{1, 10}, {"1/10", 1}}); }, "is 10: outside"));
}

TEST(Ahp, RejectsDiagonalOtherThanOne) {
  const auto diagonal = [] { ahp({"pay", "commute"}, {{2, 3}, {"1/3", 1}}); };
  EXPECT_TRUE(throws_usage(diagonal, "cell (pay, pay) is 2: the diagonal must be 1"));
}

TEST(Ahp, RejectsEmptyDuplicateAndTooMany) {
  EXPECT_TRUE(throws_usage([] { ahp({}, {}); }, "no criteria"));
  EXPECT_TRUE(throws_usage([] { ahp({"pay", "pay"}, {{1, 1}, {1, 1}}); }, "more than once"));
  const std::vector<std::string> eleven = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
  const Matrix ones(11, std::vector<Judgement>(11, 1));
  EXPECT_TRUE(throws_usage([&] { ahp(eleven, ones); }, "no random index for 11 criteria"));
}

}  // namespace
}  // namespace kindly::decide
