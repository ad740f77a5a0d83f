// Offer math and the offer comparison.
#include <gtest/gtest.h>

#include "core/error.h"
#include "decide/compare.h"

namespace kindly::decide {
namespace {

const playbook::Playbook& pb() { return playbook::builtin(); }

Opportunity offer(std::string id, std::int64_t base) {
  Opportunity o;
  o.id = std::move(id);
  o.company = o.id;
  o.stage = Stage::offer;
  o.base = base;
  o.currency = "EUR";
  return o;
}

TEST(OfferMath, YearByYearWithVestingBonusAndSignOn) {
  Opportunity o = offer("acme", 100000);
  o.bonus = "10%";
  o.equity = 40000;
  o.vesting = "10/20/30/40";
  o.sign_on = 8000;
  OfferMath m = offer_math(pb().compare, o, {});
  ASSERT_EQ(m.years.size(), 4u);
  // base 100,000 + bonus 10,000 + equity 4,000 + sign-on 2,000 = 116,000 in year 1.
  EXPECT_DOUBLE_EQ(m.years[0].total, 116000);
  EXPECT_DOUBLE_EQ(m.years[1].equity, 8000);
  EXPECT_DOUBLE_EQ(m.years[3].total, 100000 + 10000 + 16000 + 2000);
  EXPECT_DOUBLE_EQ(m.average, 110000 + 10000 + 2000);  // equity averages 10,000
  ASSERT_EQ(m.risks.size(), 1u);
  EXPECT_NE(m.risks[0].find("clawback"), std::string::npos);
}

TEST(OfferMath, EvenVestingIsAssumedAndSaid) {
  Opportunity o = offer("acme", 100000);
  o.equity = 40000;
  OfferMath m = offer_math(pb().compare, o, {});
  EXPECT_DOUBLE_EQ(m.years[0].equity, 10000);
  ASSERT_FALSE(m.assumptions.empty());
  EXPECT_EQ(m.assumptions[0], "equity vesting assumed 25/25/25/25");
}

TEST(OfferMath, CostOfLivingAndCurrency) {
  Opportunity o = offer("globex", 100000);
  o.currency = "USD";
  o.location = "London";
  MathOptions opt;
  opt.reference = "EUR";
  opt.rates["USD"] = 0.9;
  opt.cost_of_living["london"] = 120;
  OfferMath m = offer_math(pb().compare, o, opt);
  EXPECT_DOUBLE_EQ(m.comparable, 100000 * 0.9 / 1.2);
  opt.rates.clear();
  EXPECT_THROW(offer_math(pb().compare, o, opt), Error);
}

TEST(Compare, NonNegotiablesGateBeforeScoring) {
  Profile p;
  p.non_negotiables = {"base >= 90000"};
  std::vector<Opportunity> offers = {offer("a", 100000), offer("b", 80000), offer("c", 95000)};
  Comparison c = compare_offers(pb(), offers, p, {}, {});
  ASSERT_EQ(c.gated.size(), 1u);
  EXPECT_EQ(c.gated[0].id, "b");
  EXPECT_EQ(c.gated[0].reasons[0], "base 80,000 EUR is below your minimum of 90,000");
  ASSERT_EQ(c.result.ranking.size(), 2u);
  EXPECT_EQ(c.result.ranking[0], "a");  // only compensation differs
}

TEST(Compare, UserScoresDecideAndSensitivityNamesTheFlip) {
  Profile p;
  p.weights = {{"compensation", 0.5}, {"culture", 0.5}};
  std::vector<Opportunity> offers = {offer("a", 100000), offer("b", 50000)};
  Scores s = {{"a", {{"culture", 1}}}, {"b", {{"culture", 5}}}};
  Comparison c = compare_offers(pb(), offers, p, s, {});
  // compensation: a = 5, b = 2.5. WSM: a = 0.5*5 + 0.5*1 = 3.0; b = 0.5*2.5 + 0.5*5 = 3.75.
  EXPECT_EQ(c.result.ranking[0], "b");
  EXPECT_NEAR(c.result.scores[0], 3.0, 1e-9);
  EXPECT_NEAR(c.result.scores[1], 3.75, 1e-9);
  // Winner flips when compensation's weight w satisfies 5w + (1-w) = 2.5w + 5(1-w) → w = 8/13.
  const auto& comp = c.sensitivity.criteria[0];
  ASSERT_TRUE(comp.nearest_flip);
  EXPECT_NEAR(comp.nearest_flip->weight, 8.0 / 13.0, 1e-9);
  EXPECT_EQ(comp.nearest_flip->new_winner, "a");
}

TEST(Compare, MissingScoresAreAssumedNeutralWithANotice) {
  Profile p;
  Comparison c = compare_offers(pb(), {offer("a", 100000)}, p, {}, {});
  EXPECT_EQ(c.criteria.size(), 5u);
  EXPECT_EQ(c.notices.size(), 4u);  // role, trajectory, culture, mobility
  EXPECT_EQ(c.notices[0], "a: no role score; assumed 3 (kindly score a role=1..5)");
}

TEST(Compare, MixedCurrenciesNeedAReference) {
  Opportunity b = offer("b", 90000);
  b.currency = "USD";
  EXPECT_THROW(compare_offers(pb(), {offer("a", 100000), b}, Profile{}, {}, {}), Error);
}

TEST(Compare, NothingToCompare) {
  Profile p;
  p.non_negotiables = {"base >= 200000"};
  EXPECT_THROW(compare_offers(pb(), {offer("a", 100000)}, p, {}, {}), Error);
}

}  // namespace
}  // namespace kindly::decide
