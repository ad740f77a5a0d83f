// Use cases of deciding: decide on an opportunity, record counter terms, score and compare offers,
// set the criteria weights. Each loads from the store, calls the pure decide layer, saves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/tracker.h"
#include "decide/compare.h"
#include "decide/verdict.h"
#include "playbook/playbook.h"

namespace kindly {

/// What deciding needs to know besides the opportunity.
decide::Situation situation_for(Context& ctx, const Opportunity& o, const Profile& profile,
                                std::vector<Opportunity>& others);

struct DecideResult {
  Opportunity opportunity;
  decide::Answers answers;  ///< as given (before the tracker fills in)
  decide::Prefill prefill;
  decide::Verdict verdict;
  std::int64_t assessment_id = 0;  ///< 0 when not saved
};

/// The prefill and framework for an interactive walk-through.
struct DecideSetup {
  Opportunity opportunity;
  Profile profile;
  decide::Framework framework;
  decide::Prefill prefill;
  std::optional<decide::Answers> previous;  ///< the latest stored answers, if any
};
DecideSetup prepare_decision(Context& ctx, const playbook::Playbook& pb, const std::string& id);

/// Decides with the given answers and stores them with the verdict as an assessment.
DecideResult decide_opportunity(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                                const decide::Answers& answers, bool save = true);

/// The latest stored answers, or nullopt.
std::optional<decide::Answers> latest_answers(Context& ctx, const std::string& id);

struct CounterResult {
  SetResult set;
  decide::Verdict before;
  DecideResult after;
};
/// Records improved or counter terms (offer fields) and decides again with the latest answers.
CounterResult counter_offer(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                            const Assignments& terms);

/// Stores 1-5 scores for criteria of one opportunity ("role=4").
std::map<std::string, double> set_scores(Context& ctx, const std::string& id, const Assignments& values);

/// Compares the given offers (default: every open offer, i.e. stage offer or negotiating).
decide::Comparison compare(Context& ctx, const playbook::Playbook& pb, const std::vector<std::string>& ids,
                           const decide::CompareOptions& options);

/// Sets the criteria weights in the profile (normalised to sum 1); returns the notice if normalised.
std::string set_weights(Context& ctx, const std::map<std::string, double>& weights);

}  // namespace kindly
