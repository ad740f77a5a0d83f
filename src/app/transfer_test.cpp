// Tests of export and import: round trips, kindly CSV, Huntr and JobSync files, problems, dry runs.
#include "app/transfer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/tracker.h"
#include "core/error.h"
#include "core/fields.h"
#include "export/csv.h"
#include "store/sqlite_store.h"

namespace kindly {
namespace {

namespace fs = std::filesystem;

Instant at(const char* iso) { return *parse_iso_utc(iso); }

// A fresh database in a temporary folder, with a fixed clock in Europe/Berlin.
class TransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("kindly-transfer-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  struct Db {
    std::unique_ptr<Store> store;
    FixedClock clock{at("2026-03-02T09:00:00Z")};
    std::optional<Context> ctx;
  };

  Context& open(const std::string& name) {
    auto db = std::make_unique<Db>();
    db->store = open_sqlite_store((m_dir / name).string());
    db->ctx.emplace(Context{*db->store, db->clock, find_zone("Europe/Berlin")});
    m_dbs.push_back(std::move(db));
    return *m_dbs.back()->ctx;
  }

  std::string write(const std::string& name, const std::string& text) {
    auto path = (m_dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  static std::string fixture(const std::string& name) {
    const char* src = std::getenv("KINDLY_SOURCE_DIR");
    return (fs::path(src ? src : ".") / "tests" / "fixtures" / name).string();
  }

  ImportReport import(Context& ctx, const std::string& path, const std::string& format = {},
                      std::vector<std::string> stage_map = {}, bool dry_run = false) {
    return import_file(ctx, ImportRequest{path, format, dry_run, std::move(stage_map)});
  }

  // Fills a database through the use cases, with a value for every kind of field.
  void populate(Context& ctx) {
    add_opportunity(ctx, {"Café Müller GmbH",
                          "Head of Data",
                          "offer",
                          {{"offer_deadline", "friday 17:00"},
                           {"base", "95k"},
                           {"currency", "eur"},
                           {"bonus", "10%"},
                           {"vesting", "4y"},
                           {"visa", "offered"},
                           {"relocation", "yes"},
                           {"rounds", "3"},
                           {"url", "https://cafe.example/jobs/1"},
                           {"notes", "first line, with a comma\nsecond \"quoted\" line"}}});
    add_opportunity(ctx, {"Acme", "Data Engineer", "", {}});
    add_opportunity(
        ctx, {"Acme", "Data Engineer", "interviewing", {{"interview_at", "tomorrow 10:00"}}});
    add_contact(ctx, "acme-data-engineer",
                {"Dana Smith", "recruiter", "dana@acme.example", "", "", true, "agency"});
    add_contact(ctx, "cafe",
                {"Lee Park", "hiring-manager", "", "+49 30 1234567",
                 "https://www.linkedin.com/in/lee-park", false, ""});
    add_note(ctx, "cafe", "called about the deadline");
    move_opportunity(ctx, "acme-data-engineer-2", "offer");
    set_profile(ctx, {{"name", "Sam Lee"},
                      {"timezone", "Europe/Berlin"},
                      {"non_negotiables", "remote or hybrid; visa"},
                      {"weights", "compensation:0.3,role:0.25"}});
    remove_opportunity(ctx, "acme-data-engineer");  // a log line whose opportunity is gone
  }

 private:
  fs::path m_dir;
  std::vector<std::unique_ptr<Db>> m_dbs;
};

std::string all_problems(const ImportReport& r) {
  std::string out;
  for (const auto& p : r.problems) out += std::to_string(p.line) + ": " + p.text + "\n";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export and round trips.

TEST_F(TransferTest, JsonExportHasTheDocumentedShape) {
  Context& ctx = open("a.db");
  populate(ctx);
  auto j = Json::parse(export_json(ctx));
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"kindly_export", "profile", "opportunities", "contacts",
                                            "log", "assessments", "scores", "messages"}));
  EXPECT_EQ(j["kindly_export"], 1);
  ASSERT_EQ(j["opportunities"].size(), 2u);
  EXPECT_EQ(j["opportunities"][0]["id"], "acme-data-engineer-2");  // sorted by id
  EXPECT_EQ(j["opportunities"][1]["id"], "cafe-mueller-gmbh-head-of-data");
  EXPECT_EQ(j["profile"]["name"], "Sam Lee");
  EXPECT_GE(j["log"].size(), 5u);
}

TEST_F(TransferTest, JsonRoundTripIsByteIdenticalAndAddsNoLogLines) {
  Context& a = open("a.db");
  populate(a);
  std::string first = export_json(a);
  Context& b = open("b.db");
  auto report = import(b, write("export.json", first));
  ASSERT_TRUE(report.ok()) << all_problems(report);
  EXPECT_EQ(report.format, ImportFormat::json);
  EXPECT_EQ(report.imported, 2u);
  EXPECT_EQ(report.contacts, 1u);  // Dana went with her opportunity
  EXPECT_TRUE(report.profile);
  EXPECT_EQ(export_json(b), first);
}

TEST_F(TransferTest, JsonRoundTripKeepsContactIds) {
  Context& a = open("a.db");
  add_opportunity(a, {"Acme", "Engineer", "", {}});
  add_opportunity(a, {"Globex", "Lead", "", {}});
  add_contact(a, "acme", {"Dana", "recruiter", "", "", "", false, ""});
  add_contact(a, "acme", {"Lee", "hr", "lee@acme.example", "+49 30 1234567", "", false, "x"});
  add_contact(a, "globex", {"Kim", "hiring-manager", "", "", "", false, ""});  // id 3
  remove_opportunity(a, "acme");
  std::string first = export_json(a);
  Context& b = open("b.db");
  auto report = import(b, write("e.json", first));
  ASSERT_TRUE(report.ok()) << all_problems(report);
  EXPECT_EQ(report.contacts, 1u);
  auto contacts = b.store.contacts("");
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].id, 3);  // not renumbered
  EXPECT_EQ(export_json(b), first);
}

TEST_F(TransferTest, JsonImportNeedsAnEmptyDatabase) {
  Context& a = open("a.db");
  populate(a);
  std::string path = write("e.json", export_json(a));
  try {
    import(a, path);
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_NE(std::string(e.what()).find("not empty"), std::string::npos);
    EXPECT_NE(e.hint().find("--db"), std::string::npos);
  }
}

TEST_F(TransferTest, CsvExportHeaderAndValues) {
  Context& ctx = open("a.db");
  populate(ctx);
  auto table = read_csv(export_csv(ctx));
  ASSERT_FALSE(table.error);
  std::vector<std::string> header = {"id", "stage"};
  for (const auto& f : opportunity_fields()) header.emplace_back(f.name);
  header.emplace_back("created_at");
  header.emplace_back("updated_at");
  ASSERT_EQ(table.records.size(), 3u);
  EXPECT_EQ(table.records[0].fields, header);
  const auto& cafe = table.records[2].fields;
  auto col = [&](const std::string& name) {
    return cafe[static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                         header.begin())];
  };
  EXPECT_EQ(col("id"), "cafe-mueller-gmbh-head-of-data");
  EXPECT_EQ(col("base"), "95000");
  EXPECT_EQ(col("offer_deadline"), "2026-03-06T16:00:00Z");
  EXPECT_EQ(col("vesting"), "25/25/25/25");
  EXPECT_EQ(col("relocation"), "yes");
  EXPECT_EQ(col("notes"), "first line, with a comma\nsecond \"quoted\" line");
  EXPECT_EQ(col("source"), "");
}

TEST_F(TransferTest, CsvRoundTripIsByteIdentical) {
  Context& a = open("a.db");
  populate(a);
  std::string first = export_csv(a);
  Context& b = open("b.db");
  auto report = import(b, write("export.csv", first));
  ASSERT_TRUE(report.ok()) << all_problems(report);
  EXPECT_EQ(report.imported, 2u);
  EXPECT_EQ(export_csv(b), first);
  // One import line in the log per opportunity.
  auto log = b.store.log("", 0);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].kind, "import");
  EXPECT_NE(log[0].text.find("export.csv, line 2"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// kindly's CSV.

TEST_F(TransferTest, CsvTakesAnySubsetOfColumnsInAnyOrderAndTypedValues) {
  Context& ctx = open("a.db");
  auto r = import(ctx, write("in.csv",
                             "Role,base,Company,offer-deadline,stage,vesting\n"
                             "Data Engineer,120k,Acme,friday,offer,4y\n"
                             "Analyst,\"130,000\",Globex,,,\n"));
  ASSERT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.imported, 2u);
  auto acme = ctx.store.find("acme-data-engineer");
  ASSERT_TRUE(acme);
  EXPECT_EQ(acme->base, 120000);
  EXPECT_EQ(acme->stage, Stage::offer);
  EXPECT_EQ(acme->offer_deadline, at("2026-03-06T22:59:00Z"));  // end of friday in Berlin
  EXPECT_EQ(acme->vesting, "25/25/25/25");
  EXPECT_EQ(acme->created_at, at("2026-03-02T09:00:00Z"));
  auto globex = ctx.store.find("globex-analyst");
  ASSERT_TRUE(globex);
  EXPECT_EQ(globex->base, 130000);
  EXPECT_EQ(globex->stage, Stage::invited);
}

TEST_F(TransferTest, CsvIdsAreMadeUniqueLikeAdd) {
  Context& ctx = open("a.db");
  add_opportunity(ctx, {"Acme", "Engineer", "", {}});
  auto r = import(ctx, write("in.csv",
                             "company,role,id\n"
                             "Acme,Engineer,\n"
                             "Acme,Engineer,\n"
                             "Initech,,acme-engineer\n"
                             "Hooli,,hooli-special\n"));
  ASSERT_TRUE(r.ok()) << all_problems(r);
  EXPECT_TRUE(ctx.store.id_exists("acme-engineer-2"));
  EXPECT_TRUE(ctx.store.id_exists("acme-engineer-3"));
  EXPECT_EQ(ctx.store.find("acme-engineer-4")->company, "Initech");
  EXPECT_TRUE(ctx.store.id_exists("hooli-special"));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].line, 4u);
  EXPECT_EQ(r.notes[0].text, "id 'acme-engineer' is taken; imported as 'acme-engineer-4'");
}

TEST_F(TransferTest, CsvHeaderProblems) {
  Context& ctx = open("a.db");
  auto r = import(ctx, write("in.csv", "compny,role,bse\nAcme,Engineer,1\n"));
  ASSERT_EQ(r.problems.size(), 2u) << all_problems(r);
  EXPECT_EQ(r.problems[0].line, 1u);
  EXPECT_EQ(r.problems[0].text, "unknown column 'compny' (did you mean 'company'?)");
  EXPECT_NE(r.problems[1].text.find("'bse'"), std::string::npos);
  r = import(ctx, write("in2.csv", "role,base\nEngineer,1\n"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].text.find("no 'company' column"), std::string::npos);
  r = import(ctx, write("in3.csv", "company,company\nA,B\n"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].text, "column 'company' appears twice");
}

TEST_F(TransferTest, EveryBadRowIsReportedWithItsLineAndNothingIsWritten) {
  Context& ctx = open("a.db");
  add_opportunity(ctx, {"Existing", "", "", {}});
  auto before_log = ctx.store.log("", 0).size();
  auto r = import(ctx, write("in.csv",
                             "company,base,notes,stage,offer_deadline\n"
                             "Good,100k,fine,offer,\n"
                             "Bad Base,lots,\"a note\nover two lines\",,\n"
                             "\n"
                             ",1,,,\n"
                             "Bad Stage,1,,hired,someday\n"
                             "Short row\n"
                             "Also Good,2,,,\n"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.imported, 0u);
  ASSERT_EQ(r.problems.size(), 5u) << all_problems(r);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_EQ(r.problems[0].text, "base: 'lots' is not an amount (examples: 120000, 120,000, 120k)");
  EXPECT_EQ(r.problems[1].line, 6u);
  EXPECT_EQ(r.problems[1].text, "company: cannot be empty (give the employer)");
  EXPECT_EQ(r.problems[2].line, 7u);
  EXPECT_NE(r.problems[2].text.find("stage: unknown stage 'hired'"), std::string::npos);
  EXPECT_NE(r.problems[2].text.find("--stage-map \"hired=STAGE\""), std::string::npos);
  EXPECT_EQ(r.problems[3].line, 7u);
  EXPECT_NE(r.problems[3].text.find("offer_deadline: cannot read 'someday'"), std::string::npos);
  EXPECT_EQ(r.problems[4].line, 8u);
  EXPECT_EQ(r.problems[4].text,
            "1 field, but the header has 5 columns (a value with a comma or a line break needs "
            "double quotes)");
  EXPECT_EQ(ctx.store.count({Scope::all, std::nullopt}), 1u);
  EXPECT_EQ(ctx.store.log("", 0).size(), before_log);
}

TEST_F(TransferTest, MalformedCsvIsAProblemWithItsLine) {
  Context& ctx = open("a.db");
  auto r = import(ctx, write("in.csv", "company,notes\nAcme,ok\nGlobex,say \"hi\"\n"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_NE(r.problems[0].text.find("quote"), std::string::npos);
  EXPECT_EQ(ctx.store.count({Scope::all, std::nullopt}), 0u);
}

TEST_F(TransferTest, DryRunWritesNothing) {
  Context& ctx = open("a.db");
  auto r = import(ctx, write("in.csv", "company\nAcme\nGlobex\n"), "", {}, true);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.dry_run);
  EXPECT_EQ(r.imported, 2u);
  EXPECT_TRUE(ctx.store.empty());
}

TEST_F(TransferTest, ProgressReachesTheTotal) {
  Context& ctx = open("a.db");
  std::string csv = "company\n";
  for (int i = 0; i < 50; ++i) csv += "Company " + std::to_string(i) + "\n";
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  auto r =
      import_file(ctx, {write("in.csv", csv), "", false, {}},
                  [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), (std::pair<std::size_t, std::size_t>{50, 50}));
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));
}

// ---------------------------------------------------------------------------------------------
// Huntr.

TEST_F(TransferTest, HuntrBoardExport) {
  Context& ctx = open("a.db");
  auto r = import(ctx, fixture("huntr_board.csv"));
  ASSERT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.format, ImportFormat::huntr);
  EXPECT_EQ(r.rows, 5u);
  EXPECT_EQ(r.imported, 4u);
  EXPECT_EQ(r.skipped, 1u);  // the wishlist

  auto initech = ctx.store.find("initech-data-engineer");
  ASSERT_TRUE(initech);
  EXPECT_EQ(initech->stage, Stage::interviewing);  // applied
  EXPECT_FALSE(initech->base);                     // a range
  EXPECT_NE(initech->notes.find("salary: $120,000 - $140,000"), std::string::npos);
  EXPECT_NE(initech->notes.find("description: About the role You will own our streaming "
                                "pipelines & work with \"real-time\" data."),
            std::string::npos);
  EXPECT_EQ(initech->created_at, at("2026-01-20T14:02:11Z"));
  EXPECT_EQ(initech->updated_at, at("2026-02-01T10:00:00Z"));

  auto globex = ctx.store.find("globex-inc-platform-lead");
  ASSERT_TRUE(globex);
  EXPECT_EQ(globex->company, "Globex, Inc.");
  EXPECT_EQ(globex->base, 150000);
  EXPECT_EQ(globex->currency, "USD");
  EXPECT_EQ(globex->url, "https://globex.com/careers/platform-lead");
  EXPECT_FALSE(globex->offer_deadline);  // not an offer: the deadline is a note
  EXPECT_NE(globex->notes.find("deadline: 2026-03-13"), std::string::npos);

  auto umbrella = ctx.store.find("umbrella-gmbh-head-of-data");
  ASSERT_TRUE(umbrella);
  EXPECT_EQ(umbrella->stage, Stage::offer);
  EXPECT_EQ(umbrella->base, 85000);
  EXPECT_EQ(umbrella->currency, "EUR");
  EXPECT_EQ(umbrella->offer_deadline, at("2026-03-06T16:00:00Z"));
  EXPECT_EQ(ctx.store.find("hooli-analytics-engineer")->stage, Stage::rejected);
  EXPECT_TRUE(ctx.store.find("hooli-analytics-engineer")->url.empty());  // "-"

  std::vector<std::size_t> note_lines;
  for (const auto& n : r.notes) note_lines.push_back(n.line);
  EXPECT_EQ(note_lines, (std::vector<std::size_t>{2, 3, 3, 6, 6}));
  EXPECT_NE(r.notes[0].text.find("skipped: listName 'Wishlist'"), std::string::npos);
}

TEST_F(TransferTest, HuntrBadRowsAreAllReported) {
  Context& ctx = open("a.db");
  auto r = import(ctx, fixture("huntr_board_bad.csv"));
  ASSERT_EQ(r.problems.size(), 4u) << all_problems(r);
  EXPECT_EQ(r.problems[0].line, 2u);
  EXPECT_NE(r.problems[0].text.find("listName 'Follow-up' is not a stage kindly knows"),
            std::string::npos);
  EXPECT_EQ(r.problems[1].line, 3u);
  EXPECT_EQ(r.problems[1].text, "companyName is empty: every job needs a company");
  EXPECT_EQ(r.problems[2].line, 4u);
  EXPECT_EQ(r.problems[3].line, 7u);  // after a description over two lines
  EXPECT_TRUE(ctx.store.empty());
}

TEST_F(TransferTest, StageMapResolvesUnknownStatusesAndSkips) {
  Context& ctx = open("a.db");
  std::string header =
      "id,createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,color,"
      "lastMovedAt,boardId,boardName,listId,listName,companyId,companyName,companyDomain,"
      "creatorUserId,creatorUserFirstName,creatorUserLastName,creatorUserEmail\n";
  auto row = [](const std::string& list, const std::string& company) {
    return "1,-,Engineer,-,-,-,-,-,-,-,-,b,Board,l," + list + ",c," + company + ",-,u,A,B,a@b.c\n";
  };
  std::string path = write("board.csv", header + row("Follow-up", "Acme") + row("Saved", "Globex") +
                                            row("Wishlist", "Hooli"));
  auto r = import(ctx, path, "huntr", {"follow-UP=offer", "Saved=skip", "wishlist=invited"});
  ASSERT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.imported, 2u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(ctx.store.find("acme-engineer")->stage, Stage::offer);
  EXPECT_EQ(ctx.store.find("hooli-engineer")->stage, Stage::invited);
  EXPECT_THROW(import(ctx, path, "huntr", {"Follow-up"}), Error);
  EXPECT_THROW(import(ctx, path, "huntr", {"Follow-up=hired"}), Error);
}

TEST_F(TransferTest, LongHtmlDescriptionsAreCut) {
  Context& ctx = open("a.db");
  std::string words;
  for (int i = 0; i < 200; ++i) words += "<span>word" + std::to_string(i) + "</span> ";
  std::string path = write(
      "board.csv", "companyName,title,listName,htmlDescription\nAcme,Engineer,Interview,\"<div>" +
                       words + "</div>\"\n");
  auto r = import(ctx, path, "huntr");
  ASSERT_TRUE(r.ok()) << all_problems(r);
  auto o = ctx.store.find("acme-engineer");
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->notes.starts_with("description: word0 word1 word2"));
  EXPECT_TRUE(o->notes.ends_with("…"));
  EXPECT_LE(o->notes.size(), std::string("description: ").size() + 300 + 3);
}

TEST_F(TransferTest, HuntrTimesEntitiesAndCurrencies) {
  Context& ctx = open("a.db");
  std::string path =
      write("board.csv",
            "companyName,title,listName,createdAt,lastMovedAt,salary,htmlDescription\n"
            "Acme,One,Offer,1767225600000,-,GBP 70000,<p>R&amp;D &lt;team&gt; &#65;&nbsp;&ndash; "
            "ok</p>\n"
            "Beta,Two,Offer,1767225600,not a date,90000 eur,-\n"
            "Gamma,Three,Offer,yesterday,-,£55k,-\n");
  auto r = import(ctx, path, "huntr");
  ASSERT_TRUE(r.ok()) << all_problems(r);
  auto acme = ctx.store.find("acme-one");
  ASSERT_TRUE(acme);
  EXPECT_EQ(acme->created_at, at("2026-01-01T00:00:00Z"));  // epoch milliseconds
  EXPECT_EQ(acme->base, 70000);
  EXPECT_EQ(acme->currency, "GBP");
  EXPECT_EQ(acme->notes, "description: R&D <team> A – ok");
  auto beta = ctx.store.find("beta-two");
  EXPECT_EQ(beta->created_at, at("2026-01-01T00:00:00Z"));  // epoch seconds
  EXPECT_EQ(beta->base, 90000);                             // a trailing code is the currency
  EXPECT_EQ(beta->currency, "EUR");
  EXPECT_TRUE(beta->notes.empty());
  auto gamma = ctx.store.find("gamma-three");
  EXPECT_EQ(gamma->created_at, at("2026-02-28T23:00:00Z"));  // yesterday in Berlin
  EXPECT_EQ(gamma->base, 55000);
  EXPECT_EQ(gamma->currency, "GBP");
}

// ---------------------------------------------------------------------------------------------
// JobSync.

TEST_F(TransferTest, JobSyncExportWithBomAndCrlf) {
  Context& ctx = open("a.db");
  auto r = import(ctx, fixture("jobsync.csv"));
  ASSERT_TRUE(r.ok()) << all_problems(r);
  EXPECT_EQ(r.format, ImportFormat::jobsync);
  EXPECT_EQ(r.imported, 5u);
  EXPECT_EQ(r.skipped, 1u);  // the draft
  auto initech = ctx.store.find("initech-senior-analyst");
  ASSERT_TRUE(initech);
  EXPECT_EQ(initech->stage, Stage::interviewing);
  EXPECT_EQ(initech->source, Source::referral);
  EXPECT_EQ(initech->work_mode, WorkMode::remote);
  EXPECT_EQ(initech->location, "Remote, EU");
  EXPECT_EQ(initech->notes, "job type: Full Time\napplied: 2026-01-16");
  EXPECT_EQ(initech->created_at, at("2026-01-14T23:00:00Z"));  // a Berlin date
  auto globex = ctx.store.find("globex-platform-engineer");
  EXPECT_EQ(globex->source, Source::recruiter);
  EXPECT_EQ(globex->work_mode, WorkMode::onsite);
  auto umbrella = ctx.store.find("umbrella-staff-engineer-data");
  ASSERT_TRUE(umbrella);
  EXPECT_EQ(umbrella->role, "Staff Engineer \"Data\"");
  EXPECT_EQ(umbrella->stage, Stage::offer);
  EXPECT_FALSE(umbrella->source);
  EXPECT_NE(umbrella->notes.find("source: Company Career Page"), std::string::npos);
  auto hooli = ctx.store.find("hooli-engineer-ii");
  EXPECT_EQ(hooli->stage, Stage::ghosted);  // expired
  EXPECT_FALSE(hooli->work_mode);
  EXPECT_EQ(ctx.store.find("vandelay-importer-exporter")->stage, Stage::rejected);
}

TEST_F(TransferTest, JobSyncUnknownWorkplaceTypeAndStatus) {
  Context& ctx = open("a.db");
  auto r = import(
      ctx, write("jobs.csv",
                 "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,"
                 "workplaceType,Location,JobSource,Status\r\n"
                 "1,2026-01-08,No,N/A,Acme,Engineer,Full Time,Flexible,N/A,N/A,Interview\r\n"
                 "2,2026-01-08,No,N/A,Hooli,Engineer,Full Time,Remote,N/A,N/A,Phone call\r\n"));
  ASSERT_EQ(r.problems.size(), 2u) << all_problems(r);
  EXPECT_EQ(r.problems[0].line, 2u);
  EXPECT_EQ(r.problems[0].text, "workplaceType 'Flexible' is not Remote, Hybrid or On-site");
  EXPECT_EQ(r.problems[1].line, 3u);
  EXPECT_NE(r.problems[1].text.find("Status 'Phone call' is not a stage kindly knows"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// JSON problems and detection.

TEST_F(TransferTest, JsonProblemsPointAtTheirLines) {
  Context& a = open("a.db");
  add_opportunity(a, {"Acme", "Engineer", "", {}});
  add_opportunity(a, {"Globex", "Lead", "", {}});
  auto j = Json::parse(export_json(a));
  j["opportunities"][1]["base"] = "lots";
  j["opportunities"][0]["colour"] = "red";
  j["contacts"].push_back({{"id", 1}, {"opportunity_id", "nobody"}, {"name", "X"}, {"role", "hr"}});
  std::string text = j.dump(2);
  Context& b = open("b.db");
  auto r = import(b, write("e.json", text));
  ASSERT_EQ(r.problems.size(), 3u) << all_problems(r);
  auto line_of = [&](const std::string& needle) {
    auto pos = text.find(needle);
    return static_cast<std::size_t>(
               std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n')) +
           1;
  };
  EXPECT_EQ(r.problems[0].line, line_of("\"colour\""));
  EXPECT_EQ(r.problems[0].text, "opportunities[0]: unknown field 'colour'");
  EXPECT_EQ(r.problems[1].line, line_of("\"base\": \"lots\""));
  EXPECT_EQ(r.problems[1].text, "opportunities[1].base: expected a whole number");
  EXPECT_EQ(r.problems[2].line, line_of("\"opportunity_id\": \"nobody\""));
  EXPECT_TRUE(b.store.empty());
}

TEST_F(TransferTest, InvalidJsonIsAProblemWithItsLine) {
  Context& ctx = open("a.db");
  auto r = import(ctx, write("e.json", "{\n  \"kindly_export\": 1,\n  \"log\": [\n}\n"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 4u);
  EXPECT_TRUE(r.problems[0].text.starts_with("not valid JSON: ")) << r.problems[0].text;
  r = import(ctx, write("other.json", "{\"jobs\": []}"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_TRUE(r.problems[0].text.starts_with("not a kindly export")) << r.problems[0].text;
}

TEST_F(TransferTest, FormatDetectionAndNames) {
  EXPECT_EQ(detect_import_format("x.JSON", "company\n"), ImportFormat::json);
  EXPECT_EQ(detect_import_format("x.txt", " \n{\"kindly_export\": 1}"), ImportFormat::json);
  EXPECT_EQ(detect_import_format("x.csv", "\xEF\xBB\xBFindex,Company,JobTitle,Status\r\n"),
            ImportFormat::jobsync);
  EXPECT_EQ(detect_import_format("x.csv", "id,title,listName,companyName\n"), ImportFormat::huntr);
  EXPECT_EQ(detect_import_format("x.csv", "company,role\n"), ImportFormat::csv);
  EXPECT_EQ(parse_import_format("Huntr"), ImportFormat::huntr);
  EXPECT_THROW(parse_import_format("xlsx"), Error);
  Context& ctx = open("a.db");
  EXPECT_THROW(import(ctx, "/nonexistent/file.csv"), Error);
}

}  // namespace
}  // namespace kindly
