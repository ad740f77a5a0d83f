// The SQLite store on real files in a temporary folder: round trips of every field type, the
// PRAGMAs of each connection, migrations from every earlier schema version, refusals that leave
// a file byte for byte as it was, transactions, cascades and a full disk.
#include "store/sqlite_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/fields.h"
#include "store/migrations.h"

namespace kindly {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Instant at(const char* iso) {
  auto t = parse_iso_utc(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Instant{});
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The files SQLite may leave beside a database: its WAL, shared memory and rollback journal.
std::vector<std::string> sidecars(const std::string& db) {
  std::vector<std::string> found;
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    if (fs::exists(db + suffix)) found.push_back(db + suffix);
  }
  return found;
}

/// What SQLite itself says, through a connection of the test's own.
std::string query(const std::string& db, const std::string& sql) {
  SQLite::Database raw(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, sql);
  std::string out;
  while (q.executeStep()) {
    for (int i = 0; i < q.getColumnCount(); ++i) out += (i ? "|" : "") + q.getColumn(i).getString();
    out += "\n";
  }
  return out;
}

int user_version(const std::string& db) { return std::stoi(query(db, "PRAGMA user_version")); }

/// Runs `f`, which must throw a storage error, and returns it.
template <typename F>
Error storage_error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::storage) << e.what();
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected Error(storage), got: " << e.what();
    return Error(ErrorKind::internal, e.what());
  }
  ADD_FAILURE() << "expected Error(storage), nothing was thrown";
  return Error(ErrorKind::internal, "nothing thrown");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- Sample data -------------------------------------------------------------------------------

/// A canonical value for field number `n` of each field type. A new type without a sample
/// fails EveryFieldTypeHasASample below.
std::optional<std::string> sample(const Field& f, int n) {
  switch (f.type) {
    case FieldType::text:
      return std::string(f.name) + ": Café Müller — “quotes”, 'apostrophes', commas; 日本語";
    case FieldType::choice:
      return std::string(f.choices[static_cast<std::size_t>(n) % f.choices.size()]);
    case FieldType::count:
      return std::to_string(3 + n % 50);
    case FieldType::money:
      return std::to_string(5'000'000'000LL + n);  // beyond 32 bits on purpose
    case FieldType::bonus:
      return n % 2 ? "12.5%" : "12000";
    case FieldType::vesting:
      return "10/20/30/40";
    case FieldType::currency:
      return "CHF";
    case FieldType::when:
      return format_iso_utc(at("2026-03-06T22:59:00Z") + std::chrono::hours(n));
    case FieldType::flag:
      return n % 2 ? "yes" : "no";
    case FieldType::email:
      return "dana.smith+jobs@example.com";
    case FieldType::url:
      return "https://example.com/jobs/" + std::to_string(n) + "?ref=kindly&x=%20";
  }
  return std::nullopt;
}

/// An opportunity with every field set.
Opportunity full_opportunity(const std::string& id, int variant = 0) {
  Opportunity o;
  o.id = id;
  o.stage = Stage::negotiating;
  int n = variant;
  for (const auto& f : opportunity_fields()) {
    auto v = sample(f, n++);
    if (v) f.put(o, v);
  }
  o.created_at = at("2026-01-15T08:30:00Z");
  o.updated_at = at("2026-03-01T17:45:12Z");
  return o;
}

Opportunity small_opportunity(const std::string& id, Stage stage = Stage::invited) {
  Opportunity o;
  o.id = id;
  o.company = "Company " + id;
  o.stage = stage;
  o.created_at = o.updated_at = at("2026-03-02T09:00:00Z");
  return o;
}

void expect_same(const Opportunity& want, const Opportunity& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.stage, got.stage) << want.id;
  for (const auto& f : opportunity_fields()) {
    EXPECT_EQ(f.get(want), f.get(got)) << want.id << "." << f.name;
  }
  EXPECT_EQ(want.created_at, got.created_at) << want.id;
  EXPECT_EQ(want.updated_at, got.updated_at) << want.id;
}

Contact full_contact(const std::string& opportunity_id) {
  Contact c;
  c.opportunity_id = opportunity_id;
  c.name = "Dana Smith-Öztürk";
  c.role = ContactRole::hiring_manager;
  c.email = "dana@example.com";
  c.phone = "+49 30 1234567";
  c.linkedin = "https://www.linkedin.com/in/dana";
  c.agency = true;
  c.notes = "met at the meetup;\nsecond line";
  return c;
}

void expect_same(const Contact& want, const Contact& got) {
  EXPECT_EQ(want.opportunity_id, got.opportunity_id);
  EXPECT_EQ(want.name, got.name);
  EXPECT_EQ(want.role, got.role);
  EXPECT_EQ(want.email, got.email);
  EXPECT_EQ(want.phone, got.phone);
  EXPECT_EQ(want.linkedin, got.linkedin);
  EXPECT_EQ(want.agency, got.agency);
  EXPECT_EQ(want.notes, got.notes);
}

LogEntry entry(const std::string& opportunity_id, const std::string& kind, const std::string& text,
               const char* when = "2026-03-02T09:00:00Z") {
  LogEntry e;
  e.at = at(when);
  e.opportunity_id = opportunity_id;
  e.kind = kind;
  e.text = text;
  return e;
}

Profile full_profile() {
  Profile p;
  p.name = "Sam Lee";
  p.email = "sam@example.com";
  p.phone = "+44 20 7946 0958";
  p.signature = "Best,\nSam";
  p.timezone = "Europe/Berlin";
  p.goals = "lead a data team within 18 months";
  p.non_negotiables = {"min base 120000", "visa sponsorship", "hybrid or remote"};
  p.weights = {{"compensation", 0.3}, {"role", 0.25}, {"mobility", 0.1}};
  return p;
}

void commit_all(Store& s, const std::function<void()>& writes) {
  WriteTransaction tx(s);
  writes();
  tx.commit();
}

// --- Capturing the store's own connection -----------------------------------------------------

// SQLite calls every registered auto extension with each new connection: the test keeps the
// handles, so that it can ask the store's connection for its PRAGMAs without a back door in the
// Store interface.
std::vector<sqlite3*>& captured() {
  static std::vector<sqlite3*> handles;
  return handles;
}

extern "C" int capture_connection(sqlite3* db, char**, const sqlite3_api_routines*) {
  captured().push_back(db);
  return SQLITE_OK;
}

std::unique_ptr<Store> open_capturing(const std::string& path, sqlite3** handle) {
  captured().clear();
  auto entry_point = reinterpret_cast<void (*)()>(&capture_connection);
  sqlite3_auto_extension(entry_point);
  std::unique_ptr<Store> store;
  try {
    store = open_sqlite_store(path);
  } catch (...) {
    sqlite3_cancel_auto_extension(entry_point);
    throw;
  }
  sqlite3_cancel_auto_extension(entry_point);
  EXPECT_EQ(captured().size(), 1u) << "the store should open exactly one connection";
  *handle = captured().empty() ? nullptr : captured().back();
  return store;
}

std::string pragma(sqlite3* db, const std::string& name) {
  sqlite3_stmt* st = nullptr;
  std::string sql = "PRAGMA " + name;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return "<error>";
  std::string out = "<no row>";
  if (sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

// --- Fixture -----------------------------------------------------------------------------------

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "kindly-store-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    m_dir = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(m_dir, ec);
  }
  std::string path(const std::string& name) const { return (m_dir / name).string(); }

  fs::path m_dir;
};

// --- Round trips -------------------------------------------------------------------------------

TEST(StoreSamples, EveryFieldTypeHasASampleInStoredForm) {
  int n = 0;
  for (const auto& f : opportunity_fields()) {
    auto v = sample(f, n++);
    ASSERT_TRUE(v.has_value()) << f.name << ": add a sample for its field type";
    EXPECT_NO_THROW(check_canonical(f, *v)) << f.name << " = " << *v;
  }
  Opportunity o = full_opportunity("x");
  for (const auto& f : opportunity_fields()) EXPECT_TRUE(f.get(o).has_value()) << f.name;
}

TEST_F(StoreTest, RoundTripsAnOpportunityWithEveryFieldSet) {
  const std::string db = path("kindly.db");
  Opportunity a = full_opportunity("acme-data-engineer", 0);
  Opportunity b = full_opportunity("globex-staff-engineer", 1);  // other choices, flags, bonus
  Opportunity bare = small_opportunity("initech");               // every optional field unset
  bare.company = "Initech";
  {
    auto store = open_sqlite_store(db);
    EXPECT_TRUE(store->empty());
    commit_all(*store, [&] {
      store->insert(a);
      store->insert(b);
      store->insert(bare);
    });
    EXPECT_FALSE(store->empty());
    expect_same(a, store->find(a.id).value());
  }
  // A new connection reads what the first one wrote.
  auto store = open_sqlite_store(db, OpenMode::existing);
  expect_same(a, store->find(a.id).value());
  expect_same(b, store->find(b.id).value());
  auto got_bare = store->find(bare.id).value();
  expect_same(bare, got_bare);
  for (const auto& f : opportunity_fields()) {
    if (f.name != "company") {
      EXPECT_FALSE(f.get(got_bare).has_value()) << f.name;
    }
  }
  EXPECT_FALSE(store->find("nobody").has_value());

  // Update: change every field, clear some, move the stage.
  Opportunity changed = full_opportunity(a.id, 5);
  changed.stage = Stage::declined;
  changed.notes.clear();
  changed.base.reset();
  changed.offer_deadline.reset();
  changed.relocation.reset();
  changed.updated_at = at("2026-03-03T10:00:00Z");
  commit_all(*store, [&] { store->update(changed); });
  expect_same(changed, store->find(a.id).value());
  expect_same(b, store->find(b.id).value());  // the others are untouched

  // Amounts are integers in SQL, dates the stored UTC text.
  EXPECT_EQ(query(db,
                  "SELECT typeof(sign_on), sign_on, offer_received_at FROM opportunities "
                  "WHERE id = 'globex-staff-engineer'"),
            "integer|" + *find_field("sign_on")->get(b) + "|" +
                *find_field("offer_received_at")->get(b) + "\n");
  EXPECT_EQ(query(db, "SELECT role FROM opportunities WHERE id = 'initech'"), "\n");
}

TEST_F(StoreTest, ListsCountsAndFindsIdsByPrefix) {
  auto store = open_sqlite_store(path("kindly.db"));
  commit_all(*store, [&] {
    store->insert(small_opportunity("acme-data", Stage::offer));
    store->insert(small_opportunity("acme-ml", Stage::rejected));
    store->insert(small_opportunity("acme-ops", Stage::ghosted));
    store->insert(small_opportunity("globex", Stage::interviewing));
    store->insert(small_opportunity("initech", Stage::started));
  });
  auto ids = [](const std::vector<Opportunity>& v) {
    std::set<std::string> out;
    for (const auto& o : v) out.insert(o.id);
    return out;
  };
  EXPECT_EQ(ids(store->list({Scope::open, {}})),
            (std::set<std::string>{"acme-data", "globex", "initech"}));
  EXPECT_EQ(ids(store->list({Scope::closed, {}})), (std::set<std::string>{"acme-ml", "acme-ops"}));
  EXPECT_EQ(store->list({Scope::all, {}}).size(), 5u);
  EXPECT_EQ(ids(store->list({Scope::open, Stage::rejected})), (std::set<std::string>{"acme-ml"}));
  EXPECT_EQ(store->count({Scope::open, {}}), 3u);
  EXPECT_EQ(store->count({Scope::closed, {}}), 2u);
  EXPECT_EQ(store->count({Scope::all, {}}), 5u);
  EXPECT_EQ(store->count({Scope::all, Stage::offer}), 1u);

  EXPECT_EQ(store->ids_with_prefix("acme", 10),
            (std::vector<std::string>{"acme-data", "acme-ml", "acme-ops"}));
  EXPECT_EQ(store->ids_with_prefix("acme", 2), (std::vector<std::string>{"acme-data", "acme-ml"}));
  EXPECT_TRUE(store->ids_with_prefix("zzz", 10).empty());
  EXPECT_EQ(store->all_ids().size(), 5u);
  EXPECT_TRUE(store->id_exists("globex"));
  EXPECT_FALSE(store->id_exists("glob"));
}

TEST_F(StoreTest, RoundTripsContactsLogAndProfile) {
  const std::string db = path("kindly.db");
  Contact c1 = full_contact("acme");
  Contact c2;
  c2.opportunity_id = "acme";
  c2.name = "Lee";  // only what is required
  Contact c3 = full_contact("globex");
  c3.id = 4242;  // an import keeps its ids
  c3.role = ContactRole::recruiter;
  c3.agency = false;
  std::int64_t id1 = 0, id2 = 0, id3 = 0;
  {
    auto store = open_sqlite_store(db);
    commit_all(*store, [&] {
      store->insert(small_opportunity("acme"));
      store->insert(small_opportunity("globex"));
      id1 = store->add_contact(c1);
      id2 = store->add_contact(c2);
      id3 = store->add_contact(c3);
      store->append_log(entry("acme", "created", "added Acme", "2026-03-01T10:00:00Z"));
      store->append_log(entry("globex", "note", "called them ☎", "2026-03-01T11:00:00Z"));
      store->append_log(entry("", "profile", "name = Sam Lee", "2026-03-01T12:00:00Z"));
      store->append_log(entry("acme", "set", "base = 120,000", "2026-03-02T09:15:30Z"));
      store->save_profile(full_profile());
    });
  }
  EXPECT_GT(id1, 0);
  EXPECT_GT(id2, id1);
  EXPECT_EQ(id3, 4242);

  auto store = open_sqlite_store(db);
  auto acme = store->contacts("acme");
  ASSERT_EQ(acme.size(), 2u);
  EXPECT_EQ(acme[0].id, id1);
  expect_same(c1, acme[0]);
  expect_same(c2, acme[1]);
  EXPECT_EQ(acme[1].role, ContactRole::other);
  auto all = store->contacts("");
  ASSERT_EQ(all.size(), 3u);
  expect_same(c3, all[2]);
  EXPECT_EQ(all[2].id, 4242);

  auto log = store->log("", 0);  // everything, newest last
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].text, "added Acme");
  EXPECT_EQ(log[0].at, at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(log[1].text, "called them ☎");
  EXPECT_EQ(log[2].opportunity_id, "");
  EXPECT_EQ(log[2].kind, "profile");
  EXPECT_EQ(log[3].at, at("2026-03-02T09:15:30Z"));
  auto acme_log = store->log("acme", 0);
  ASSERT_EQ(acme_log.size(), 2u);
  EXPECT_EQ(acme_log[1].kind, "set");
  auto last = store->log("acme", 1);  // the newest one only
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].text, "base = 120,000");
  auto last_two = store->log("", 2);
  ASSERT_EQ(last_two.size(), 2u);
  EXPECT_EQ(last_two[0].kind, "profile");
  EXPECT_EQ(last_two[1].kind, "set");

  Profile p = store->profile();
  Profile want = full_profile();
  EXPECT_EQ(p.name, want.name);
  EXPECT_EQ(p.email, want.email);
  EXPECT_EQ(p.phone, want.phone);
  EXPECT_EQ(p.signature, want.signature);
  EXPECT_EQ(p.timezone, want.timezone);
  EXPECT_EQ(p.goals, want.goals);
  EXPECT_EQ(p.non_negotiables, want.non_negotiables);
  EXPECT_EQ(p.weights, want.weights);

  // Saving a profile replaces it: cleared values disappear.
  Profile smaller;
  smaller.name = "Sam";
  commit_all(*store, [&] { store->save_profile(smaller); });
  p = store->profile();
  EXPECT_EQ(p.name, "Sam");
  EXPECT_TRUE(p.email.empty());
  EXPECT_TRUE(p.non_negotiables.empty());
  EXPECT_TRUE(p.weights.empty());
}

TEST_F(StoreTest, RoundTripsAssessmentsAndScores) {
  const std::string db = path("kindly.db");
  Assessment a;
  a.opportunity_id = "acme";
  a.at = at("2026-03-02T09:30:00Z");
  a.kind = "decide";
  a.framework = "offer";
  a.answers = R"({"base_ok":true,"notes":"ünïcode, \"quotes\""})";
  a.verdict = R"({"verdict":"accept"})";
  Assessment b = a;
  b.kind = "counter";
  b.at = at("2026-03-03T10:00:00Z");
  b.id = 900;  // an import keeps its ids
  {
    auto store = open_sqlite_store(db);
    commit_all(*store, [&] {
      store->insert(small_opportunity("acme"));
      store->insert(small_opportunity("globex"));
      EXPECT_GT(store->add_assessment(a), 0);
      EXPECT_EQ(store->add_assessment(b), 900);
      store->set_score("acme", "compensation", 4);
      store->set_score("acme", "role", 3.5);
      store->set_score("acme", "compensation", 5);  // replaces
      store->set_score("globex", "culture", 1);
    });
  }
  auto store = open_sqlite_store(db);
  auto all = store->assessments("acme");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].opportunity_id, "acme");
  EXPECT_EQ(all[0].at, a.at);
  EXPECT_EQ(all[0].kind, "decide");
  EXPECT_EQ(all[0].framework, "offer");
  EXPECT_EQ(all[0].answers, a.answers);
  EXPECT_EQ(all[0].verdict, a.verdict);
  EXPECT_EQ(all[1].id, 900);
  EXPECT_EQ(store->latest_assessment("acme")->kind, "counter");
  EXPECT_FALSE(store->latest_assessment("globex").has_value());
  EXPECT_EQ(store->assessments("").size(), 2u);
  EXPECT_EQ(store->scores("acme"),
            (std::map<std::string, double>{{"compensation", 5}, {"role", 3.5}}));
  auto scores = store->all_scores();
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_EQ(scores[2].opportunity_id, "globex");
  EXPECT_EQ(scores[2].criterion, "culture");
  EXPECT_EQ(scores[2].score, 1);
  // Both belong to an opportunity.
  WriteTransaction tx(*store);
  Assessment orphan = a;
  orphan.opportunity_id = "nobody";
  storage_error_of([&] { store->add_assessment(orphan); });
  storage_error_of([&] { store->set_score("nobody", "role", 3); });
}

// --- Connection settings -----------------------------------------------------------------------

TEST_F(StoreTest, PragmasAreInForceOnEveryOpen) {
  const std::string db = path("kindly.db");
  for (const char* when : {"new file", "existing file"}) {
    SCOPED_TRACE(when);
    sqlite3* handle = nullptr;
    auto store = open_capturing(db, &handle);
    ASSERT_NE(handle, nullptr);
    EXPECT_EQ(pragma(handle, "journal_mode"), "wal");
    EXPECT_EQ(pragma(handle, "synchronous"), "2");  // FULL
    EXPECT_EQ(pragma(handle, "foreign_keys"), "1");
    EXPECT_GE(std::stoi(pragma(handle, "busy_timeout")), 1000);
    // Big writes keep their pages in memory instead of spilling them to the WAL (see bench/).
    EXPECT_EQ(pragma(handle, "cache_spill"), "16000");  // 0 would mean never spill: no bound
  }
  EXPECT_EQ(query(db, "PRAGMA journal_mode"), "wal\n");  // WAL is stored in the file
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
  auto store = open_sqlite_store(path("kindly.db"));
  Contact orphan = full_contact("no-such-opportunity");
  WriteTransaction tx(*store);
  Error e = storage_error_of([&] { store->add_contact(orphan); });
  EXPECT_TRUE(contains(e.what(), "FOREIGN KEY")) << e.what();
}

TEST_F(StoreTest, CreatesTheDataFolderPrivate) {
  for (mode_t mask : {mode_t{0}, mode_t{022}, mode_t{077}}) {
    SCOPED_TRACE("umask " + std::to_string(mask));
    const std::string sub = "home" + std::to_string(mask);
    const std::string dir = path(sub + "/.local/share/kindly");
    mode_t old = ::umask(mask);
    auto store = open_sqlite_store(dir + "/kindly.db");
    ::umask(old);
    struct stat st {};
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0700u);
    EXPECT_TRUE(fs::exists(dir + "/kindly.db"));
  }
  // An existing folder keeps the permissions its owner gave it.
  const std::string shared = path("shared");
  fs::create_directory(shared);
  ::chmod(shared.c_str(), 0750);
  auto store = open_sqlite_store(shared + "/kindly.db");
  struct stat st {};
  ASSERT_EQ(::stat(shared.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
}

// --- Migrations --------------------------------------------------------------------------------

/// Rows put into a database at one schema version with the plain SQL of that version, and what
/// must hold once the store has migrated it to the latest version.
struct Seed {
  std::vector<std::string> sql;
  std::function<void(Store&)> check;
};

/// Rows of the first schema (version 1): every column of an opportunity, contacts, a log with
/// an entry of a removed opportunity and one of the profile, and the profile.
std::vector<std::string> v1_sql() {
  return {
      R"sql(INSERT INTO opportunities (id, company, role, stage, source, rounds, offer_via,
         channel, rapport, location, url, invited_at, interview_at, offer_received_at,
         offer_deadline, accepted_at, decided_at, base, currency, bonus, sign_on, equity,
         vesting, title, work_mode, start_date, benefits, relocation, visa, relocation_paid,
         paperwork_signed, notes, created_at, updated_at)
       VALUES ('cafe-mueller-head-of-data', 'Café Müller', 'Head of Data', 'negotiating',
         'recruiter', 3, 'email', 'linkedin', 'high', 'Berlin', 'https://example.com/j/1',
         '2026-01-10T09:00:00Z', '2026-02-03T13:00:00Z', '2026-02-20T16:00:00Z',
         '2026-03-06T22:59:00Z', NULL, NULL, 95000, 'EUR', '10%', 5000, 40000,
         '25/25/25/25', 'Head of Data', 'hybrid', '2026-05-01T00:00:00Z', 'BVG ticket', 'yes',
         'offered', 2500, 'no', 'asked for 105k', '2026-01-10T09:00:00Z',
         '2026-02-21T08:00:00Z'))sql",
      R"sql(INSERT INTO opportunities (id, company, role, stage, created_at, updated_at)
       VALUES ('globex', 'Globex', '', 'ghosted', '2025-11-01T10:00:00Z',
         '2025-12-01T10:00:00Z'))sql",
      R"sql(INSERT INTO contacts (id, opportunity_id, name, role, email, phone, linkedin,
         agency, notes)
       VALUES (7, 'cafe-mueller-head-of-data', 'Dana Smith', 'recruiter', 'dana@example.com',
         '+49 30 1234567', 'https://www.linkedin.com/in/dana', 1, 'agency: TalentCo'))sql",
      R"sql(INSERT INTO contacts (id, opportunity_id, name, role)
       VALUES (8, 'cafe-mueller-head-of-data', 'Kim', 'hiring-manager'))sql",
      R"sql(INSERT INTO log (id, at, opportunity_id, kind, text) VALUES
       (1, '2026-01-10T09:00:00Z', 'cafe-mueller-head-of-data', 'created', 'added'),
       (2, '2026-02-20T16:00:00Z', 'cafe-mueller-head-of-data', 'move', 'moved offer → negotiating'),
       (3, '2026-02-22T10:00:00Z', 'removed-one', 'remove', 'removed Initech'),
       (4, '2026-02-23T10:00:00Z', NULL, 'profile', 'name = Sam Lee'))sql",
      R"sql(INSERT INTO profile (key, value) VALUES ('name', 'Sam Lee'),
       ('timezone', 'Europe/Berlin'), ('non_negotiables', '["visa sponsorship","remote"]'),
       ('weights', '{"compensation":0.4,"role":0.6}'))sql",
  };
}

void v1_check(Store& s) {
  auto o = s.find("cafe-mueller-head-of-data");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->company, "Café Müller");
  EXPECT_EQ(o->role, "Head of Data");
  EXPECT_EQ(o->stage, Stage::negotiating);
  EXPECT_EQ(o->source, Source::recruiter);
  EXPECT_EQ(o->rounds, 3);
  EXPECT_EQ(o->offer_via, OfferVia::email);
  EXPECT_EQ(o->channel, Channel::linkedin);
  EXPECT_EQ(o->rapport, Rapport::high);
  EXPECT_EQ(o->location, "Berlin");
  EXPECT_EQ(o->url, "https://example.com/j/1");
  EXPECT_EQ(o->invited_at, at("2026-01-10T09:00:00Z"));
  EXPECT_EQ(o->interview_at, at("2026-02-03T13:00:00Z"));
  EXPECT_EQ(o->offer_received_at, at("2026-02-20T16:00:00Z"));
  EXPECT_EQ(o->offer_deadline, at("2026-03-06T22:59:00Z"));
  EXPECT_FALSE(o->accepted_at.has_value());
  EXPECT_FALSE(o->decided_at.has_value());
  EXPECT_EQ(o->base, 95000);
  EXPECT_EQ(o->currency, "EUR");
  EXPECT_EQ(o->bonus, "10%");
  EXPECT_EQ(o->sign_on, 5000);
  EXPECT_EQ(o->equity, 40000);
  EXPECT_EQ(o->vesting, "25/25/25/25");
  EXPECT_EQ(o->title, "Head of Data");
  EXPECT_EQ(o->work_mode, WorkMode::hybrid);
  EXPECT_EQ(o->start_date, at("2026-05-01T00:00:00Z"));
  EXPECT_EQ(o->benefits, "BVG ticket");
  EXPECT_EQ(o->relocation, true);
  EXPECT_EQ(o->visa, Visa::offered);
  EXPECT_EQ(o->relocation_paid, 2500);
  EXPECT_EQ(o->paperwork_signed, false);
  EXPECT_EQ(o->notes, "asked for 105k");
  EXPECT_EQ(o->created_at, at("2026-01-10T09:00:00Z"));
  EXPECT_EQ(o->updated_at, at("2026-02-21T08:00:00Z"));
  auto g = s.find("globex");
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->stage, Stage::ghosted);
  EXPECT_EQ(s.count({Scope::all, {}}), 2u);
  EXPECT_EQ(s.count({Scope::open, {}}), 1u);

  auto contacts = s.contacts("cafe-mueller-head-of-data");
  ASSERT_EQ(contacts.size(), 2u);
  EXPECT_EQ(contacts[0].id, 7);
  EXPECT_EQ(contacts[0].name, "Dana Smith");
  EXPECT_EQ(contacts[0].role, ContactRole::recruiter);
  EXPECT_TRUE(contacts[0].agency);
  EXPECT_EQ(contacts[0].notes, "agency: TalentCo");
  EXPECT_EQ(contacts[1].role, ContactRole::hiring_manager);
  EXPECT_FALSE(contacts[1].agency);

  auto log = s.log("", 0);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[1].text, "moved offer → negotiating");
  EXPECT_EQ(log[2].opportunity_id, "removed-one");
  EXPECT_EQ(log[3].opportunity_id, "");
  EXPECT_EQ(s.log("removed-one", 0).size(), 1u);

  Profile p = s.profile();
  EXPECT_EQ(p.name, "Sam Lee");
  EXPECT_EQ(p.timezone, "Europe/Berlin");
  EXPECT_EQ(p.non_negotiables, (std::vector<std::string>{"visa sponsorship", "remote"}));
  EXPECT_EQ(p.weights, (std::map<std::string, double>{{"compensation", 0.4}, {"role", 0.6}}));
}

/// Version 2 adds assessments and scores.
std::vector<std::string> v2_sql() {
  auto sql = v1_sql();
  sql.push_back(
      R"sql(INSERT INTO assessments (id, opportunity_id, at, kind, framework, answers, verdict)
    VALUES (3, 'cafe-mueller-head-of-data', '2026-02-21T09:00:00Z', 'decide', 'offer',
      '{"q1":"yes"}', '{"verdict":"negotiate"}'),
    (4, 'cafe-mueller-head-of-data', '2026-02-22T09:00:00Z', 'counter', 'offer', '{}',
      '{"ask":105000}'))sql");
  sql.push_back(R"sql(INSERT INTO scores (opportunity_id, criterion, score) VALUES
    ('cafe-mueller-head-of-data', 'compensation', 4), ('cafe-mueller-head-of-data', 'role', 4.5),
    ('globex', 'culture', 2))sql");
  return sql;
}

void v2_check(Store& s) {
  v1_check(s);
  auto all = s.assessments("cafe-mueller-head-of-data");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 3);
  EXPECT_EQ(all[0].at, at("2026-02-21T09:00:00Z"));
  EXPECT_EQ(all[0].kind, "decide");
  EXPECT_EQ(all[0].framework, "offer");
  EXPECT_EQ(all[0].answers, R"({"q1":"yes"})");
  EXPECT_EQ(all[0].verdict, R"({"verdict":"negotiate"})");
  auto latest = s.latest_assessment("cafe-mueller-head-of-data");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->kind, "counter");
  EXPECT_EQ(s.scores("cafe-mueller-head-of-data"),
            (std::map<std::string, double>{{"compensation", 4}, {"role", 4.5}}));
  EXPECT_EQ(s.all_scores().size(), 3u);
}

std::vector<std::string> v3_sql() {
  auto sql = v2_sql();
  sql.push_back(
      R"sql(INSERT INTO messages (id, opportunity_id, kind, channel, tone, reason, variant, recipient, subject,
                                  body, status, origin, created_at, send_by, sent_at) VALUES
      (1, 'cafe-mueller-head-of-data', 'decline-offer', 'email', 'warm', 'other-offer', 2,
       'Jürgen Müller <jm@cafe.example>', 'Head of Data: my decision', 'Dear Jürgen,
Thank you.', 'draft',
       'draft', '2026-03-01T10:00:00Z', '2026-03-03T17:00:00Z', NULL),
      (2, 'cafe-mueller-head-of-data', 'decline-offer', 'phone', 'warm', 'other-offer', 2, '', '', 'Script',
       'sent', 'accept', '2026-03-01T10:00:00Z', NULL, '2026-03-02T08:30:00Z'))sql");
  return sql;
}

void v3_check(Store& s) {
  v2_check(s);
  auto all = s.messages("cafe-mueller-head-of-data");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].recipient, "Jürgen Müller <jm@cafe.example>");
  EXPECT_EQ(all[0].body, "Dear Jürgen,\nThank you.");
  EXPECT_EQ(all[0].variant, 2);
  ASSERT_TRUE(all[0].send_by.has_value());
  EXPECT_EQ(format_iso_utc(*all[0].send_by), "2026-03-03T17:00:00Z");
  EXPECT_FALSE(all[0].sent_at.has_value());
  EXPECT_EQ(all[1].status, "sent");
  EXPECT_EQ(all[1].origin, "accept");
  ASSERT_TRUE(all[1].sent_at.has_value());
  EXPECT_EQ(format_iso_utc(*all[1].sent_at), "2026-03-02T08:30:00Z");
  EXPECT_EQ(s.messages("").size(), 2u);
  EXPECT_TRUE(s.messages("nobody").empty());
}

TEST_F(StoreTest, ContactsOfTheOpportunitiesAFilterSelects) {
  auto store = open_sqlite_store(path("c.db"));
  for (auto [id, stage] : {std::pair{"open-one", Stage::offer}, std::pair{"closed-one", Stage::rejected}}) {
    Opportunity o;
    o.id = id;
    o.company = id;
    o.stage = stage;
    store->insert(o);
    Contact c;
    c.opportunity_id = id;
    c.name = std::string("Contact of ") + id;
    store->add_contact(c);
  }
  auto open = store->contacts_in({Scope::open, std::nullopt});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].name, "Contact of open-one");
  EXPECT_EQ(store->contacts_in({Scope::all, std::nullopt}).size(), 2u);
  auto rejected = store->contacts_in({Scope::open, Stage::rejected});
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].opportunity_id, "closed-one");
}

TEST_F(StoreTest, MessagesRoundTripAndUpdate) {
  auto store = open_sqlite_store(path("m.db"));
  Opportunity o;
  o.id = "acme";
  o.company = "Acme";
  o.created_at = o.updated_at = Instant{};
  store->insert(o);
  SavedMessage m;
  m.opportunity_id = "acme";
  m.kind = "withdraw-application";
  m.channel = "linkedin";
  m.body = "Hello";
  auto id = store->add_message(m);
  EXPECT_GT(id, 0);
  m.id = id;
  m.status = "sent";
  m.sent_at = Instant{} + std::chrono::hours(5);
  store->update_message(m);
  auto all = store->messages("acme");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status, "sent");
  ASSERT_TRUE(all[0].sent_at.has_value());
  EXPECT_EQ(*all[0].sent_at, *m.sent_at);
  store->remove("acme");
  EXPECT_TRUE(store->messages("").empty()) << "messages go with their opportunity";
}

/// seeds()[v] is for a database at schema version v, from 0 (nothing yet) to schema_version().
/// A new migration makes schema_version() grow: add the entry for the new version here, with
/// rows in its own SQL (start from the previous version's rows, as v2_sql() does); the entry
/// before it then tests the new migration on real data.
const std::vector<Seed>& seeds() {
  static const std::vector<Seed> all = {
      // Version 0: a new, empty file. Nothing to put in; the migrated store must be empty.
      {{},
       [](Store& s) {
         EXPECT_TRUE(s.empty());
         EXPECT_TRUE(s.all_ids().empty());
       }},
      {v1_sql(), v1_check},
      {v2_sql(), v2_check},
      {v3_sql(), v3_check},
  };
  return all;
}

std::string schema_of(const std::string& db) {
  return query(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

TEST_F(StoreTest, OpensAtEachSchemaVersion) {
  for (int v = 0; v <= schema_version(); ++v) {
    const std::string db = path("at" + std::to_string(v) + ".db");
    open_sqlite_store_at_version(db, v).reset();
    EXPECT_EQ(user_version(db), v);
  }
}

TEST_F(StoreTest, MigratesFromEveryEarlierVersion) {
  const int latest = schema_version();
  ASSERT_GE(seeds().size(), static_cast<std::size_t>(latest) + 1)
      << "schema version " << latest << " has no seed rows: add an entry for it to seeds() in "
      << "src/store/sqlite_store_test.cpp, with rows written in that version's SQL";

  const std::string fresh = path("fresh.db");
  open_sqlite_store(fresh).reset();
  const std::string fresh_schema = schema_of(fresh);

  // From every earlier version, and from the latest (which must change nothing).
  for (int v = 0; v <= latest; ++v) {
    SCOPED_TRACE("from schema version " + std::to_string(v) + " to " + std::to_string(latest));
    const Seed& seed = seeds()[static_cast<std::size_t>(v)];
    const std::string db = path("v" + std::to_string(v) + ".db");
    open_sqlite_store_at_version(db, v).reset();
    ASSERT_EQ(user_version(db), v);
    {
      SQLite::Database raw(db, SQLite::OPEN_READWRITE);
      SQLite::Transaction tx(raw);
      for (const auto& sql : seed.sql) raw.exec(sql);
      tx.commit();
    }
    {
      auto store = open_sqlite_store(db, OpenMode::existing);
      EXPECT_EQ(user_version(db), latest);
      seed.check(*store);
    }
    // Opening again migrates nothing and loses nothing; the database takes new rows of every kind.
    {
      auto store = open_sqlite_store(db, OpenMode::existing);
      seed.check(*store);
      commit_all(*store, [&] {
        store->insert(full_opportunity("added-after-migration"));
        store->add_contact(full_contact("added-after-migration"));
        store->append_log(entry("added-after-migration", "created", "added"));
        Assessment a;
        a.opportunity_id = "added-after-migration";
        a.kind = "decide";
        a.framework = "offer";
        a.answers = a.verdict = "{}";
        store->add_assessment(a);
        store->set_score("added-after-migration", "role", 3);
      });
      expect_same(full_opportunity("added-after-migration"),
                  store->find("added-after-migration").value());
      EXPECT_EQ(store->contacts("added-after-migration").size(), 1u);
      EXPECT_EQ(store->assessments("added-after-migration").size(), 1u);
      EXPECT_EQ(store->scores("added-after-migration").size(), 1u);
    }
    EXPECT_EQ(user_version(db), latest);
    EXPECT_EQ(schema_of(db), fresh_schema) << "a migrated database must equal a new one";
    EXPECT_EQ(query(db, "PRAGMA integrity_check"), "ok\n");
    EXPECT_EQ(query(db, "PRAGMA foreign_key_check"), "");
  }
}

// --- Files kindly must not touch ---------------------------------------------------------------

/// A kindly database with a few hundred rows, so that it spans many pages.
void make_database(const std::string& db, int rows = 300) {
  auto store = open_sqlite_store(db);
  commit_all(*store, [&] {
    for (int i = 0; i < rows; ++i) {
      Opportunity o = full_opportunity("company-" + std::to_string(i), i);
      store->insert(o);
      store->append_log(entry(o.id, "created", std::string(200, 'x')));
    }
  });
}

TEST_F(StoreTest, RefusesANewerDatabaseAndLeavesItUntouched) {
  const int newer = schema_version() + 40;
  for (const char* journal : {"wal", "delete"}) {
    SCOPED_TRACE(std::string("journal_mode ") + journal);
    const std::string db = path(std::string("newer-") + journal + ".db");
    make_database(db, 20);
    {
      SQLite::Database raw(db, SQLite::OPEN_READWRITE);
      raw.exec("PRAGMA user_version = " + std::to_string(newer));
      raw.exec(std::string("PRAGMA journal_mode = ") + journal);
    }
    ASSERT_TRUE(sidecars(db).empty());
    const std::string before = read_bytes(db);

    for (OpenMode mode : {OpenMode::create, OpenMode::existing}) {
      Error e = storage_error_of([&] { open_sqlite_store(db, mode); });
      const std::string msg = e.what();
      EXPECT_TRUE(std::regex_search(msg, std::regex("\\b" + std::to_string(newer) + "\\b"))) << msg;
      EXPECT_TRUE(
          std::regex_search(msg, std::regex("\\b" + std::to_string(schema_version()) + "\\b")))
          << msg;
      EXPECT_TRUE(contains(msg, db)) << msg;
      EXPECT_FALSE(e.hint().empty());
    }
    EXPECT_EQ(read_bytes(db), before) << "the newer database was written to";
    EXPECT_EQ(sidecars(db), std::vector<std::string>{});
    EXPECT_EQ(user_version(db), newer);
  }
}

TEST_F(StoreTest, RefusesFilesThatAreNotKindlyDatabasesAndLeavesThemUntouched) {
  std::mt19937 rng(20260302);
  std::string noise(8192, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xff);

  const std::string whole = path("whole.db");
  make_database(whole);
  const std::string wal_db = read_bytes(whole);
  ASSERT_GT(wal_db.size(), 16u * 4096) << "the database should span many pages";
  {
    SQLite::Database raw(whole, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA journal_mode = DELETE");
  }
  const std::string rollback_db = read_bytes(whole);

  const std::string other_program = path("other.db");
  {
    SQLite::Database raw(other_program, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)");
    raw.exec("INSERT INTO moz_places (url) VALUES ('https://example.com')");
  }

  struct Case {
    std::string name;
    std::string bytes;
  };
  std::vector<Case> cases = {
      {"random bytes", noise},
      {"a text file", "company,role\nAcme,Data Engineer\nGlobex,Staff Engineer\n"},
      {"a short file", "SQLite format 3"},
      {"a header and nothing else", wal_db.substr(0, 100)},
      {"a WAL database cut after two pages", wal_db.substr(0, 8192)},
      {"a WAL database cut mid-page", wal_db.substr(0, wal_db.size() / 2 + 100)},
      {"a rollback-journal database cut after two pages", rollback_db.substr(0, 8192)},
      {"a database of another program", read_bytes(other_program)},
  };
  for (const auto& c : cases) {
    for (OpenMode mode : {OpenMode::create, OpenMode::existing}) {
      SCOPED_TRACE(c.name + (mode == OpenMode::create ? " (create)" : " (existing)"));
      const std::string db = path("case.db");
      write_bytes(db, c.bytes);
      Error e = storage_error_of([&] { open_sqlite_store(db, mode); });
      EXPECT_TRUE(contains(e.what(), db)) << e.what();
      EXPECT_FALSE(e.hint().empty()) << e.what();
      EXPECT_TRUE(read_bytes(db) == c.bytes) << "the file was changed";
      // SQLite opens the WAL of a WAL-mode file, and removes it again when the last connection
      // closes: nothing must be left beside the file.
      EXPECT_EQ(sidecars(db), std::vector<std::string>{});
      fs::remove(db);
    }
  }
}

TEST_F(StoreTest, AMissingFileIsNotCreatedWhenOnlyOpening) {
  const std::string db = path("missing/kindly.db");
  Error e = storage_error_of([&] { open_sqlite_store(db, OpenMode::existing); });
  EXPECT_TRUE(contains(e.what(), db)) << e.what();
  EXPECT_FALSE(fs::exists(db));
}

TEST_F(StoreTest, AnEmptyFileBecomesANewDatabase) {
  // A zero-byte file holds nothing to lose (touch kindly.db): SQLite sees an empty database.
  const std::string db = path("empty.db");
  write_bytes(db, "");
  auto store = open_sqlite_store(db, OpenMode::existing);
  EXPECT_TRUE(store->empty());
  EXPECT_EQ(user_version(db), schema_version());
}

// --- Transactions ------------------------------------------------------------------------------

TEST_F(StoreTest, AnUncommittedTransactionLeavesNothing) {
  const std::string db = path("kindly.db");
  auto store = open_sqlite_store(db);
  commit_all(*store, [&] { store->insert(small_opportunity("kept")); });
  try {
    WriteTransaction tx(*store);
    store->insert(full_opportunity("lost"));
    store->add_contact(full_contact("lost"));
    store->append_log(entry("lost", "created", "added"));
    Opportunity kept = *store->find("kept");
    kept.notes = "changed";
    store->update(kept);
    store->save_profile(full_profile());
    throw std::runtime_error("something failed half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(store->find("lost").has_value());
  EXPECT_EQ(store->find("kept")->notes, "");
  EXPECT_TRUE(store->contacts("").empty());
  EXPECT_TRUE(store->log("", 0).empty());
  EXPECT_TRUE(store->profile().name.empty());

  // The write lock was released: another connection writes at once (it would otherwise wait
  // for the busy timeout and fail).
  auto other = open_sqlite_store(db);
  commit_all(*other, [&] { other->insert(small_opportunity("second")); });
  other.reset();
  store.reset();
  auto reopened = open_sqlite_store(db);
  EXPECT_EQ(reopened->all_ids(), (std::vector<std::string>{"kept", "second"}));
}

TEST_F(StoreTest, AFailedStatementLeavesTheStoreUsable) {
  auto store = open_sqlite_store(path("kindly.db"));
  commit_all(*store, [&] { store->insert(small_opportunity("a")); });
  {
    WriteTransaction tx(*store);
    store->insert(small_opportunity("b"));
    Error e = storage_error_of([&] { store->insert(small_opportunity("a")); });  // duplicate id
    EXPECT_TRUE(contains(e.what(), "UNIQUE")) << e.what();
  }  // rolled back
  EXPECT_FALSE(store->find("b").has_value());
  // The same (cached) statements work again after a failure.
  commit_all(*store, [&] {
    store->insert(small_opportunity("c"));
    store->append_log(entry("c", "created", "added"));
  });
  EXPECT_TRUE(store->find("c").has_value());
  EXPECT_TRUE(store->id_exists("c"));
  EXPECT_EQ(store->log("c", 0).size(), 1u);
}

// Several kindly started together on a database that does not exist yet: every one must open
// it (one creates and migrates, the others wait), none may fail with "database is locked".
// Switching to WAL is where SQLite does not wait by itself; without the store's retry this
// failed for about one process in a hundred.
TEST_F(StoreTest, ManyProcessesCreateANewDatabaseAtOnce) {
  constexpr int kProcesses = 4;
  constexpr int kRounds = 60;
  int failures = 0;
  std::string first_error;
  for (int round = 0; round < kRounds; ++round) {
    const std::string db = path("race-" + std::to_string(round) + ".db");
    std::vector<std::pair<pid_t, int>> children;  // pid, read end of its error pipe
    int go[2];  // the children wait for EOF on it, so that they start together
    ASSERT_EQ(::pipe(go), 0);
    for (int i = 0; i < kProcesses; ++i) {
      int fds[2];
      ASSERT_EQ(::pipe(fds), 0);
      pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        ::close(fds[0]);
        ::close(go[1]);
        char c;
        (void)!::read(go[0], &c, 1);
        int code = 0;
        try {
          auto store = open_sqlite_store(db);
          WriteTransaction tx(*store);
          store->insert(small_opportunity("p" + std::to_string(i)));
          tx.commit();
        } catch (const std::exception& e) {
          std::string what = e.what();
          (void)!::write(fds[1], what.data(), what.size());
          code = 1;
        }
        ::_exit(code);
      }
      ::close(fds[1]);
      children.emplace_back(pid, fds[0]);
    }
    ::close(go[0]);
    ::close(go[1]);  // go
    for (auto [pid, fd] : children) {
      char buf[512];
      ssize_t n = ::read(fd, buf, sizeof buf);
      ::close(fd);
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ++failures;
        if (first_error.empty())
          first_error = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "crashed";
      }
    }
    EXPECT_EQ(query(db, "SELECT count(*) FROM opportunities"), std::to_string(kProcesses) + "\n");
  }
  EXPECT_EQ(failures, 0) << "first error: " << first_error;
}

TEST_F(StoreTest, RemovingAnOpportunityCascadesAndKeepsTheLog) {
  const std::string db = path("kindly.db");
  auto store = open_sqlite_store(db);
  commit_all(*store, [&] {
    store->insert(full_opportunity("acme"));
    store->insert(full_opportunity("globex"));
    store->add_contact(full_contact("acme"));
    store->add_contact(full_contact("acme"));
    store->add_contact(full_contact("globex"));
    store->append_log(entry("acme", "created", "added Acme"));
    store->append_log(entry("acme", "note", "first call"));
    store->append_log(entry("globex", "created", "added Globex"));
    Assessment a;
    a.opportunity_id = "acme";
    a.at = at("2026-03-02T09:00:00Z");
    a.kind = "decide";
    a.framework = "offer";
    a.answers = a.verdict = "{}";
    store->add_assessment(a);
    a.opportunity_id = "globex";
    store->add_assessment(a);
    store->set_score("acme", "role", 4);
    store->set_score("globex", "role", 2);
  });
  commit_all(*store, [&] {
    store->remove("acme");
    store->append_log(entry("acme", "remove", "removed Acme"));
  });
  EXPECT_FALSE(store->find("acme").has_value());
  EXPECT_TRUE(store->contacts("acme").empty());
  EXPECT_EQ(store->contacts("").size(), 1u);
  EXPECT_EQ(store->contacts("globex").size(), 1u);
  auto log = store->log("acme", 0);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].text, "added Acme");
  EXPECT_EQ(log[2].kind, "remove");
  EXPECT_EQ(store->log("globex", 0).size(), 1u);
  EXPECT_TRUE(store->assessments("acme").empty());
  EXPECT_EQ(store->assessments("").size(), 1u);
  EXPECT_TRUE(store->scores("acme").empty());
  EXPECT_EQ(store->all_scores().size(), 1u);
  EXPECT_EQ(query(db, "SELECT count(*) FROM contacts WHERE opportunity_id = 'acme'"), "0\n");
}

// --- A full disk -------------------------------------------------------------------------------

/// Limits the size of files this process may write (RLIMIT_FSIZE) while in scope: writes beyond
/// it fail with EFBIG, as they would with ENOSPC on a full disk. SIGXFSZ is ignored meanwhile,
/// so that the write fails instead of killing the test.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &m_old);
    m_old_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit lim = m_old;
    lim.rlim_cur = bytes;
    m_ok = ::setrlimit(RLIMIT_FSIZE, &lim) == 0;
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_old);
    ::signal(SIGXFSZ, m_old_handler);
  }
  bool ok() const { return m_ok; }

 private:
  rlimit m_old{};
  sighandler_t m_old_handler{};
  bool m_ok = false;
};

TEST_F(StoreTest, AFullDiskFailsTheWriteAndKeepsEarlierData) {
  const std::string db = path("kindly.db");
  auto store = open_sqlite_store(db);
  commit_all(*store, [&] {
    store->insert(full_opportunity("before"));
    store->append_log(entry("before", "created", "added"));
  });
  Opportunity big = full_opportunity("too-big");
  big.notes = std::string(2 << 20, 'n');  // 2 MiB: more than the room left
  std::error_code ec;
  auto largest = std::max(fs::file_size(db), fs::file_size(db + "-wal", ec));
  {
    FileSizeLimit limit(largest + 4096);
    ASSERT_TRUE(limit.ok());
    Error e = storage_error_of([&] {
      WriteTransaction tx(*store);
      store->insert(big);
      store->append_log(entry("too-big", "created", "added"));
      tx.commit();
    });
    EXPECT_TRUE(contains(e.what(), db)) << e.what();
    EXPECT_TRUE(contains(e.what(), "full") || contains(e.what(), "I/O")) << e.what();
  }
  EXPECT_FALSE(store->find("too-big").has_value());
  expect_same(full_opportunity("before"), store->find("before").value());
  // With room again, the same connection writes.
  commit_all(*store, [&] { store->insert(small_opportunity("after")); });
  store.reset();

  auto reopened = open_sqlite_store(db);
  EXPECT_EQ(reopened->all_ids(), (std::vector<std::string>{"after", "before"}));
  EXPECT_EQ(reopened->log("", 0).size(), 1u);
  EXPECT_EQ(query(db, "PRAGMA integrity_check"), "ok\n");
}

}  // namespace
}  // namespace kindly
