// The field table: every type's accepted input, canonical form, and refusal message.
#include "core/fields.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <set>

#include "core/error.h"

namespace kindly {
namespace {

class FieldsTest : public ::testing::Test {
 protected:
  ParseContext ctx{*parse_iso_utc("2026-03-02T09:00:00Z"), find_zone("Europe/Berlin")};

  std::string canon(std::string_view field, std::string_view raw) {
    const Field* f = find_field(field);
    EXPECT_NE(f, nullptr) << field;
    auto v = parse_field(*f, raw, ctx);
    return v.value_or("<cleared>");
  }
  std::string refusal(std::string_view field, std::string_view raw) {
    try {
      parse_field(*find_field(field), raw, ctx);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::usage);
      return std::string(e.what()) + (e.hint().empty() ? "" : " | " + e.hint());
    }
    return "accepted";
  }
};

TEST_F(FieldsTest, NamesAreUniqueAndKebabIsAccepted) {
  std::set<std::string_view> names;
  for (const auto& f : opportunity_fields()) EXPECT_TRUE(names.insert(f.name).second) << f.name;
  EXPECT_EQ(find_field("offer-deadline"), find_field("offer_deadline"));
  EXPECT_EQ(find_field("stage"), nullptr);
  EXPECT_EQ(find_field("salary"), nullptr);
}

TEST_F(FieldsTest, Money) {
  EXPECT_EQ(canon("base", "120000"), "120000");
  EXPECT_EQ(canon("base", "120,000"), "120000");
  EXPECT_EQ(canon("base", "120k"), "120000");
  EXPECT_EQ(canon("base", "$120,500"), "120500");
  EXPECT_EQ(canon("base", "EUR 90 000"), "90000");
  EXPECT_EQ(canon("equity", "1.5m"), "1500000");
  EXPECT_EQ(canon("base", ""), "<cleared>");
  EXPECT_EQ(refusal("base", "-5"), "base: -5 is negative | give an amount of 0 or more");
  EXPECT_EQ(refusal("base", "lots"), "base: 'lots' is not an amount (examples: 120000, 120,000, 120k)");
}

TEST_F(FieldsTest, Bonus) {
  EXPECT_EQ(canon("bonus", "15%"), "15%");
  EXPECT_EQ(canon("bonus", "12.5 %"), "12.5%");
  EXPECT_EQ(canon("bonus", "12k"), "12000");
  EXPECT_NE(refusal("bonus", "-3%"), "accepted");
}

TEST_F(FieldsTest, Vesting) {
  EXPECT_EQ(canon("vesting", "25/25/25/25"), "25/25/25/25");
  EXPECT_EQ(canon("vesting", "10%/20%/30%/40%"), "10/20/30/40");
  EXPECT_EQ(canon("vesting", "4y"), "25/25/25/25");
  EXPECT_EQ(canon("vesting", "3y"), "33.33/33.33/33.34");
  EXPECT_EQ(refusal("vesting", "25/25/25"),
            "vesting: '25/25/25' adds up to 75%, not 100% | give the percent that vests each year, "
            "e.g. 25/25/25/25 or 10/20/30/40");
  EXPECT_NE(refusal("vesting", "a/b"), "accepted");
}

TEST_F(FieldsTest, ChoicesListWhatIsAccepted) {
  EXPECT_EQ(canon("visa", "Not_Needed"), "not-needed");
  EXPECT_EQ(canon("work_mode", "REMOTE"), "remote");
  EXPECT_EQ(refusal("visa", "maybe"), "visa: unknown value 'maybe' | accepted: not-needed, offered, uncertain or none");
}

TEST_F(FieldsTest, DatesStoreUtc) {
  EXPECT_EQ(canon("interview_at", "2026-03-04 15:30"), "2026-03-04T14:30:00Z");
  EXPECT_EQ(canon("offer_deadline", "friday"), "2026-03-06T22:59:00Z");  // a date alone: 23:59
  EXPECT_EQ(canon("invited_at", "yesterday"), "2026-02-28T23:00:00Z");
  EXPECT_NE(refusal("start_date", "soonish").find("cannot read 'soonish' as a date"), std::string::npos);
}

TEST_F(FieldsTest, FlagsCountsCurrencyUrls) {
  EXPECT_EQ(canon("relocation", "Yes"), "yes");
  EXPECT_EQ(canon("paperwork_signed", "false"), "no");
  EXPECT_EQ(canon("rounds", "3"), "3");
  EXPECT_EQ(canon("currency", "eur"), "EUR");
  EXPECT_EQ(canon("url", "https://jobs.example.com/42"), "https://jobs.example.com/42");
  EXPECT_EQ(refusal("relocation", "perhaps"), "relocation: 'perhaps' is not yes or no");
  EXPECT_EQ(refusal("rounds", "-1"), "rounds: -1 is negative | give 0 or more");
  EXPECT_EQ(refusal("rounds", "two"), "rounds: 'two' is not a whole number (0, 1, 2, …)");
  EXPECT_EQ(refusal("currency", "euro"), "currency: 'euro' is not a three-letter currency code (EUR, USD, GBP, …)");
  EXPECT_NE(refusal("url", "jobs.example.com"), "accepted");
}

TEST_F(FieldsTest, EveryFieldRoundTripsThroughAnOpportunity) {
  Opportunity o;
  for (const auto& f : opportunity_fields()) {
    std::string raw = f.type == FieldType::when       ? "2026-03-04 15:30"
                      : f.type == FieldType::choice   ? std::string(f.choices.back())
                      : f.type == FieldType::flag     ? "yes"
                      : f.type == FieldType::currency ? "usd"
                      : f.type == FieldType::vesting  ? "40/30/30"
                      : f.type == FieldType::bonus    ? "10%"
                      : f.type == FieldType::url      ? "https://example.com/x"
                      : f.type == FieldType::email    ? "a@b.example"
                      : (f.type == FieldType::money || f.type == FieldType::count) ? "7"
                                                                                   : "some text";
    auto c = parse_field(f, raw, ctx);
    ASSERT_TRUE(c) << f.name;
    f.put(o, c);
    EXPECT_EQ(f.get(o), c) << f.name;
    EXPECT_NO_THROW(check_canonical(f, *c)) << f.name;
    f.put(o, std::nullopt);
    EXPECT_FALSE(f.get(o)) << f.name;
  }
}

TEST_F(FieldsTest, CanonicalCheckRefusesTypedForms) {
  EXPECT_THROW(check_canonical(*find_field("base"), "120k"), Error);
  EXPECT_THROW(check_canonical(*find_field("offer_deadline"), "friday"), Error);
  EXPECT_NO_THROW(check_canonical(*find_field("offer_deadline"), "2026-03-06T22:59:00Z"));
}

TEST_F(FieldsTest, Display) {
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(display_field(*find_field("base"), "120000", ctx.tz), "120,000");
  EXPECT_EQ(display_field(*find_field("offer_deadline"), "2026-03-06T22:59:00Z", ctx.tz), "2026-03-06 23:59");
}

TEST_F(FieldsTest, EmailsAndUrls) {
  EXPECT_TRUE(valid_email("dana@acme.example"));
  EXPECT_FALSE(valid_email("dana@acme"));
  EXPECT_FALSE(valid_email("dana acme.com"));
  EXPECT_FALSE(valid_email("@acme.com"));
  EXPECT_TRUE(valid_url("https://www.linkedin.com/in/dana"));
  EXPECT_FALSE(valid_url("www.linkedin.com/in/dana"));
}

}  // namespace
}  // namespace kindly
