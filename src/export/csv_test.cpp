// Tests of the CSV reader (line numbers, quoting, CRLF, BOM, errors) and writer.
#include "export/csv.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

namespace kindly {
namespace {

using Fields = std::vector<std::string>;

std::vector<std::size_t> lines_of(const CsvTable& t) {
  std::vector<std::size_t> out;
  for (const auto& r : t.records) out.push_back(r.line);
  return out;
}

TEST(CsvRead, SimpleRecordsAndTheirLines) {
  auto t = read_csv("a,b,c\n1,2,3\n4,5,6\n");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(t.records[2].fields, (Fields{"4", "5", "6"}));
  EXPECT_EQ(lines_of(t), (std::vector<std::size_t>{1, 2, 3}));
}

TEST(CsvRead, QuotedFieldsWithCommasAndDoubledQuotes) {
  auto t = read_csv("name,quote\n\"Acme, Inc.\",\"she said \"\"hi\"\"\"\n");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields, (Fields{"Acme, Inc.", "she said \"hi\""}));
}

TEST(CsvRead, EmbeddedNewlinesKeepLineNumbersRight) {
  auto t = read_csv("h1,h2\n\"two\nlines\",x\n\"three\n\nlines\",y\nlast,z\n");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].fields, (Fields{"two\nlines", "x"}));
  EXPECT_EQ(t.records[2].fields, (Fields{"three\n\nlines", "y"}));
  EXPECT_EQ(lines_of(t), (std::vector<std::size_t>{1, 2, 4, 7}));
}

TEST(CsvRead, CrlfLineEnds) {
  auto t = read_csv("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(t.records[1].fields, (Fields{"x\r\ny", "2"}));
  EXPECT_EQ(t.records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(lines_of(t), (std::vector<std::size_t>{1, 2, 4}));
}

TEST(CsvRead, MixedLineEndsAsPapaParseChunksWriteThem) {
  auto t = read_csv("a,b\r\n1,2\n3,4\r\n");
  ASSERT_FALSE(t.error);
  EXPECT_EQ(lines_of(t), (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(t.records[2].fields, (Fields{"3", "4"}));
}

TEST(CsvRead, ByteOrderMarkIsSkipped) {
  auto t = read_csv(
      "\xEF\xBB\xBF"
      "company,role\nAcme,Engineer\n");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields[0], "company");
  EXPECT_EQ(t.records[0].line, 1u);
}

TEST(CsvRead, BlankLinesAreSkippedButCounted) {
  auto t = read_csv("a\n\n\nb\n\r\nc");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(lines_of(t), (std::vector<std::size_t>{1, 4, 6}));
  EXPECT_EQ(t.records[2].fields, (Fields{"c"}));
}

TEST(CsvRead, SpacesArePartOfFields) {
  auto t = read_csv(" a , b \n");
  ASSERT_FALSE(t.error);
  EXPECT_EQ(t.records[0].fields, (Fields{" a ", " b "}));
}

TEST(CsvRead, EmptyFieldsAndTrailingComma) {
  auto t = read_csv(",,\nx,\"\",\n");
  ASSERT_FALSE(t.error);
  EXPECT_EQ(t.records[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(t.records[1].fields, (Fields{"x", "", ""}));
}

TEST(CsvRead, LastRecordWithoutNewline) {
  auto t = read_csv("a,b\n1,\"2\"");
  ASSERT_FALSE(t.error);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(t.records[1].line, 2u);
}

TEST(CsvRead, EmptyTextHasNoRecords) {
  auto t = read_csv("");
  EXPECT_FALSE(t.error);
  EXPECT_TRUE(t.records.empty());
  EXPECT_TRUE(read_csv("\xEF\xBB\xBF").records.empty());
}

TEST(CsvRead, QuoteInsideUnquotedFieldIsAnErrorOnItsLine) {
  auto t = read_csv("a,b\n1,2\nsay \"hi\",3\n4,5\n");
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->line, 3u);
  EXPECT_NE(t.error->message.find("quote inside a field"), std::string::npos);
  EXPECT_EQ(t.records.size(), 2u);  // what came before
}

TEST(CsvRead, TextAfterClosingQuoteIsAnError) {
  auto t = read_csv("a,b\n\"multi\nline\"x,2\n");
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->line, 3u);
  EXPECT_NE(t.error->message.find("after the closing quote"), std::string::npos);
}

TEST(CsvRead, UnclosedQuoteIsReportedWhereTheRecordStarts) {
  auto t = read_csv("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->line, 3u);
  EXPECT_NE(t.error->message.find("never closed"), std::string::npos);
}

TEST(CsvRead, StreamingReusesTheRecordAndStopsOnException) {
  std::size_t seen = 0;
  EXPECT_THROW(read_csv("a\nb\nc\n",
                        [&](const CsvRecord& r) {
                          ++seen;
                          if (r.fields[0] == "b") throw std::runtime_error("stop");
                        }),
               std::runtime_error);
  EXPECT_EQ(seen, 2u);
}

TEST(CsvRead, RecordsOfDifferentWidthsAreReportedAsTheyAre) {
  auto t = read_csv("a,b,c\n1\n1,2,3,4\n");
  ASSERT_FALSE(t.error);
  EXPECT_EQ(t.records[1].fields.size(), 1u);
  EXPECT_EQ(t.records[2].fields.size(), 4u);
}

TEST(CsvWrite, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field(" spaced "), " spaced ");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST(CsvWrite, RecordsEndWithLf) {
  std::string out;
  append_csv_record(out, Fields{"id", "notes"});
  append_csv_record(out, Fields{"acme", "a, \"b\"\nc"});
  EXPECT_EQ(out, "id,notes\nacme,\"a, \"\"b\"\"\nc\"\n");
}

TEST(CsvWrite, WhatIsWrittenReadsBackTheSame) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab ,\"\r\n\xC3\xA4x";
  std::vector<Fields> rows;
  for (int r = 0; r < 200; ++r) {
    Fields row;
    for (int f = 0; f < 5; ++f) {
      std::string s;
      auto len = rng() % 8;
      for (unsigned i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
      row.push_back(s);
    }
    row[0] = "r" + std::to_string(r);  // no blank records
    rows.push_back(row);
  }
  std::string out;
  for (const auto& row : rows) append_csv_record(out, row);
  auto t = read_csv(out);
  ASSERT_FALSE(t.error) << t.error->message;
  ASSERT_EQ(t.records.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(t.records[i].fields, rows[i]) << i;
}

}  // namespace
}  // namespace kindly
