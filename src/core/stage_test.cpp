// The transition table: allowed moves, refusals that list the alternatives.
#include "core/stage.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace kindly {
namespace {

TEST(Stage, OpenAndClosed) {
  for (Stage s : {Stage::invited, Stage::interviewing, Stage::offer, Stage::negotiating,
                  Stage::accepted, Stage::started})
    EXPECT_TRUE(is_open(s)) << to_string(s);
  for (Stage s : {Stage::declined_interview, Stage::withdrawn, Stage::declined, Stage::rescinded,
                  Stage::rejected, Stage::ghosted, Stage::archived})
    EXPECT_FALSE(is_open(s)) << to_string(s);
}

TEST(Stage, TheNosOfEachStage) {
  EXPECT_TRUE(can_move(Stage::invited, Stage::declined_interview));
  EXPECT_TRUE(can_move(Stage::interviewing, Stage::withdrawn));
  EXPECT_TRUE(can_move(Stage::offer, Stage::declined));
  EXPECT_TRUE(can_move(Stage::negotiating, Stage::declined));
  EXPECT_TRUE(can_move(Stage::accepted, Stage::rescinded));
  EXPECT_FALSE(can_move(Stage::invited, Stage::rescinded));
  EXPECT_FALSE(can_move(Stage::offer, Stage::rescinded));
  EXPECT_FALSE(can_move(Stage::interviewing, Stage::declined));
}

TEST(Stage, EveryStageCanBeArchivedButArchived) {
  for (std::size_t i = 0; i < kStageNames.size(); ++i) {
    auto s = static_cast<Stage>(i);
    EXPECT_EQ(can_move(s, Stage::archived), s != Stage::archived) << to_string(s);
  }
}

TEST(Stage, RefusalListsTheAllowedMoves) {
  try {
    check_move("acme-data-eng", Stage::invited, Stage::rescinded);
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_STREQ(e.what(),
                 "cannot move acme-data-eng from invited to rescinded (allowed: interviewing, "
                 "declined-interview, withdrawn, rejected, ghosted, archived)");
  }
}

TEST(Stage, SameStageIsAConflict) {
  EXPECT_THROW(check_move("x", Stage::offer, Stage::offer), Error);
}

TEST(Stage, ParsingAcceptsUnderscoresAndCase) {
  EXPECT_EQ(parse_stage("Declined_Interview"), Stage::declined_interview);
  EXPECT_EQ(parse_stage("OFFER"), Stage::offer);
  try {
    parse_stage("hired");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(e.hint().find("declined-interview"), std::string::npos);
  }
}

}  // namespace
}  // namespace kindly
