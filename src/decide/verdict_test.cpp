// One test per rule of the decision part of the playbook (§1–§3 of shared/spec/playbook.md).
#include "decide/verdict.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "decide/non_negotiables.h"

namespace kindly::decide {
namespace {

const playbook::Playbook& pb() { return playbook::builtin(); }

class VerdictTest : public ::testing::Test {
 protected:
  Instant now = *parse_iso_utc("2026-03-02T09:00:00Z");
  Opportunity o;
  Profile profile;
  std::vector<Opportunity> others;

  void SetUp() override {
    o.id = "acme-data-engineer";
    o.company = "Acme";
    o.role = "Data Engineer";
    o.stage = Stage::offer;
    o.currency = "EUR";
    profile.non_negotiables = {"base >= 120000", "visa sponsorship", "hybrid or remote"};
  }

  Verdict run(Answers a) {
    Situation s{o, profile, others, now};
    return decide(pb(), s, a);
  }
  Answers offer_answers() {
    Answers a;
    a.framework = Framework::offer;
    return a;
  }
  static const Finding* finding(const Verdict& v, std::string_view rule) {
    for (const auto& f : v.findings) {
      if (f.rule == rule) return &f;
    }
    return nullptr;
  }
  static const Finding* decisive(const Verdict& v) {
    for (const auto& f : v.findings) {
      if (f.decisive) return &f;
    }
    return nullptr;
  }
  static bool warned(const Verdict& v, std::string_view id) {
    for (const auto& w : v.warnings) {
      if (w.id == id) return true;
    }
    return false;
  }
};

TEST_F(VerdictTest, ChecklistThreeConcernsMeansDecline) {
  // The example: base below minimum, no visa sponsorship, no path to the next role.
  o.base = 105000;
  o.visa = Visa::none;
  Answers a = offer_answers();
  a.checklist["next-role"] = Answer::no;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  const Finding* f = finding(v, "offer-checklist");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence,
            "3 of 8 items raise concerns — base 105,000 EUR is below your minimum of 120,000; no visa "
            "sponsorship; no: Can you see a path to your next role within 18-24 months?");
  EXPECT_EQ(f->conclusion, "three or more concerns: declining is probably right");
  EXPECT_EQ(f->supports, "decline");
}

TEST_F(VerdictTest, TwoConcernsAreNotEnoughOnTheirOwn) {
  o.base = 125000;
  o.visa = Visa::offered;
  o.work_mode = WorkMode::hybrid;
  Answers a = offer_answers();
  a.checklist["total-rewards"] = Answer::no;
  a.checklist["benefits-gap"];  // not an item: checked below
  a.checklist.erase("benefits-gap");
  a.checklist["location"] = Answer::no;
  Verdict v = run(a);
  const Finding* f = finding(v, "offer-checklist");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->conclusion, "fewer than three: not a reason to decline on its own");
  EXPECT_EQ(f->supports, "");
  EXPECT_EQ(v.action, Action::negotiate);  // both concerns are fixable
}

TEST_F(VerdictTest, OnlyFixableConcernsAndKeenMeansNegotiateNamingTheTerms) {
  o.base = 110000;
  o.visa = Visa::offered;
  o.work_mode = WorkMode::onsite;
  Verdict v = run(offer_answers());
  EXPECT_EQ(v.action, Action::negotiate);
  ASSERT_EQ(v.negotiate_for.size(), 2u);
  EXPECT_EQ(v.negotiate_for[0], "a base salary of at least 120,000 EUR");
  EXPECT_EQ(v.negotiate_for[1], "hybrid or remote work");
  EXPECT_TRUE(v.structural.empty());
  EXPECT_EQ(decisive(v)->rule, "fixable-only");
  EXPECT_EQ(v.next.message_kind, "negotiate");
}

TEST_F(VerdictTest, FixableButNotKeenMeansDecline) {
  o.base = 110000;
  Answers a = offer_answers();
  a.keen = false;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "not-keen");
  EXPECT_EQ(v.next.reason_code, "compensation");
}

TEST_F(VerdictTest, AnyStructuralConcernMeansDecline) {
  o.base = 130000;
  Answers a = offer_answers();
  a.concerns = {"manager"};
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "structural-concern");
  ASSERT_EQ(v.structural.size(), 1u);
  EXPECT_EQ(v.structural[0].label, "the manager's style");
  EXPECT_EQ(v.next.reason_code, "culture-manager");  // never stated as criticism
}

TEST_F(VerdictTest, NonNegotiableStillBrokenAfterNegotiatingMeansDecline) {
  o.stage = Stage::negotiating;
  o.base = 110000;
  Verdict v = run(offer_answers());
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "non-negotiable");
  EXPECT_EQ(decisive(v)->evidence, "base 110,000 EUR is below your minimum of 120,000");
  EXPECT_TRUE(warned(v, "no-negotiating-after-no"));
}

TEST_F(VerdictTest, FreeTextNonNegotiableAnsweredNoMeansDecline) {
  profile.non_negotiables = {"report to the CTO"};
  Answers a = offer_answers();
  a.non_negotiables["report to the CTO"] = Answer::no;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->evidence, "'report to the CTO' is not met");
}

TEST_F(VerdictTest, QuickFilterAnyFirmNoJustifiesDeclining) {
  o.base = 130000;
  Answers a = offer_answers();
  a.quick_filter["culture"] = Answer::no;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  ASSERT_NE(finding(v, "quick-filter"), nullptr);
  EXPECT_EQ(finding(v, "quick-filter")->conclusion, "any firm no in the quick filter justifies declining");
}

TEST_F(VerdictTest, ReflectionSeveralMisalignedMeansDecline) {
  o.base = 130000;
  Answers a = offer_answers();
  a.reflection["goals"] = Answer::no;
  a.reflection["growth"] = Answer::no;
  Verdict two = run(a);
  EXPECT_EQ(finding(two, "reflection")->supports, "");
  a.reflection["regret"] = Answer::no;
  Verdict three = run(a);
  EXPECT_EQ(three.action, Action::decline);
  EXPECT_EQ(finding(three, "reflection")->conclusion, "several misaligned answers: decline");
}

TEST_F(VerdictTest, OnlyFalseAlarmsBehindADeclineAreFlagged) {
  o.base = 130000;
  o.visa = Visa::not_needed;
  o.work_mode = WorkMode::remote;
  Answers a = offer_answers();
  a.lean = "decline";
  a.false_alarms = {"nerves", "fear-of-change"};
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::ask_for_time);
  EXPECT_TRUE(warned(v, "false-alarms-only"));
  EXPECT_EQ(decisive(v)->evidence, "your only concerns: nerves, or one awkward moment in an interview, fear of change");
}

TEST_F(VerdictTest, NoConcernsMeansAcceptInWriting) {
  o.base = 130000;
  o.visa = Visa::offered;
  o.work_mode = WorkMode::hybrid;
  Answers a = offer_answers();
  for (const auto& item : pb().offer_checklist.items) a.checklist[item.id] = Answer::yes;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::accept);
  EXPECT_EQ(decisive(v)->conclusion, "accept, answer promptly, and ask for the confirmation in writing");
  EXPECT_EQ(v.next.message_kind, "");
}

TEST_F(VerdictTest, NothingAnsweredMeansAnswerTheQuestionsFirst) {
  Verdict v = run(offer_answers());  // no terms recorded, nothing answered
  EXPECT_EQ(v.action, Action::ask_for_time);
  EXPECT_EQ(decisive(v)->evidence,
            "8 of 8 checklist items are unanswered (kindly decide acme-data-engineer asks them)");
}

TEST_F(VerdictTest, PassedDeadlineMeansToday) {
  o.base = 130000;
  o.offer_deadline = now - std::chrono::hours{3};
  Answers a = offer_answers();
  a.lean = "decline";
  a.reason = "personal";
  Verdict v = run(a);
  EXPECT_EQ(*v.next.by, now);
  EXPECT_TRUE(warned(v, "deadline-passed"));
}

TEST_F(VerdictTest, FreeTextNonNegotiableIsNotARedFlag) {
  profile.non_negotiables = {"no on-call rota"};
  Answers a = offer_answers();
  a.non_negotiables["no on-call rota"] = Answer::no;
  Verdict v = run(a);
  ASSERT_EQ(v.structural.size(), 1u);
  EXPECT_EQ(v.structural[0].label, "no on-call rota");
  EXPECT_EQ(v.next.reason_code, "none");
}

TEST_F(VerdictTest, MobilityDeclinesCarryAReason) {
  o.base = 130000;
  o.relocation = true;
  o.visa = Visa::uncertain;
  profile.non_negotiables = {};
  EXPECT_EQ(run(offer_answers()).next.reason_code, "visa");
}

TEST_F(VerdictTest, UnsureAnswersMeanAskForTimeWithinTheWindow) {
  o.base = 130000;
  o.visa = Visa::uncertain;  // one unsure from the tracker (checklist) and one from the filter
  o.work_mode = WorkMode::remote;
  Verdict v = run(offer_answers());
  EXPECT_EQ(v.action, Action::ask_for_time);
  EXPECT_EQ(decisive(v)->rule, "open-questions");
  EXPECT_NE(v.next.timing_rule.find("48-72 hours"), std::string::npos);
}

TEST_F(VerdictTest, AcceptedElsewhereMeansDeclineWithThatReason) {
  Opportunity other;
  other.id = "globex-lead";
  other.company = "Globex";
  other.stage = Stage::accepted;
  others = {other};
  o.base = 130000;
  Verdict v = run(offer_answers());
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "accepted-elsewhere");
  EXPECT_EQ(v.next.reason_code, "accepted-other-offer");
  EXPECT_EQ(v.next.message_kind, "decline-offer");
  // An outright no: within 48 hours of deciding.
  EXPECT_EQ(format_iso_utc(*v.next.by), "2026-03-04T09:00:00Z");
}

TEST_F(VerdictTest, MobilityNoReliableVisaForAMoveMeansDecline) {
  o.base = 130000;
  o.relocation = true;
  o.visa = Visa::uncertain;
  profile.non_negotiables = {};
  Verdict v = run(offer_answers());
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "mobility:no-reliable-visa");
  EXPECT_TRUE(warned(v, "visa-window"));
  // Visa windows halve the usual 48 hours.
  EXPECT_EQ(format_iso_utc(*v.next.by), "2026-03-03T09:00:00Z");
}

TEST_F(VerdictTest, MobilityAnswersFire) {
  o.base = 130000;
  Answers a = offer_answers();
  a.mobility["lawful-payroll"] = Answer::no;
  EXPECT_EQ(decisive(run(a))->rule, "mobility:unlawful-remote");
  a.mobility = {{"visa-timeline", Answer::no}};
  EXPECT_EQ(decisive(run(a))->rule, "mobility:visa-too-slow");
}

TEST_F(VerdictTest, MobilityRelocationNotAssuredMeansDecline) {
  o.base = 130000;
  o.relocation = true;
  o.visa = Visa::not_needed;
  o.work_mode = WorkMode::onsite;
  profile.non_negotiables = {};
  Answers a = offer_answers();
  a.checklist["location"] = Answer::no;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(decisive(v)->rule, "mobility:relocation-not-assured");
  o.relocation = false;  // the same concern without a move is fixable: negotiate the package
  EXPECT_EQ(run(a).action, Action::negotiate);
}

TEST_F(VerdictTest, DeadlineCloseIsWarnedAndCapsTheSendBy) {
  o.base = 130000;
  o.visa = Visa::offered;
  o.work_mode = WorkMode::hybrid;
  o.offer_deadline = now + std::chrono::hours{20};
  o.visa = Visa::not_needed;
  Answers a = offer_answers();
  a.lean = "accept";
  Verdict v = run(a);
  EXPECT_TRUE(warned(v, "deadline-close"));
  EXPECT_EQ(*v.next.by, *o.offer_deadline);
}

TEST_F(VerdictTest, CounteroffersStayingMeansTheCounterofferMessage) {
  Answers a = offer_answers();
  a.lean = "decline";
  a.reason = "counteroffer";
  o.base = 130000;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline);
  EXPECT_EQ(v.next.message_kind, "decline-after-counteroffer");
  EXPECT_TRUE(warned(v, "counteroffer-money"));
}

TEST_F(VerdictTest, CounterTermsDoNotTouchStructuralConcerns) {
  o.base = 110000;
  Answers a = offer_answers();
  a.concerns = {"culture"};
  Verdict before = run(a);
  o.base = 140000;
  Situation s{o, profile, others, now};
  Verdict after = decide_counter(pb(), s, a, before, {"base 140,000 EUR"});
  EXPECT_EQ(after.action, Action::decline);
  EXPECT_EQ(after.findings.front().rule, "counteroffer");
  EXPECT_EQ(after.findings.front().conclusion, "they do not touch the structural concerns (culture); new terms rarely fix those");
}

TEST_F(VerdictTest, InvitationDeclineAndWithdraw) {
  o.stage = Stage::invited;
  Answers a;
  a.framework = Framework::invitation;
  a.lean = "decline";
  a.reason = "better-aligned";
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline_interview);
  EXPECT_EQ(v.next.message_kind, "decline-interview");
  EXPECT_EQ(format_iso_utc(*v.next.by), "2026-03-03T09:00:00Z");  // within 24 hours
  o.stage = Stage::interviewing;
  Verdict w = run(a);
  EXPECT_EQ(w.action, Action::withdraw);
  EXPECT_EQ(w.next.message_kind, "withdraw-application");
  EXPECT_EQ(format_iso_utc(*w.next.by), "2026-03-05T09:00:00Z");  // after interviews: 72 hours
}

TEST_F(VerdictTest, InterviewWithinADayMeansCallNow) {
  o.stage = Stage::invited;
  o.interview_at = now + std::chrono::hours{5};
  Answers a;
  a.framework = Framework::invitation;
  a.lean = "decline";
  Verdict v = run(a);
  EXPECT_EQ(*v.next.by, now);
  EXPECT_EQ(v.next.channel_hint, "call now, then email");
}

TEST_F(VerdictTest, AfterAcceptingDefaultsToDecliningTheInterview) {
  Opportunity acc;
  acc.id = "globex-lead";
  acc.company = "Globex";
  acc.stage = Stage::accepted;
  others = {acc};
  o.stage = Stage::invited;
  Answers a;
  a.framework = Framework::after_accepting;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::decline_interview);
  EXPECT_EQ(v.next.reason_code, "accepted-other-offer");
  a.questions = {{"materially-better", Answer::yes}, {"accepted-doubts", Answer::yes}, {"still-looking", Answer::yes}};
  Verdict w = run(a);
  EXPECT_EQ(w.action, Action::ask_for_time);
  EXPECT_NE(decisive(w)->conclusion.find("kindly decide globex-lead"), std::string::npos);
  EXPECT_TRUE(warned(w, "still-looking"));
}

TEST_F(VerdictTest, AcceptedKeepDeferOrRescind) {
  o.stage = Stage::accepted;
  o.paperwork_signed = true;
  o.relocation_paid = 5000;
  Answers a;
  a.framework = Framework::accepted;
  EXPECT_EQ(run(a).action, Action::accept);
  a.want_out = true;
  EXPECT_EQ(run(a).action, Action::defer);
  a.sure = true;
  Verdict v = run(a);
  EXPECT_EQ(v.action, Action::rescind);
  EXPECT_EQ(*v.next.by, now);
  EXPECT_EQ(v.next.channel_hint, "call first, then email");
  EXPECT_EQ(v.next.message_kind, "rescind-acceptance");
  EXPECT_TRUE(warned(v, "rescind-contract"));
  EXPECT_TRUE(warned(v, "rescind-relocation"));
  EXPECT_TRUE(warned(v, "rescind"));
}

TEST_F(VerdictTest, ClosedAndStartedStagesHaveNothingToDecide) {
  o.stage = Stage::declined;
  try {
    run(offer_answers());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_STREQ(e.what(), "acme-data-engineer is declined, a closed stage: there is nothing to decide");
    EXPECT_EQ(e.hint(), "to reopen it: kindly move acme-data-engineer offer");
  }
  o.stage = Stage::started;
  EXPECT_THROW(run(offer_answers()), Error);
}

TEST_F(VerdictTest, AnswersForTheWrongFrameworkAreRefused) {
  Answers a;
  a.framework = Framework::accepted;
  try {
    run(a);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_STREQ(e.what(), "the answers are for the accepted framework, but acme-data-engineer is at stage offer, which uses offer");
  }
  Answers b = offer_answers();
  b.checklist["base-minimun"] = Answer::no;
  try {
    run(b);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "checklist: unknown id 'base-minimun'");
    EXPECT_EQ(e.hint(), "did you mean 'base-minimum'?");
  }
  Answers c = offer_answers();
  c.reason = "boredom";
  EXPECT_THROW(run(c), Error);
}

TEST_F(VerdictTest, UserAnswerOverridesTheTracker) {
  o.base = 105000;  // the tracker says below the minimum …
  Answers a = offer_answers();
  a.checklist["base-minimum"] = Answer::yes;  // … the user says it is fine this year
  a.non_negotiables["base >= 120000"] = Answer::yes;
  Verdict v = run(a);
  EXPECT_EQ(finding(v, "non-negotiable"), nullptr);
  EXPECT_EQ(finding(v, "offer-checklist"), nullptr);
}

TEST(NonNegotiables, Patterns) {
  EXPECT_EQ(parse_non_negotiable("base >= 120000").kind, "min-base");
  EXPECT_EQ(*parse_non_negotiable("minimum base salary 95k").amount, 95000);
  EXPECT_EQ(parse_non_negotiable("Visa sponsorship").kind, "visa-sponsorship");
  EXPECT_EQ(parse_non_negotiable("no relocation").kind, "no-relocation");
  auto wm = parse_non_negotiable("hybrid or remote");
  EXPECT_EQ(wm.kind, "work-mode");
  EXPECT_EQ(wm.modes.size(), 2u);
  EXPECT_EQ(parse_non_negotiable("a manager who mentors").kind, "free-text");
}

}  // namespace
}  // namespace kindly::decide
