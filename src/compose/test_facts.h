// Facts for composer tests: every fact given, and only the ones a draft cannot do without.
// Shared by the compose and check tests, which compose every combination the phrasebook has.
#pragma once

#include <vector>

#include "compose/compose.h"

namespace kindly::compose::test_support {

inline Facts full_facts() {
  Facts f;
  f.opportunity_id = "globex-data-engineer";
  f.company = "Globex Corporation";
  f.role = "Senior Data Engineer";
  f.contact_name = "Dana Smith";
  f.name = "Alex Morgan";
  f.signature = "alex@example.com | +1 555 0100";
  f.personal = "I especially enjoyed hearing about the new data platform.";
  f.terms = "a base of 130k and two remote days a week";
  f.answer_by = "Friday 14 March";
  return f;
}

inline Facts bare_facts() {
  Facts f;
  f.opportunity_id = "acme";
  f.company = "Acme";
  f.role = "Analyst";
  return f;
}

/// Every request the phrasebook supports: kind × stage (the kind's `stages`, or none) × channel
/// × tone × reason, and each email once more as the confirmation of a call.
inline std::vector<ComposeRequest> every_request(const playbook::Playbook& pb, const Facts& facts) {
  std::vector<ComposeRequest> out;
  const auto& book = pb.phrasebook;
  for (const auto& kind : book.kinds) {
    std::vector<std::string> stages = kind.stages;
    if (stages.empty()) stages.emplace_back();
    for (const auto& stage : stages) {
      for (const auto& channel : kind.channels) {
        for (const auto& tone : book.tones) {
          for (const auto& reason : pb.reasons) {
            ComposeRequest r;
            r.kind = kind.id;
            r.stage = stage;
            r.reason_code = reason.code;
            r.tone = tone;
            r.channel = channel;
            r.facts = facts;
            out.push_back(r);
            if (channel == "email") {
              r.after_call = true;
              out.push_back(r);
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace kindly::compose::test_support
