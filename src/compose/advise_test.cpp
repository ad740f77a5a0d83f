// Channel advice: one test per channels.toml rule, and the priority between them.
#include "compose/advise.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"

namespace kindly::compose {
namespace {

using namespace std::chrono;

const Instant kNow = sys_days{year{2026} / 3 / 6} + hours{9};

class AdviseTest : public ::testing::Test {
 protected:
  const playbook::Playbook& pb = playbook::builtin();
  Opportunity o;
  std::vector<Contact> contacts;
  decide::Verdict v;

  void SetUp() override {
    o.id = "acme-data-engineer";
    o.company = "Acme";
    o.role = "Data Engineer";
    o.stage = Stage::offer;
    v.action = decide::Action::decline;
    v.next.message_kind = "decline-offer";
    v.next.reason_code = "accepted-other-offer";
    v.next.by = kNow + hours{48};
    v.next.timing_rule = "outright_no_max";
  }

  Contact contact(std::int64_t id, std::string name, ContactRole role, bool agency = false) {
    Contact c;
    c.id = id;
    c.opportunity_id = o.id;
    c.name = std::move(name);
    c.role = role;
    c.agency = agency;
    return c;
  }

  Advice run() { return advise(pb, o, contacts, v, kNow); }

  static std::vector<std::string> channels(const Advice& a) {
    std::vector<std::string> out;
    for (const auto& s : a.steps) out.push_back(s.channel);
    return out;
  }
  static bool skipped(const Advice& a, std::string_view id) {
    return std::find(a.skipped.begin(), a.skipped.end(), id) != a.skipped.end();
  }
};

using Channels = std::vector<std::string>;

TEST_F(AdviseTest, BuiltInChannelRulesLoad) {
  ASSERT_FALSE(pb.channels.rules.empty());
  EXPECT_EQ(pb.channels.rules.front().id, "rescinding");
  EXPECT_EQ(pb.channels.rules.back().when, "always");
  EXPECT_EQ(pb.channels.close_rapport_rounds, 3);
  EXPECT_FALSE(pb.channels.confirm.empty());
  for (const auto& r : pb.channels.rules) {
    EXPECT_FALSE(r.text.empty()) << r.id;
    EXPECT_FALSE(r.channels.empty()) << r.id;
  }
}

TEST_F(AdviseTest, RescindingCallsAtOnceThenEmails) {
  o.stage = Stage::accepted;
  v.action = decide::Action::rescind;
  v.next.by = std::nullopt;
  v.next.timing_rule.clear();
  contacts.push_back(contact(1, "Rita Recruiter", ContactRole::recruiter));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "rescinding");
  EXPECT_EQ(channels(a), (Channels{"phone", "email"}));
  EXPECT_EQ(a.steps[1].kind, "confirmation");
  EXPECT_TRUE(a.now);
  ASSERT_TRUE(a.send_by);
  EXPECT_EQ(*a.send_by, kNow);
  EXPECT_EQ(a.send_by_rule, "taking back an acceptance: at once");
  ASSERT_FALSE(a.rule.evidence.empty());
  EXPECT_NE(a.rule.evidence[0].find("Acme"), std::string::npos);
}

TEST_F(AdviseTest, RescindingBeatsEverything) {
  o.stage = Stage::accepted;
  v.action = decide::Action::rescind;
  o.offer_via = OfferVia::email;
  o.channel = Channel::linkedin;
  o.rapport = Rapport::high;
  o.interview_at = kNow + hours{2};
  contacts.push_back(contact(1, "Ann Agent", ContactRole::recruiter, true));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "rescinding");
  EXPECT_TRUE(skipped(a, "recruiter-represents"));
  EXPECT_TRUE(skipped(a, "close-rapport"));
  EXPECT_TRUE(skipped(a, "main-channel-linkedin"));
  EXPECT_TRUE(skipped(a, "emailed-offer"));
  EXPECT_FALSE(skipped(a, "default"));
}

TEST_F(AdviseTest, InterviewWithin24HoursMeansCallNow) {
  o.stage = Stage::interviewing;
  o.interview_at = kNow + hours{5};
  v.action = decide::Action::decline_interview;
  v.next.by = kNow + hours{24};
  v.next.timing_rule = "decline_interview_max";
  contacts.push_back(contact(1, "Ann Agent", ContactRole::recruiter, true));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "interview-within-24h");
  EXPECT_EQ(channels(a), (Channels{"phone", "email"}));
  EXPECT_TRUE(a.now);
  ASSERT_TRUE(a.send_by);
  EXPECT_EQ(*a.send_by, kNow);
  EXPECT_EQ(a.send_by_rule.rfind("the interview is less than 24 hours away: call now", 0), 0u) << a.send_by_rule;
  EXPECT_TRUE(skipped(a, "recruiter-represents"));  // the interview beats the recruiter
  ASSERT_EQ(a.rule.evidence.size(), 1u);
  EXPECT_NE(a.rule.evidence[0].find("5 hours from now"), std::string::npos) << a.rule.evidence[0];
  // In the user's zone when one is given.
  Advice local = advise(pb, o, contacts, v, kNow, find_zone("Europe/Berlin"));
  EXPECT_NE(local.rule.evidence[0].find(format_local(*o.interview_at, find_zone("Europe/Berlin"))), std::string::npos)
      << local.rule.evidence[0];
}

TEST_F(AdviseTest, InterviewFurtherAwayIsNotUrgent) {
  o.stage = Stage::interviewing;
  o.interview_at = kNow + hours{30};
  Advice a = run();
  EXPECT_EQ(a.rule.id, "early-formal");
  EXPECT_FALSE(a.now);
  o.interview_at = kNow - hours{1};  // already past
  EXPECT_EQ(run().rule.id, "early-formal");
}

TEST_F(AdviseTest, RecruiterRepresentsDeliversPlusNoteToHiringManager) {
  o.offer_via = OfferVia::spoken;
  o.rapport = Rapport::high;
  contacts.push_back(contact(1, "Hana Manager", ContactRole::hiring_manager));
  contacts.push_back(contact(2, "Ann Agent", ContactRole::recruiter, true));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "recruiter-represents");
  EXPECT_TRUE(skipped(a, "spoken-offer"));
  EXPECT_TRUE(skipped(a, "close-rapport"));
  ASSERT_EQ(channels(a), (Channels{"phone", "email", "email"}));
  EXPECT_EQ(a.steps[0].contact_id, 2);
  EXPECT_EQ(a.steps[0].to, "Ann Agent (recruiter, agency)");
  EXPECT_EQ(a.steps[1].contact_id, 2);
  EXPECT_EQ(a.steps[2].kind, "note");
  EXPECT_EQ(a.steps[2].contact_id, 1);
  EXPECT_EQ(a.steps[2].rule, "recruiter-represents");
  EXPECT_EQ(a.steps[2].purpose, pb.channels.rules[2].note);
  EXPECT_EQ(a.rule.evidence.size(), 2u);
}

TEST_F(AdviseTest, RecruiterRepresentsWithoutRapportHasNoNote) {
  o.rapport = Rapport::medium;
  contacts.push_back(contact(1, "Hana Manager", ContactRole::hiring_manager));
  contacts.push_back(contact(2, "Ann Agent", ContactRole::recruiter, true));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "recruiter-represents");
  for (const auto& s : a.steps) {
    EXPECT_NE(s.kind, "note");
    EXPECT_EQ(s.contact_id, 2);
  }
}

TEST_F(AdviseTest, SpokenOfferCallsFirstWithThingsToPrepare) {
  o.offer_via = OfferVia::spoken;
  contacts.push_back(contact(1, "Hana Manager", ContactRole::hiring_manager));
  contacts.push_back(contact(2, "Rita Recruiter", ContactRole::recruiter));
  Advice a = run();
  EXPECT_EQ(a.rule.id, "spoken-offer");
  EXPECT_EQ(channels(a), (Channels{"phone", "email"}));
  EXPECT_EQ(a.steps[0].contact_id, 2);  // the company's recruiter before the hiring manager
  const auto& prep = a.steps[0].prepare;
  ASSERT_EQ(prep.size(), 4u);
  EXPECT_EQ(prep[0], "Your one-line reason: \"I have accepted another offer.\"");
  // The phrasebook's likely questions for a declined offer, then the general one.
  EXPECT_EQ(prep[1], "If asked \"Is there anything we could change?\": Thank you, but my decision is final.");
  EXPECT_NE(prep[2].find("Where are you going instead?"), std::string::npos);
  EXPECT_EQ(prep[3], "If asked \"Can we stay in touch?\": Yes, I would like that.");
  EXPECT_EQ(a.steps[0].if_unreachable, pb.channels.unreachable);
  EXPECT_EQ(a.steps[1].purpose, pb.channels.confirm);
  EXPECT_TRUE(a.steps[1].prepare.empty());
  ASSERT_TRUE(a.send_by);
  EXPECT_EQ(*a.send_by, kNow + hours{48});
  EXPECT_EQ(a.send_by_rule, "outright_no_max");
  EXPECT_FALSE(a.now);
}

TEST_F(AdviseTest, NoReasonOwedWhenTheVerdictGivesNone) {
  o.offer_via = OfferVia::spoken;
  v.next.reason_code.clear();
  Advice a = run();
  EXPECT_NE(a.steps[0].prepare[0].find("none is owed"), std::string::npos);
  EXPECT_EQ(a.steps[0].to, "your contact at Acme");
  EXPECT_FALSE(a.steps[0].contact_id);
}

TEST_F(AdviseTest, CloseRapportAnyOfItsSignsCalls) {
  auto check = [&](auto&& set, std::string_view evidence) {
    Opportunity saved = o;
    o.offer_via = OfferVia::email;
    set();
    Advice a = run();
    EXPECT_EQ(a.rule.id, "close-rapport") << evidence;
    EXPECT_EQ(channels(a), (Channels{"phone", "email"})) << evidence;
    EXPECT_TRUE(skipped(a, "emailed-offer")) << evidence;
    ASSERT_EQ(a.rule.evidence.size(), 1u) << evidence;
    EXPECT_NE(a.rule.evidence[0].find(evidence), std::string::npos) << a.rule.evidence[0];
    o = saved;
  };
  check([&] { o.rapport = Rapport::high; }, "rapport: high");
  check([&] { o.rounds = 3; }, "3 interview rounds");
  check([&] { o.relocation = true; }, "relocation");
  check([&] { o.visa = Visa::uncertain; }, "visa: uncertain");
  o.rounds = 2;
  o.visa = Visa::not_needed;
  o.relocation = false;
  o.rapport = Rapport::medium;
  EXPECT_EQ(run().rule.id, "default");
}

TEST_F(AdviseTest, MainChannelLinkedinAnswersThere) {
  o.channel = Channel::linkedin;
  o.offer_via = OfferVia::email;
  Contact hr = contact(1, "Harriet", ContactRole::hr);
  Contact rec = contact(2, "Rita Recruiter", ContactRole::other);
  rec.linkedin = "https://linkedin.com/in/rita";
  contacts = {hr, rec};
  Advice a = run();
  EXPECT_EQ(a.rule.id, "main-channel-linkedin");
  EXPECT_TRUE(skipped(a, "emailed-offer"));  // LinkedIn beats the emailed offer
  EXPECT_EQ(channels(a), (Channels{"linkedin"}));
  EXPECT_EQ(a.steps[0].contact_id, 2);  // the contact reachable there
}

TEST_F(AdviseTest, EmailedOfferMayBeDeclinedByEmail) {
  o.offer_via = OfferVia::letter;
  Advice a = run();
  EXPECT_EQ(a.rule.id, "emailed-offer");
  EXPECT_EQ(channels(a), (Channels{"email"}));
  EXPECT_EQ(a.steps[0].kind, "decision");
  EXPECT_NE(a.rule.evidence[0].find("offer via: letter"), std::string::npos);
}

TEST_F(AdviseTest, EarlyFormalIsAnEmail) {
  o.stage = Stage::invited;
  v.action = decide::Action::decline_interview;
  Advice a = run();
  EXPECT_EQ(a.rule.id, "early-formal");
  EXPECT_EQ(channels(a), (Channels{"email"}));
  EXPECT_NE(a.rule.evidence[0].find("stage: invited"), std::string::npos);
}

TEST_F(AdviseTest, DefaultIsAnEmail) {
  Advice a = run();
  EXPECT_EQ(a.rule.id, "default");
  EXPECT_EQ(channels(a), (Channels{"email"}));
  EXPECT_TRUE(a.skipped.empty());
}

TEST_F(AdviseTest, EveryCallIsConfirmedInWritingEvenWhenARuleForgets) {
  playbook::Playbook p = pb;
  for (auto& r : p.channels.rules) {
    if (r.id == "spoken-offer") r.channels = {"phone"};
  }
  o.offer_via = OfferVia::spoken;
  Advice a = advise(p, o, contacts, v, kNow);
  ASSERT_EQ(channels(a), (Channels{"phone", "email"}));
  EXPECT_EQ(a.steps[1].rule, "confirm-in-writing");
  EXPECT_EQ(a.steps[1].kind, "confirmation");
}

TEST_F(AdviseTest, NoMatchingRuleIsAnInternalError) {
  playbook::Playbook p = pb;
  p.channels.rules.clear();
  EXPECT_THROW(advise(p, o, contacts, v, kNow), Error);
}

TEST_F(AdviseTest, ChannelsFileIsChecked) {
  std::string good = std::string(R"(close_rapport_rounds = 3
confirm = "c"
[[rule]]
id = "x"
when = "always"
channels = ["email"]
text = "t"
)");
  EXPECT_TRUE(playbook::check_text("channels", good, "channels.toml").empty());
  for (const auto& f : playbook::files("", nullptr)) {
    if (f.name == "channels") {
      EXPECT_TRUE(playbook::check_text("channels", f.text, "built-in").empty());
    }
  }
  std::string bad = good;
  bad.replace(bad.find("\"always\""), 8, "\"alway\"");
  bad.replace(bad.find("[\"email\"]"), 9, "[\"fax\"]");
  auto problems = playbook::check_text("channels", bad, "channels.toml");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("did you mean"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[1].message.find("'fax'"), std::string::npos) << problems[1].message;
}

TEST_F(AdviseTest, LinesNameEveryRule) {
  o.offer_via = OfferVia::spoken;
  auto lines = advice_lines(run(), nullptr);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_NE(lines[0].find("[spoken-offer]"), std::string::npos);
  EXPECT_NE(lines[2].find("[outright_no_max]"), std::string::npos) << lines[2];
}

}  // namespace
}  // namespace kindly::compose
