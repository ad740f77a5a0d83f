// The offer comparison: gates, the decision matrix and its sensitivity.
#include "decide/compare.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/fields.h"
#include "decide/non_negotiables.h"

namespace kindly::decide {

std::vector<Criterion> criteria_for(const playbook::Playbook& pb, const Profile& profile) {
  std::vector<Criterion> out;
  if (!profile.weights.empty()) {
    // The playbook's criteria first, in their order, then the user's own.
    for (const auto& c : pb.compare.criteria) {
      if (auto it = profile.weights.find(c.name); it != profile.weights.end()) out.push_back({c.name, it->second});
    }
    for (const auto& [key, w] : profile.weights) {
      const std::string& name = key;  // a named copy: lambdas cannot capture structured bindings in C++20
      if (std::none_of(out.begin(), out.end(), [&](const Criterion& c) { return c.name == name; })) out.push_back({name, w});
    }
    return out;
  }
  for (const auto& c : pb.compare.criteria) out.push_back({c.name, c.weight});
  return out;
}

Comparison compare_offers(const playbook::Playbook& pb, const std::vector<Opportunity>& offers,
                          const Profile& profile, const Scores& scores, const CompareOptions& options) {
  Comparison cmp;
  cmp.criteria = criteria_for(pb, profile);
  std::vector<NonNegotiable> nns;
  for (const auto& text : profile.non_negotiables) nns.push_back(parse_non_negotiable(text));

  // Gates before scoring.
  std::vector<const Opportunity*> kept;
  for (const auto& o : offers) {
    Gated g{o.id, {}};
    for (const auto& nn : nns) {
      auto c = check_non_negotiable(nn, o);
      if (c.met == Answer::no) g.reasons.push_back(c.evidence);
    }
    if (g.reasons.empty()) {
      kept.push_back(&o);
    } else {
      cmp.gated.push_back(std::move(g));
    }
  }
  if (kept.empty()) {
    throw Error(ErrorKind::conflict, offers.empty() ? "there are no offers to compare" : "every offer breaks a non-negotiable",
                offers.empty() ? "add offers with 'kindly add COMPANY --stage offer', or name them: kindly compare ID ID"
                               : "see 'kindly decide ID' for each, or revisit your non-negotiables");
  }

  // Compensation from the offer math, as 1-5 relative to the best offer.
  double best = 0;
  for (const auto* o : kept) {
    CompareRow row;
    row.id = o->id;
    row.math = offer_math(pb.compare, *o, options.math);
    if (row.math.known) best = std::max(best, row.math.comparable);
    cmp.rows.push_back(std::move(row));
  }
  std::vector<std::string> currencies;
  for (const auto& r : cmp.rows) {
    if (!r.math.currency.empty() && std::find(currencies.begin(), currencies.end(), r.math.currency) == currencies.end())
      currencies.push_back(r.math.currency);
  }
  if (currencies.size() > 1 && options.math.reference.empty()) {
    throw_usage("the offers are in different currencies (" + currencies[0] + ", " + currencies[1] + ")",
                "compare in one: --currency " + currencies[0] + " --rate " + currencies[1] + "=VALUE");
  }

  for (auto& row : cmp.rows) {
    auto user = scores.find(row.id);
    for (const auto& c : cmp.criteria) {
      double score = 3;
      std::string source = "assumed";
      if (user != scores.end() && user->second.count(c.name)) {
        score = user->second.at(c.name);
        source = "your score";
      } else if (c.name == "compensation" && row.math.known && best > 0) {
        score = std::clamp(5.0 * row.math.comparable / best, 1.0, 5.0);
        source = "offer math";
      }
      row.scores.push_back(score);
      row.sources.push_back(source);
      if (source == "assumed") {
        cmp.notices.push_back(row.id + ": no " + c.name + " score; assumed 3 (kindly score " + row.id + " " + c.name + "=1..5)");
      }
    }
  }

  std::vector<Alternative> alts;
  for (const auto& r : cmp.rows) alts.push_back({r.id, r.scores});
  if (options.method == Method::topsis) {
    cmp.result = topsis(cmp.criteria, alts, options.normalisation);
  } else {
    cmp.result = weighted_sum(cmp.criteria, alts);
  }
  for (std::size_t j = 0; j < cmp.criteria.size(); ++j) cmp.criteria[j].weight = cmp.result.weights[j];
  for (const auto& n : cmp.result.notices) cmp.notices.push_back(n);
  cmp.sensitivity = sensitivity(cmp.criteria, alts, options.method, options.normalisation);
  return cmp;
}

}  // namespace kindly::decide
