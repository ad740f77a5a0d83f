// Readable ids and "did you mean" suggestions.
#include <gtest/gtest.h>

#include "core/ids.h"
#include "core/suggest.h"

namespace kindly {
namespace {

TEST(Ids, FromCompanyAndRole) {
  EXPECT_EQ(make_id("Acme", "Data Engineer"), "acme-data-engineer");
  EXPECT_EQ(make_id("  Acme, Inc. ", "Sr. Data-Engineer (m/f/d)"), "acme-inc-sr-data-engineer-m-f-d");
  EXPECT_EQ(make_id("Café Müller", "Ölförderung"), "cafe-mueller-oelfoerderung");
  EXPECT_EQ(make_id("Straße AG", ""), "strasse-ag");
  EXPECT_EQ(make_id("株式会社", "エンジニア"), "opportunity");
}

TEST(Ids, LongNamesAreCut) {
  std::string id = make_id(std::string(100, 'a'), "b");
  EXPECT_EQ(id.size(), 60u);
}

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("list", "lst"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("ABC", "abc"), 0u);
}

TEST(Suggest, NearestFirst) {
  std::vector<std::string> names = {"add", "archive", "list", "log", "move", "show", "status"};
  EXPECT_EQ(did_you_mean("lsit", names), "did you mean 'list'?");
  EXPECT_EQ(did_you_mean("zzzzzz", names), "");
  auto near = nearest("acme-dat", {"acme-data-engineer", "globex-lead", "acme-design"});
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near.front(), "acme-data-engineer");
}

}  // namespace
}  // namespace kindly
