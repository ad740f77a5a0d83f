// Comparing offers: non-negotiables as gates, a weighted decision matrix over the criteria
// (compensation from the offer math), the ranking and how robust it is.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "decide/mcda.h"
#include "decide/offer_math.h"
#include "playbook/playbook.h"

namespace kindly::decide {

struct CompareOptions {
  Method method = Method::weighted_sum;
  Normalisation normalisation = Normalisation::vector;
  MathOptions math;
};

/// An offer left out of the ranking because it breaks a non-negotiable.
struct Gated {
  std::string id;
  std::vector<std::string> reasons;
};

struct CompareRow {
  std::string id;
  OfferMath math;
  std::vector<double> scores;        ///< per criterion, 1-5
  std::vector<std::string> sources;  ///< per criterion: "offer math", "your score", "assumed"
};

struct Comparison {
  std::vector<Criterion> criteria;  ///< weights as used (normalised)
  std::vector<CompareRow> rows;     ///< the ranked offers, in input order
  std::vector<Gated> gated;
  Result result;                    ///< scores, ranks, ranking by id
  Sensitivity sensitivity;
  std::vector<std::string> notices;
};

/// Scores given by the user: opportunity id → criterion → 1..5.
using Scores = std::map<std::string, std::map<std::string, double>>;

/// The criteria and weights in effect: the profile's, else the playbook's defaults.
std::vector<Criterion> criteria_for(const playbook::Playbook& pb, const Profile& profile);

/// Compares the offers. Throws usage when nothing is left to rank.
Comparison compare_offers(const playbook::Playbook& pb, const std::vector<Opportunity>& offers,
                          const Profile& profile, const Scores& scores,
                          const CompareOptions& options);

}  // namespace kindly::decide
