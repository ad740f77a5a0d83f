// Dates: ISO 8601 and everyday words, in a zone with daylight saving time.
#include "core/dates.h"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace kindly {
namespace {

class DatesTest : public ::testing::Test {
 protected:
  // Monday 2026-03-02 09:00 UTC = 10:00 in Berlin (CET, +01:00).
  Instant now = *parse_iso_utc("2026-03-02T09:00:00Z");
  const date::time_zone* berlin = find_zone("Europe/Berlin");

  std::string when(std::string_view text, DayTime dt = DayTime::start_of_day) {
    auto t = parse_when(text, now, berlin, dt);
    return t ? format_iso_utc(*t) : "none";
  }
};

TEST_F(DatesTest, IsoDatesAreLocalMidnightOrEndOfDay) {
  EXPECT_EQ(when("2026-03-06"), "2026-03-05T23:00:00Z");
  EXPECT_EQ(when("2026-03-06", DayTime::end_of_day), "2026-03-06T22:59:00Z");
}

TEST_F(DatesTest, IsoTimesWithAndWithoutOffsets) {
  EXPECT_EQ(when("2026-03-06 14:00"), "2026-03-06T13:00:00Z");
  EXPECT_EQ(when("2026-03-06T14:00:30"), "2026-03-06T13:00:30Z");
  EXPECT_EQ(when("2026-03-06T14:00:00Z"), "2026-03-06T14:00:00Z");
  EXPECT_EQ(when("2026-03-06T14:00+02:00"), "2026-03-06T12:00:00Z");
  EXPECT_EQ(when("2026-03-06T14:00-0500"), "2026-03-06T19:00:00Z");
}

TEST_F(DatesTest, SummerTimeIsApplied) {
  // Berlin switches to CEST (+02:00) on 2026-03-29.
  EXPECT_EQ(when("2026-04-01 09:00"), "2026-04-01T07:00:00Z");
}

TEST_F(DatesTest, Words) {
  EXPECT_EQ(when("now"), "2026-03-02T09:00:00Z");
  EXPECT_EQ(when("today"), "2026-03-01T23:00:00Z");
  EXPECT_EQ(when("Tomorrow"), "2026-03-02T23:00:00Z");
  EXPECT_EQ(when("yesterday"), "2026-02-28T23:00:00Z");
  EXPECT_EQ(when("tomorrow 9am"), "2026-03-03T08:00:00Z");
  EXPECT_EQ(when("friday 17:00"), "2026-03-06T16:00:00Z");
  EXPECT_EQ(when("friday at 5pm"), "2026-03-06T16:00:00Z");
}

TEST_F(DatesTest, WeekdaysCountTodayNextDoesNot) {
  EXPECT_EQ(when("monday"), "2026-03-01T23:00:00Z");       // today is Monday
  EXPECT_EQ(when("next monday"), "2026-03-08T23:00:00Z");  // a week later
  EXPECT_EQ(when("fri"), "2026-03-05T23:00:00Z");
  EXPECT_EQ(when("sunday"), "2026-03-07T23:00:00Z");
}

TEST_F(DatesTest, Offsets) {
  EXPECT_EQ(when("+3d"), "2026-03-04T23:00:00Z");
  EXPECT_EQ(when("-2w"), "2026-02-15T23:00:00Z");
  EXPECT_EQ(when("+4h"), "2026-03-02T13:00:00Z");
  EXPECT_EQ(when("in 2 weeks"), "2026-03-15T23:00:00Z");
  EXPECT_EQ(when("in 1 month"), "2026-04-01T22:00:00Z");
  EXPECT_EQ(when("3 days ago"), "2026-02-26T23:00:00Z");
  EXPECT_EQ(when("next week"), "2026-03-08T23:00:00Z");
}

TEST_F(DatesTest, MonthEndsClamp) {
  Instant jan31 = *parse_iso_utc("2026-01-31T12:00:00Z");
  auto t = parse_when("+1m", jan31, berlin);
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso_utc(*t), "2026-02-27T23:00:00Z");  // 28 February, local midnight
}

TEST_F(DatesTest, RejectsNonsense) {
  for (auto bad : {"", "someday", "2026-02-30", "2026-13-01", "2026-03-06 25:00", "friday 13:99",
                   "in two weeks", "+3x", "next", "2026-03-06T14:00+99:00", "13pm"}) {
    EXPECT_EQ(when(bad), "none") << bad;
  }
}

TEST_F(DatesTest, StoredFormRoundTrips) {
  auto t = parse_iso_utc("2026-03-06T13:05:09Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso_utc(*t), "2026-03-06T13:05:09Z");
  EXPECT_FALSE(parse_iso_utc("2026-03-06 13:05:09"));
  EXPECT_FALSE(parse_iso_utc("2026-03-06T13:05:09+01:00"));
}

TEST_F(DatesTest, LocalAndRelativeFormats) {
  EXPECT_EQ(format_local(*parse_iso_utc("2026-03-05T23:00:00Z"), berlin), "2026-03-06");
  EXPECT_EQ(format_local(*parse_iso_utc("2026-03-06T13:00:00Z"), berlin), "2026-03-06 14:00");
  EXPECT_EQ(format_relative(*parse_iso_utc("2026-03-06T13:00:00Z"), now, berlin), "in 4 days");
  EXPECT_EQ(format_relative(*parse_iso_utc("2026-03-02T23:30:00Z"), now, berlin), "tomorrow");
  EXPECT_EQ(format_relative(*parse_iso_utc("2026-03-02T11:00:00Z"), now, berlin), "in 2 h");
  EXPECT_EQ(format_relative(*parse_iso_utc("2026-02-27T09:00:00Z"), now, berlin), "3 days ago");
}

TEST_F(DatesTest, UnknownZoneIsAUsageError) {
  EXPECT_THROW(find_zone("Mars/Olympus"), std::exception);
}

}  // namespace
}  // namespace kindly
