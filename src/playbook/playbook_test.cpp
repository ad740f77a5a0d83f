// The playbook files: the built-in ones load, overrides replace them, broken ones are reported.
#include "playbook/playbook.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kindly::playbook {
namespace {

namespace fs = std::filesystem;

class PlaybookTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("kindly-playbook-" + std::to_string(::getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  }
};

TEST_F(PlaybookTest, BuiltInHoldsThePlaybook) {
  const Playbook& p = builtin();
  EXPECT_EQ(p.offer_checklist.items.size(), 8u);
  EXPECT_EQ(p.offer_checklist.threshold, 3);
  EXPECT_EQ(p.quick_filter.items.size(), 5u);
  EXPECT_EQ(p.reflection.items.size(), 7u);
  EXPECT_EQ(p.clear.size(), 5u);
  EXPECT_EQ(p.five_areas.size(), 5u);
  EXPECT_EQ(p.false_alarms.size(), 4u);
  EXPECT_EQ(p.reasons.size(), 15u);  // fourteen reasons and "none"
  EXPECT_EQ(p.stages.size(), 6u);
  EXPECT_EQ(p.mobility_factors.size(), 10u);
  EXPECT_EQ(p.timing.window("decision_window_min"), 48);
  EXPECT_EQ(p.timing.window("decision_window_max"), 72);
  EXPECT_EQ(p.timing.warning("deadline_close"), 48);
  ASSERT_NE(p.concern("culture"), nullptr);
  EXPECT_EQ(p.concern("culture")->kind, "structural");
  EXPECT_EQ(p.concern("salary")->kind, "fixable");
  EXPECT_FALSE(p.reason("culture-manager")->state);
  EXPECT_EQ(p.stage("accepted")->no, "rescind");
}

TEST_F(PlaybookTest, EveryBuiltInFileChecksClean) {
  for (const auto& f : files("", nullptr)) {
    EXPECT_TRUE(check_text(f.name, f.text, f.name + ".toml").empty()) << f.name;
  }
}

TEST_F(PlaybookTest, ValidOverrideReplacesTheBuiltInFile) {
  write("offer_checklist.toml", R"(threshold = 2
[[item]]
id = "pay"
question = "Is the pay enough?"
concern = "salary"
[[item]]
id = "team"
question = "Do you like the team?"
concern = "team"
)");
  std::vector<Diagnostic> notices;
  Playbook p = load(dir.string(), &notices);
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(p.offer_checklist.threshold, 2);
  EXPECT_EQ(p.offer_checklist.items.size(), 2u);
  auto fs_ = files(dir.string(), nullptr);
  auto it = std::find_if(fs_.begin(), fs_.end(), [](const FileInfo& f) { return f.name == "offer_checklist"; });
  EXPECT_EQ(it->origin, (dir / "offer_checklist.toml").string());
}

TEST_F(PlaybookTest, BrokenOverrideIsReportedAndTheBuiltInUsed) {
  write("quick_filter.toml", "[[item]]\nid = \"x\"\nquestoin = \"typo\"\n");
  std::vector<Diagnostic> notices;
  Playbook p = load(dir.string(), &notices);
  EXPECT_EQ(p.quick_filter.items.size(), 5u);
  ASSERT_GE(notices.size(), 2u);
  std::string all;
  for (const auto& n : notices) all += n.to_string() + "\n";
  EXPECT_NE(all.find("quick_filter.toml:3: item[0]: unknown key 'questoin' (did you mean 'question'?)"), std::string::npos) << all;
  EXPECT_NE(all.find("quick_filter.toml:1: item[0]: missing key 'question'"), std::string::npos) << all;
  EXPECT_NE(all.find("using the built-in quick_filter.toml instead"), std::string::npos) << all;
}

TEST_F(PlaybookTest, CheckReportsLinesForSyntaxTypesAndReferences) {
  auto lines = [](const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += d.to_string() + "\n";
    return s;
  };
  EXPECT_EQ(lines(check_text("offer_checklist", "threshold = \n", "f.toml")).substr(0, 8), "f.toml:1");
  EXPECT_EQ(lines(check_text("offer_checklist", "threshold = \"three\"\n[[item]]\nid=\"a\"\nquestion=\"q\"\n", "f.toml")),
            "f.toml:1: threshold: expected a whole number\n");
  EXPECT_EQ(lines(check_text("offer_checklist", "threshold = 4\n[[item]]\nid=\"a\"\nquestion=\"q\"\n", "f.toml")),
            "f.toml:1: threshold: 4 must be between 1 and the number of items (1)\n");
  EXPECT_EQ(lines(check_text("offer_checklist", "threshold = 1\n[[item]]\nid=\"a\"\nquestion=\"q\"\nconcern=\"culturee\"\n", "f.toml")),
            "f.toml:2: item[0]: concern 'culturee' is not in concerns.toml (did you mean 'culture'?)\n");
  EXPECT_EQ(lines(check_text("concerns", "[[concern]]\nid=\"a\"\nkind=\"maybe\"\nlabel=\"A\"\n", "c.toml")),
            "c.toml:1: concern[0]: kind 'maybe' must be fixable or structural\n");
  EXPECT_EQ(lines(check_text("reasons", "[[reason]]\ncode=\"a\"\nlabel=\"A\"\nsay=\"\"\nstate=true\n[[reason]]\ncode=\"a\"\nlabel=\"B\"\nsay=\"\"\nstate=true\n", "r.toml")),
            "r.toml:6: reason[1]: duplicate code 'a'\n");
  EXPECT_NE(lines(check_text("nonsense", "", "n.toml")).find("is not a playbook file"), std::string::npos);
  auto timing = lines(check_text("timing", "[windows]\noutright_no_max = -1\n[warnings]\n", "t.toml"));
  EXPECT_NE(timing.find("t.toml:2: windows.outright_no_max: must be 0 or more"), std::string::npos) << timing;
  EXPECT_NE(timing.find("windows: missing 'rescind_max'"), std::string::npos) << timing;
}

}  // namespace
}  // namespace kindly::playbook
