// Facts for composer tests: every fact given, and only the ones a draft cannot do without.
// Shared by the compose and check tests, which compose every combination the phrasebook has.
#pragma once

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

}  // namespace kindly::compose::test_support
