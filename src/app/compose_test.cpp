// Tests of the saying-it use cases on a real SQLite file: advice from the verdict, drafts from
// the tracker and the profile, redrafts, sent records with their stage moves, the cascade.
#include "app/compose.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/tracker.h"
#include "core/error.h"
#include "playbook/playbook.h"
#include "store/sqlite_store.h"

namespace kindly {
namespace {

namespace fs = std::filesystem;

Instant at(const char* iso) { return *parse_iso_utc(iso); }

class ComposeUseCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("kindly-compose-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    m_store = open_sqlite_store((m_dir / "kindly.db").string());
    m_ctx.emplace(Context{*m_store, m_clock, find_zone("Europe/Berlin")});
  }
  void TearDown() override {
    m_ctx.reset();
    m_store.reset();
    fs::remove_all(m_dir);
  }

  Context& ctx() { return *m_ctx; }
  const playbook::Playbook& pb() { return playbook::builtin(); }

  std::string add(const std::string& company, const std::string& role, const std::string& stage,
                  Assignments fields = {}) {
    return add_opportunity(ctx(), {company, role, stage, std::move(fields)}).id;
  }
  void contact(const std::string& id, const std::string& name, const std::string& role, const std::string& email = {},
               bool agency = false) {
    ContactRequest c;
    c.name = name;
    c.role = role;
    c.email = email;
    c.agency = agency;
    add_contact(ctx(), id, c);
  }

  fs::path m_dir;
  FixedClock m_clock{at("2026-03-02T09:00:00Z")};
  std::unique_ptr<Store> m_store;
  std::optional<Context> m_ctx;
};

TEST_F(ComposeUseCaseTest, AdviceForASpokenOfferCallsTheRecruiterThenEmails) {
  auto id = add("Acme", "Data Engineer", "offer", {{"offer_via", "spoken"}, {"offer_deadline", "2026-03-06"}});
  contact(id, "Hana Manager", "hiring-manager");
  contact(id, "Rita Recruiter", "recruiter", "rita@acme.example");
  auto r = advise_opportunity(ctx(), pb(), id);
  EXPECT_FALSE(r.from_answers);
  EXPECT_EQ(r.advice.rule.id, "spoken-offer");
  ASSERT_EQ(r.advice.steps.size(), 2u);
  EXPECT_EQ(r.advice.steps[0].channel, "phone");
  EXPECT_EQ(r.advice.steps[1].channel, "email");
  EXPECT_EQ(r.advice.steps[1].kind, "confirmation");
  EXPECT_NE(r.advice.steps[0].to.find("Rita Recruiter"), std::string::npos);
}

TEST_F(ComposeUseCaseTest, ClosedOpportunitiesHaveNothingToAdviseButCanBeWrittenTo) {
  auto id = add("Acme", "Data Engineer", "declined");
  try {
    advise_opportunity(ctx(), pb(), id);
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_NE(std::string(e.hint()).find("--kind keep-in-touch"), std::string::npos);
  }
  DraftOptions o;
  o.kind = "keep-in-touch";
  o.channel = "linkedin";
  auto d = draft_message(ctx(), pb(), id, o);
  ASSERT_EQ(d.messages.size(), 1u);
  EXPECT_EQ(d.messages[0].kind, "keep-in-touch");
  EXPECT_LE(d.messages[0].body.size(), 300u * 4);
  EXPECT_EQ(d.message_ids.size(), 1u);
}

TEST_F(ComposeUseCaseTest, DraftTakesKindChannelAndRecipientFromTheAdviceAndNamesFromTheProfile) {
  auto id = add("Acme", "Data Engineer", "offer", {{"offer_via", "spoken"}});
  contact(id, "Rita Recruiter", "recruiter", "rita@acme.example");
  set_profile(ctx(), {{"name", "Sam Lee"}, {"signature", "Sam Lee, +49 170 000"}});
  // Nothing decided yet: on the tracker's facts alone an open offer gets "ask for time", and the
  // draft names the day the answer will come (now + the decision window, in the user's zone).
  auto first = draft_message(ctx(), pb(), id, {});
  EXPECT_EQ(first.messages.front().kind, "ask-for-time");
  EXPECT_NE(first.messages.front().body.find("Thursday 5 March"), std::string::npos) << first.messages.front().body;
  ASSERT_FALSE(first.choices.empty());
  EXPECT_EQ(first.choices.front().source.rfind("the verdict on the tracker's facts", 0), 0u) << first.choices.front().source;
  DraftOptions o;
  o.kind = "decline-offer";
  o.reason = "accepted-other-offer";
  auto d = draft_message(ctx(), pb(), id, o);
  ASSERT_FALSE(d.messages.empty());
  const auto& m = d.messages.front();
  EXPECT_EQ(m.kind, "decline-offer");
  EXPECT_NE(m.body.find("Rita"), std::string::npos) << m.body;
  ASSERT_TRUE(d.to.has_value());
  EXPECT_EQ(d.to->email, "rita@acme.example");
  for (const auto& x : m.missing) EXPECT_NE(x.fact, "your name");
  // Every choice names where it came from.
  for (const auto& c : d.choices) EXPECT_FALSE(c.source.empty()) << c.what;
}

TEST_F(ComposeUseCaseTest, UnknownOptionsAreUsageErrorsWithSuggestions) {
  auto id = add("Acme", "Data Engineer", "offer");
  DraftOptions o;
  o.kind = "decline-ofer";
  try {
    draft_message(ctx(), pb(), id, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("decline-offer"), std::string::npos) << e.what();
  }
  o.kind = "rescind-acceptance";
  o.channel = "linkedin";  // taking back an acceptance is never a LinkedIn note
  EXPECT_THROW(draft_message(ctx(), pb(), id, o), Error);
  o.channel = "email";
  o.tone = "casual";
  EXPECT_THROW(draft_message(ctx(), pb(), id, o), Error);
  EXPECT_TRUE(ctx().store.messages(id).empty()) << "nothing is saved when the options are wrong";
}

TEST_F(ComposeUseCaseTest, ARedraftReplacesTheUnsentDraftAndSentOnesStay) {
  auto id = add("Acme", "Data Engineer", "interviewing");
  DraftOptions o;
  o.kind = "withdraw-application";
  o.channel = "email";
  auto a = draft_message(ctx(), pb(), id, o);
  o.tone = "formal";
  auto b = draft_message(ctx(), pb(), id, o);
  EXPECT_EQ(a.message_ids, b.message_ids);
  auto all = list_messages(ctx(), id);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].tone, "formal");
  auto sent = mark_sent(ctx(), pb(), id, std::nullopt, std::string("email"), std::nullopt);
  EXPECT_EQ(sent.message.id, a.message_ids.front());
  ASSERT_TRUE(sent.moved_to.has_value());
  EXPECT_EQ(*sent.moved_to, Stage::withdrawn);
  EXPECT_EQ(load(ctx(), id).stage, Stage::withdrawn);
  ASSERT_TRUE(load(ctx(), id).decided_at.has_value());
  // After sending, a new draft is a new message: the sent one is history.
  auto c = draft_message(ctx(), pb(), id, o);
  EXPECT_NE(c.message_ids, a.message_ids);
  EXPECT_EQ(list_messages(ctx(), id).size(), 2u);
}

TEST_F(ComposeUseCaseTest, SentWithoutADraftNeedsTheKind) {
  auto id = add("Globex", "Lead", "invited");
  try {
    mark_sent(ctx(), pb(), id, std::nullopt, std::nullopt, std::nullopt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
    EXPECT_NE(std::string(e.hint()).find("--kind"), std::string::npos);
  }
  auto r = mark_sent(ctx(), pb(), id, at("2026-03-01T15:00:00Z"), std::string("phone"), std::string("decline-interview"));
  EXPECT_EQ(r.message.origin, "sent");
  EXPECT_EQ(r.message.channel, "phone");
  EXPECT_EQ(*r.message.sent_at, at("2026-03-01T15:00:00Z"));
  EXPECT_EQ(load(ctx(), id).stage, Stage::declined_interview);
  EXPECT_THROW(mark_sent(ctx(), pb(), id, at("2026-03-09T00:00:00Z"), std::nullopt, std::string("keep-in-touch")), Error)
      << "a send time in the future is refused";
}

TEST_F(ComposeUseCaseTest, NonClosingMessagesDoNotMoveTheStage) {
  auto id = add("Acme", "Data Engineer", "offer");
  auto r = mark_sent(ctx(), pb(), id, std::nullopt, std::nullopt, std::string("ask-for-time"));
  EXPECT_FALSE(r.moved_to.has_value());
  EXPECT_EQ(load(ctx(), id).stage, Stage::offer);
}

TEST_F(ComposeUseCaseTest, SentMovesWhereTheStageTableAllowsAndRecordsTheMessageAnyway) {
  auto id = add("Acme", "Data Engineer", "offer");
  auto negotiated = mark_sent(ctx(), pb(), id, std::nullopt, std::nullopt, std::string("negotiate"));
  EXPECT_EQ(negotiated.moved_to, Stage::negotiating) << "asking for better terms opens a negotiation";
  // A message whose stage cannot follow from here is still recorded; the stage stays.
  auto odd = mark_sent(ctx(), pb(), id, std::nullopt, std::nullopt, std::string("decline-interview"));
  EXPECT_FALSE(odd.moved_to.has_value());
  EXPECT_NE(odd.not_moved.find("negotiating to declined-interview"), std::string::npos) << odd.not_moved;
  EXPECT_EQ(load(ctx(), id).stage, Stage::negotiating);
  EXPECT_EQ(list_messages(ctx(), id).size(), 2u);
}

TEST_F(ComposeUseCaseTest, AcceptingDraftsTheRightClosingMessageForEveryOtherOpenProcess) {
  auto chosen = add("Hooli", "Staff Engineer", "offer");
  auto offer = add("Acme", "Data Engineer", "offer", {{"offer_via", "spoken"}});
  contact(offer, "Rita Recruiter", "recruiter");
  auto interviewing = add("Globex", "Platform Engineer", "interviewing");
  auto invited = add("Initech", "SRE", "invited", {{"interview_at", "2026-03-03 10:00"}});
  auto closed = add("Umbrella", "Analyst", "rejected");
  auto r = accept_offer(ctx(), pb(), chosen);
  EXPECT_EQ(r.accepted.stage, Stage::accepted);
  EXPECT_EQ(load(ctx(), chosen).stage, Stage::accepted);
  std::map<std::string, const AcceptResult::Closing*> by_id;
  for (const auto& c : r.closings) by_id[c.opportunity.id] = &c;
  ASSERT_EQ(by_id.size(), 3u);
  EXPECT_FALSE(by_id.count(closed));
  EXPECT_EQ(by_id[offer]->messages.front().kind, "decline-offer");
  EXPECT_EQ(by_id[offer]->messages.front().channel, "phone") << "a spoken offer gets a call first";
  ASSERT_EQ(by_id[offer]->messages.size(), 2u);
  EXPECT_EQ(by_id[offer]->messages[1].channel, "email") << "and the confirming email";
  EXPECT_EQ(by_id[interviewing]->messages.front().kind, "withdraw-application");
  EXPECT_EQ(by_id[invited]->messages.front().kind, "decline-interview");
  EXPECT_EQ(by_id[invited]->channel_rule, "interview-within-24h");
  for (const auto& c : r.closings) {
    EXPECT_TRUE(c.send_by.has_value()) << c.opportunity.id;
    // Nothing else moved: the user sends, then records it.
    EXPECT_EQ(load(ctx(), c.opportunity.id).stage, c.opportunity.stage);
  }
  EXPECT_EQ(list_messages(ctx(), "").size(), 5u);
  // Accepting twice is refused; so is accepting something that is not an offer.
  EXPECT_THROW(accept_offer(ctx(), pb(), chosen), Error);
  EXPECT_THROW(accept_offer(ctx(), pb(), interviewing), Error);
}

TEST_F(ComposeUseCaseTest, StageAfterSendingMatchesTheClosedStages) {
  EXPECT_EQ(stage_after_sending(pb(), "decline-offer"), Stage::declined);
  EXPECT_EQ(stage_after_sending(pb(), "decline-after-counteroffer"), Stage::declined);
  EXPECT_EQ(stage_after_sending(pb(), "withdraw-application"), Stage::withdrawn);
  EXPECT_EQ(stage_after_sending(pb(), "decline-interview"), Stage::declined_interview);
  EXPECT_EQ(stage_after_sending(pb(), "rescind-acceptance"), Stage::rescinded);
  EXPECT_EQ(stage_after_sending(pb(), "keep-in-touch"), std::nullopt);
  EXPECT_EQ(stage_after_sending(pb(), "negotiate"), Stage::negotiating);
}

}  // namespace
}  // namespace kindly
