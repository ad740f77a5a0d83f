// Schema history. Plain SQL that SQLite and PostgreSQL both accept.
#include "store/migrations.h"

#include <array>

namespace kindly {

namespace {
constexpr std::string_view kV1 = R"sql(
CREATE TABLE opportunities (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL,
  source TEXT, rounds INTEGER, offer_via TEXT, channel TEXT, rapport TEXT,
  location TEXT, url TEXT,
  invited_at TEXT, interview_at TEXT, offer_received_at TEXT, offer_deadline TEXT,
  accepted_at TEXT, decided_at TEXT,
  base INTEGER, currency TEXT, bonus TEXT, sign_on INTEGER, equity INTEGER, vesting TEXT,
  title TEXT, work_mode TEXT, start_date TEXT, benefits TEXT,
  relocation TEXT, visa TEXT, relocation_paid INTEGER, paperwork_signed TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX opportunities_stage ON opportunities(stage);
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  email TEXT, phone TEXT, linkedin TEXT,
  agency INTEGER NOT NULL DEFAULT 0,
  notes TEXT
);
CREATE INDEX contacts_opportunity ON contacts(opportunity_id);
CREATE TABLE log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  opportunity_id TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX log_opportunity ON log(opportunity_id);
CREATE TABLE profile (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// 2: decisions (answers and verdicts) and the user's comparison scores.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  framework TEXT NOT NULL,
  answers TEXT NOT NULL,
  verdict TEXT NOT NULL
);
CREATE INDEX assessments_opportunity ON assessments(opportunity_id);
CREATE TABLE scores (
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  criterion TEXT NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (opportunity_id, criterion)
);
)sql";

// 3: messages kindly drafted (and ones the user says they sent), with their status.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  tone TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  variant INTEGER NOT NULL DEFAULT 0,
  recipient TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL,
  send_by TEXT,
  sent_at TEXT
);
CREATE INDEX messages_opportunity ON messages(opportunity_id);
)sql";

constexpr std::array<std::string_view, 3> kMigrations = {kV1, kV2, kV3};
}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace kindly
