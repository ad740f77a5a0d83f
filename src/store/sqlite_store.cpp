// SQLite behind the Store interface, with SQLiteCpp. Bound values only, statements reused.
#include "store/sqlite_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.h"
#include "core/fields.h"
#include "store/migrations.h"

namespace kindly {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void storage_error(const std::string& path, const std::exception& e) {
  std::string what = e.what();
  if (what.find("not a database") != std::string::npos ||
      what.find("malformed") != std::string::npos) {
    throw Error(ErrorKind::storage,
                "cannot read " + path + ": it is not a kindly database, or it is damaged (" + what +
                    "); the file was left untouched",
                "check --db or KINDLY_DB; to start afresh, move the file away or pass another path");
  }
  if (what.find("locked") != std::string::npos || what.find("busy") != std::string::npos) {
    throw Error(ErrorKind::storage, "the database " + path + " is busy (" + what + ")",
                "another kindly is writing; try again in a moment");
  }
  if (what.find("readonly") != std::string::npos) {
    throw Error(ErrorKind::storage,
                "cannot write " + path + ": the file or its folder is read-only (" + what +
                    "); nothing was changed",
                "check the permissions of the file and its folder, or pass another path with --db");
  }
  if (what.find("unable to open") != std::string::npos) {
    throw Error(ErrorKind::storage, "cannot open " + path + " (" + what + ")",
                "check that the file and its folder exist and that you may read and write them");
  }
  if (what.find("full") != std::string::npos) {
    throw Error(ErrorKind::storage, "cannot write " + path + " (" + what + "); nothing was changed",
                "free some disk space and try again");
  }
  if (what.find("I/O error") != std::string::npos) {
    throw Error(ErrorKind::storage,
                "cannot read or write " + path + " (" + what + "); nothing was changed",
                "check that the disk is not full and is working, then try again");
  }
  throw Error(ErrorKind::storage, "database error in " + path + ": " + what);
}

// Columns of `opportunities` in the order read and written: id, stage, fields…, timestamps.
std::string column_list() {
  std::string cols = "id, stage";
  for (const auto& f : opportunity_fields()) {
    cols += ", ";
    cols += f.name;
  }
  return cols + ", created_at, updated_at";
}

bool integer_column(const Field& f) {
  return f.type == FieldType::count || f.type == FieldType::money;
}

// Columns declared NOT NULL in the schema: an unknown value is stored as ''.
bool not_null_column(const Field& f) { return f.name == "company" || f.name == "role"; }

// How long a connection waits for another kindly's write to finish before giving up.
constexpr int kBusyTimeoutMs = 15000;

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, int flags, int target_version)
      : m_path(path), m_db(open(path, flags)) {
    try {
      m_db.setBusyTimeout(kBusyTimeoutMs);
      // One statement, so one snapshot: another kindly may be creating the schema right now.
      SQLite::Statement head(m_db,
                             "SELECT user_version, (SELECT count(*) FROM sqlite_master) "
                             "FROM pragma_user_version");
      head.executeStep();
      const int version = head.getColumn(0).getInt();
      const bool has_objects = head.getColumn(1).getInt64() > 0;
      head.reset();
      if (version > schema_version()) {
        throw Error(ErrorKind::storage,
                    "the database " + path + " was written by a newer kindly (schema " +
                        std::to_string(version) + "; this kindly knows up to " +
                        std::to_string(schema_version()) + ")",
                    "upgrade kindly to use it; the file was left untouched");
      }
      if (version == 0 && has_objects) {
        // kindly's own version 0 is an empty file: this one belongs to another program.
        throw Error(ErrorKind::storage,
                    "the file " + path + " is an SQLite database of another program, not kindly's; "
                    "the file was left untouched",
                    "check --db or KINDLY_DB, or pass a new path to start a kindly database");
      }
      m_db.exec("PRAGMA foreign_keys = ON");
      m_db.exec("PRAGMA synchronous = FULL");
      // A big write (an import of 100,000 rows, ~55 MB) keeps up to 64 MiB of changed pages in
      // memory until COMMIT instead of spilling them to the WAL and reading them back again
      // and again: 55 MB written to the WAL instead of 520 MB. Reads still recycle the default
      // 2 MiB cache (a bigger cache_size made `list` slower: fresh memory for every page).
      // (Not a multiple of 256: SQLite also reads the number as an on/off flag, truncated to a
      // byte, and 16384 would turn spilling off altogether, without a bound on memory.)
      m_db.exec("PRAGMA cache_spill = 16000");
      if (m_db.execAndGet("PRAGMA journal_mode").getString() != "wal") enable_wal();
      if (version < target_version) migrate(target_version);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      storage_error(path, e);
    }
  }

  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override { exec("ROLLBACK"); }

  std::optional<Opportunity> find(const std::string& id) override {
    return guard([&]() -> std::optional<Opportunity> {
      auto& q = stmt(m_find, "SELECT " + column_list() + " FROM opportunities WHERE id = ?");
      Reset reset_q(q);
      q.bind(1, id);
      std::optional<Opportunity> out;
      if (q.executeStep()) out = read_row(q);
      return out;
    });
  }

  std::vector<std::string> ids_with_prefix(const std::string& prefix, int limit) override {
    return guard([&] {
      SQLite::Statement q(m_db,
                          "SELECT id FROM opportunities WHERE id >= ? AND id < ? ORDER BY id LIMIT ?");
      q.bind(1, prefix);
      q.bind(2, prefix + "\xff");
      q.bind(3, limit);
      std::vector<std::string> out;
      while (q.executeStep()) out.push_back(q.getColumn(0).getString());
      return out;
    });
  }

  std::vector<std::string> all_ids() override {
    return guard([&] {
      SQLite::Statement q(m_db, "SELECT id FROM opportunities ORDER BY id");
      std::vector<std::string> out;
      while (q.executeStep()) out.push_back(q.getColumn(0).getString());
      return out;
    });
  }

  bool id_exists(const std::string& id) override {
    return guard([&] {
      auto& q = stmt(m_exists, "SELECT 1 FROM opportunities WHERE id = ?");
      Reset reset_q(q);
      q.bind(1, id);
      bool found = q.executeStep();
      return found;
    });
  }

  std::vector<Opportunity> list(const ListFilter& filter) override {
    return guard([&] {
      auto [where, stages] = where_clause(filter);
      SQLite::Statement q(m_db, "SELECT " + column_list() + " FROM opportunities" + where + " ORDER BY id");
      for (std::size_t i = 0; i < stages.size(); ++i) q.bind(static_cast<int>(i + 1), stages[i]);
      std::vector<Opportunity> out;
      while (q.executeStep()) out.push_back(read_row(q));
      return out;
    });
  }

  std::size_t count(const ListFilter& filter) override {
    return guard([&] {
      auto [where, stages] = where_clause(filter);
      SQLite::Statement q(m_db, "SELECT count(*) FROM opportunities" + where);
      for (std::size_t i = 0; i < stages.size(); ++i) q.bind(static_cast<int>(i + 1), stages[i]);
      q.executeStep();
      return static_cast<std::size_t>(q.getColumn(0).getInt64());
    });
  }

  void insert(const Opportunity& o) override {
    guard([&] {
      auto& q = stmt(m_insert, "INSERT INTO opportunities (" + column_list() + ") VALUES (" +
                                   placeholders() + ")");
      Reset reset_q(q);
      bind_row(q, o);
      q.exec();
    });
  }

  void update(const Opportunity& o) override {
    guard([&] {
      std::string sql = "UPDATE opportunities SET stage = ?2";
      int i = 3;
      for (const auto& f : opportunity_fields()) sql += ", " + std::string(f.name) + " = ?" + std::to_string(i++);
      sql += ", created_at = ?" + std::to_string(i) + ", updated_at = ?" + std::to_string(i + 1) +
             " WHERE id = ?1";
      auto& u = stmt(m_update_real, sql);
      Reset reset_u(u);
      bind_row(u, o);
      u.exec();
    });
  }

  void remove(const std::string& id) override {
    guard([&] {
      SQLite::Statement q(m_db, "DELETE FROM opportunities WHERE id = ?");
      q.bind(1, id);
      q.exec();
    });
  }

  std::vector<Contact> contacts(const std::string& opportunity_id) override {
    return guard([&] {
      std::string sql = std::string(kContactColumns) + " FROM contacts";
      if (!opportunity_id.empty()) sql += " WHERE opportunity_id = ?";
      SQLite::Statement q(m_db, sql + " ORDER BY id");
      if (!opportunity_id.empty()) q.bind(1, opportunity_id);
      return read_contacts(q);
    });
  }

  std::vector<Contact> contacts_in(const ListFilter& filter) override {
    return guard([&] {
      auto [where, stages] = where_clause(filter);
      SQLite::Statement q(m_db, std::string(kContactColumns) +
                                    " FROM contacts WHERE opportunity_id IN (SELECT id FROM opportunities" + where +
                                    ") ORDER BY id");
      for (std::size_t i = 0; i < stages.size(); ++i) q.bind(static_cast<int>(i + 1), stages[i]);
      return read_contacts(q);
    });
  }

  std::int64_t add_contact(const Contact& c) override {
    return guard([&] {
      auto& q = stmt(m_add_contact,
                     "INSERT INTO contacts (id, opportunity_id, name, role, email, phone, linkedin, "
                     "agency, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      Reset reset_q(q);
      if (c.id > 0) {
        q.bind(1, static_cast<int64_t>(c.id));
      } else {
        q.bind(1);
      }
      q.bind(2, c.opportunity_id);
      q.bind(3, c.name);
      q.bind(4, std::string(enum_name(c.role, kContactRoleNames)));
      bind_text(q, 5, c.email);
      bind_text(q, 6, c.phone);
      bind_text(q, 7, c.linkedin);
      q.bind(8, c.agency ? 1 : 0);
      bind_text(q, 9, c.notes);
      q.exec();
      return static_cast<std::int64_t>(m_db.getLastInsertRowid());
    });
  }

  std::int64_t append_log(const LogEntry& e) override {
    return guard([&] {
      auto& q = stmt(m_append_log,
                     "INSERT INTO log (id, at, opportunity_id, kind, text) VALUES (?, ?, ?, ?, ?)");
      Reset reset_q(q);
      if (e.id > 0) {
        q.bind(1, static_cast<int64_t>(e.id));
      } else {
        q.bind(1);
      }
      q.bind(2, format_iso_utc(e.at));
      bind_text(q, 3, e.opportunity_id);
      q.bind(4, e.kind);
      q.bind(5, e.text);
      q.exec();
      return static_cast<std::int64_t>(m_db.getLastInsertRowid());
    });
  }

  std::vector<LogEntry> log(const std::string& opportunity_id, std::size_t limit) override {
    return guard([&] {
      std::string inner = "SELECT id, at, opportunity_id, kind, text FROM log";
      if (!opportunity_id.empty()) inner += " WHERE opportunity_id = ?";
      inner += " ORDER BY id DESC";
      if (limit > 0) inner += " LIMIT " + std::to_string(limit);
      SQLite::Statement q(m_db, "SELECT * FROM (" + inner + ") ORDER BY id");
      if (!opportunity_id.empty()) q.bind(1, opportunity_id);
      std::vector<LogEntry> out;
      while (q.executeStep()) {
        LogEntry e;
        e.id = q.getColumn(0).getInt64();
        e.at = parse_iso_utc(q.getColumn(1).getString()).value_or(Instant{});
        e.opportunity_id = q.getColumn(2).getString();
        e.kind = q.getColumn(3).getString();
        e.text = q.getColumn(4).getString();
        out.push_back(std::move(e));
      }
      return out;
    });
  }

  Profile profile() override {
    return guard([&] {
      Profile p;
      SQLite::Statement q(m_db, "SELECT key, value FROM profile");
      while (q.executeStep()) {
        std::string key = q.getColumn(0).getString();
        std::string value = q.getColumn(1).getString();
        if (key == "name") p.name = value;
        else if (key == "email") p.email = value;
        else if (key == "phone") p.phone = value;
        else if (key == "signature") p.signature = value;
        else if (key == "timezone") p.timezone = value;
        else if (key == "goals") p.goals = value;
        else if (key == "non_negotiables") p.non_negotiables = nlohmann::json::parse(value).get<std::vector<std::string>>();
        else if (key == "weights") p.weights = nlohmann::json::parse(value).get<std::map<std::string, double>>();
      }
      return p;
    });
  }

  void save_profile(const Profile& p) override {
    guard([&] {
      m_db.exec("DELETE FROM profile");
      SQLite::Statement q(m_db, "INSERT INTO profile (key, value) VALUES (?, ?)");
      auto put = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        q.bind(1, key);
        q.bind(2, value);
        q.exec();
        q.reset();
      };
      put("name", p.name);
      put("email", p.email);
      put("phone", p.phone);
      put("signature", p.signature);
      put("timezone", p.timezone);
      put("goals", p.goals);
      if (!p.non_negotiables.empty()) put("non_negotiables", nlohmann::json(p.non_negotiables).dump());
      if (!p.weights.empty()) put("weights", nlohmann::json(p.weights).dump());
    });
  }

  std::int64_t add_assessment(const Assessment& a) override {
    return guard([&] {
      SQLite::Statement q(m_db,
                          "INSERT INTO assessments (id, opportunity_id, at, kind, framework, answers, verdict) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
      if (a.id > 0) {
        q.bind(1, static_cast<int64_t>(a.id));
      } else {
        q.bind(1);
      }
      q.bind(2, a.opportunity_id);
      q.bind(3, format_iso_utc(a.at));
      q.bind(4, a.kind);
      q.bind(5, a.framework);
      q.bind(6, a.answers);
      q.bind(7, a.verdict);
      q.exec();
      return static_cast<std::int64_t>(m_db.getLastInsertRowid());
    });
  }

  std::optional<Assessment> latest_assessment(const std::string& opportunity_id) override {
    auto all = read_assessments(opportunity_id, true);
    if (all.empty()) return std::nullopt;
    return all.front();
  }

  std::vector<Assessment> assessments(const std::string& opportunity_id) override {
    return read_assessments(opportunity_id, false);
  }

  std::map<std::string, double> scores(const std::string& opportunity_id) override {
    return guard([&] {
      SQLite::Statement q(m_db, "SELECT criterion, score FROM scores WHERE opportunity_id = ? ORDER BY criterion");
      q.bind(1, opportunity_id);
      std::map<std::string, double> out;
      while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getDouble();
      return out;
    });
  }

  std::vector<Score> all_scores() override {
    return guard([&] {
      SQLite::Statement q(m_db, "SELECT opportunity_id, criterion, score FROM scores ORDER BY opportunity_id, criterion");
      std::vector<Score> out;
      while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getDouble()});
      return out;
    });
  }

  void set_score(const std::string& opportunity_id, const std::string& criterion, double score) override {
    guard([&] {
      SQLite::Statement q(m_db,
                          "INSERT INTO scores (opportunity_id, criterion, score) VALUES (?, ?, ?) "
                          "ON CONFLICT (opportunity_id, criterion) DO UPDATE SET score = excluded.score");
      q.bind(1, opportunity_id);
      q.bind(2, criterion);
      q.bind(3, score);
      q.exec();
    });
  }

  std::int64_t add_message(const SavedMessage& m) override {
    return guard([&] {
      SQLite::Statement q(m_db,
                          "INSERT INTO messages (id, opportunity_id, kind, channel, tone, reason, variant, recipient, "
                          "subject, body, status, origin, created_at, send_by, sent_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (m.id > 0) {
        q.bind(1, static_cast<int64_t>(m.id));
      } else {
        q.bind(1);
      }
      bind_message(q, m, 2);
      q.exec();
      return static_cast<std::int64_t>(m_db.getLastInsertRowid());
    });
  }

  void update_message(const SavedMessage& m) override {
    guard([&] {
      SQLite::Statement q(m_db,
                          "UPDATE messages SET opportunity_id = ?, kind = ?, channel = ?, tone = ?, reason = ?, "
                          "variant = ?, recipient = ?, subject = ?, body = ?, status = ?, origin = ?, "
                          "created_at = ?, send_by = ?, sent_at = ? WHERE id = ?");
      bind_message(q, m, 1);
      q.bind(15, static_cast<int64_t>(m.id));
      q.exec();
    });
  }

  std::vector<SavedMessage> messages(const std::string& opportunity_id) override {
    return guard([&] {
      std::string sql =
          "SELECT id, opportunity_id, kind, channel, tone, reason, variant, recipient, subject, body, status, "
          "origin, created_at, send_by, sent_at FROM messages";
      if (!opportunity_id.empty()) sql += " WHERE opportunity_id = ?";
      sql += " ORDER BY id";
      SQLite::Statement q(m_db, sql);
      if (!opportunity_id.empty()) q.bind(1, opportunity_id);
      std::vector<SavedMessage> out;
      while (q.executeStep()) {
        SavedMessage m;
        m.id = q.getColumn(0).getInt64();
        m.opportunity_id = q.getColumn(1).getString();
        m.kind = q.getColumn(2).getString();
        m.channel = q.getColumn(3).getString();
        m.tone = q.getColumn(4).getString();
        m.reason = q.getColumn(5).getString();
        m.variant = q.getColumn(6).getInt64();
        m.recipient = q.getColumn(7).getString();
        m.subject = q.getColumn(8).getString();
        m.body = q.getColumn(9).getString();
        m.status = q.getColumn(10).getString();
        m.origin = q.getColumn(11).getString();
        m.created_at = parse_iso_utc(q.getColumn(12).getString()).value_or(Instant{});
        if (!q.getColumn(13).isNull()) m.send_by = parse_iso_utc(q.getColumn(13).getString());
        if (!q.getColumn(14).isNull()) m.sent_at = parse_iso_utc(q.getColumn(14).getString());
        out.push_back(std::move(m));
      }
      return out;
    });
  }

  bool empty() override {
    return guard([&] {
      return m_db.execAndGet("SELECT (SELECT count(*) FROM opportunities) + (SELECT count(*) FROM "
                             "log) + (SELECT count(*) FROM profile)")
                 .getInt64() == 0;
    });
  }

 private:
  static constexpr std::string_view kContactColumns =
      "SELECT id, opportunity_id, name, role, email, phone, linkedin, agency, notes";

  static std::vector<Contact> read_contacts(SQLite::Statement& q) {
    std::vector<Contact> out;
    while (q.executeStep()) {
      Contact c;
      c.id = q.getColumn(0).getInt64();
      c.opportunity_id = q.getColumn(1).getString();
      c.name = q.getColumn(2).getString();
      c.role = parse_enum<ContactRole>(q.getColumn(3).getString(), kContactRoleNames).value_or(ContactRole::other);
      c.email = q.getColumn(4).getString();
      c.phone = q.getColumn(5).getString();
      c.linkedin = q.getColumn(6).getString();
      c.agency = q.getColumn(7).getInt() != 0;
      c.notes = q.getColumn(8).getString();
      out.push_back(std::move(c));
    }
    return out;
  }

  /// Binds every column of a message but its id, from parameter `first` on.
  static void bind_message(SQLite::Statement& q, const SavedMessage& m, int first) {
    int i = first;
    q.bind(i++, m.opportunity_id);
    q.bind(i++, m.kind);
    q.bind(i++, m.channel);
    q.bind(i++, m.tone);
    q.bind(i++, m.reason);
    q.bind(i++, static_cast<int64_t>(m.variant));
    q.bind(i++, m.recipient);
    q.bind(i++, m.subject);
    q.bind(i++, m.body);
    q.bind(i++, m.status);
    q.bind(i++, m.origin);
    q.bind(i++, format_iso_utc(m.created_at));
    if (m.send_by) {
      q.bind(i++, format_iso_utc(*m.send_by));
    } else {
      q.bind(i++);
    }
    if (m.sent_at) {
      q.bind(i++, format_iso_utc(*m.sent_at));
    } else {
      q.bind(i++);
    }
  }

  std::vector<Assessment> read_assessments(const std::string& opportunity_id, bool newest_only) {
    return guard([&] {
      std::string sql = "SELECT id, opportunity_id, at, kind, framework, answers, verdict FROM assessments";
      if (!opportunity_id.empty()) sql += " WHERE opportunity_id = ?";
      sql += newest_only ? " ORDER BY id DESC LIMIT 1" : " ORDER BY id";
      SQLite::Statement q(m_db, sql);
      if (!opportunity_id.empty()) q.bind(1, opportunity_id);
      std::vector<Assessment> out;
      while (q.executeStep()) {
        Assessment a;
        a.id = q.getColumn(0).getInt64();
        a.opportunity_id = q.getColumn(1).getString();
        a.at = parse_iso_utc(q.getColumn(2).getString()).value_or(Instant{});
        a.kind = q.getColumn(3).getString();
        a.framework = q.getColumn(4).getString();
        a.answers = q.getColumn(5).getString();
        a.verdict = q.getColumn(6).getString();
        out.push_back(std::move(a));
      }
      return out;
    });
  }

  static SQLite::Database open(const std::string& path, int flags) {
    try {
      return SQLite::Database(path, flags);
    } catch (const std::exception& e) {
      storage_error(path, e);
    }
  }

  template <typename F>
  auto guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      storage_error(m_path, e);
    }
  }

  void exec(const char* sql) {
    guard([&] { m_db.exec(sql); });
  }

  // Switching to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once instead
  // of waiting for the busy timeout: several kindly started together on a new database would
  // fail with "database is locked". Retry for as long as the busy timeout would have waited.
  void enable_wal() {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(kBusyTimeoutMs);
    for (;;) {
      try {
        m_db.exec("PRAGMA journal_mode = WAL");
        return;
      } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || steady_clock::now() > deadline) throw;
      }
      std::this_thread::sleep_for(milliseconds(5));
    }
  }

  void migrate(int target) {
    m_db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have migrated while we waited for the lock.
      int version = m_db.execAndGet("PRAGMA user_version").getInt();
      auto all = migrations();
      for (int v = version; v < target; ++v) {
        m_db.exec(std::string(all[static_cast<std::size_t>(v)]));
        m_db.exec("PRAGMA user_version = " + std::to_string(v + 1));
      }
      m_db.exec("COMMIT");
    } catch (...) {
      // SQLite may have rolled back already (a full disk, an I/O error): keep the first error.
      m_db.tryExec("ROLLBACK");
      throw;
    }
  }

  // A cached statement is reset when its use ends, also when a step threw: a statement left
  // half-run keeps its read snapshot open and refuses new bindings (SQLITE_MISUSE).
  class Reset {
   public:
    explicit Reset(SQLite::Statement& q) : m_q(q) {}
    ~Reset() { m_q.tryReset(); }
    Reset(const Reset&) = delete;
    Reset& operator=(const Reset&) = delete;

   private:
    SQLite::Statement& m_q;
  };

  SQLite::Statement& stmt(std::unique_ptr<SQLite::Statement>& slot, const std::string& sql) {
    if (!slot) slot = std::make_unique<SQLite::Statement>(m_db, sql);
    slot->tryReset();
    return *slot;
  }

  static std::string placeholders() {
    std::string p = "?, ?";
    for (std::size_t i = 0; i < opportunity_fields().size(); ++i) p += ", ?";
    return p + ", ?, ?";
  }

  static void bind_text(SQLite::Statement& q, int index, const std::string& v) {
    if (v.empty()) {
      q.bind(index);
    } else {
      q.bind(index, v);
    }
  }

  static void bind_row(SQLite::Statement& q, const Opportunity& o) {
    int i = 1;
    q.bind(i++, o.id);
    q.bind(i++, std::string(to_string(o.stage)));
    for (const auto& f : opportunity_fields()) {
      auto v = f.get(o);
      if (!v && not_null_column(f)) {
        q.bind(i++, std::string());
      } else if (!v) {
        q.bind(i++);
      } else if (integer_column(f)) {
        q.bind(i++, static_cast<int64_t>(std::stoll(*v)));
      } else {
        q.bind(i++, *v);
      }
    }
    q.bind(i++, format_iso_utc(o.created_at));
    q.bind(i++, format_iso_utc(o.updated_at));
  }

  // A column's text without copying it into a std::string; valid until the statement steps
  // again. `list` decodes thousands of rows of 36 columns (see docs/benchmarks.md).
  static std::string_view text_at(SQLite::Statement& q, int i) {
    SQLite::Column c = q.getColumn(i);
    const char* p = c.getText(nullptr);  // converts numbers to text first, then getBytes() fits
    return p ? std::string_view(p, static_cast<std::size_t>(c.getBytes())) : std::string_view();
  }

  static Opportunity read_row(SQLite::Statement& q) {
    Opportunity o;
    int i = 0;
    o.id = text_at(q, i++);
    o.stage = parse_enum<Stage>(text_at(q, i++), kStageNames).value_or(Stage::archived);
    std::optional<std::string> value;
    for (const auto& f : opportunity_fields()) {
      if (!q.isColumnNull(i)) {
        value.emplace(text_at(q, i));
        f.put(o, value);
      }
      ++i;
    }
    o.created_at = parse_iso_utc(text_at(q, i++)).value_or(Instant{});
    o.updated_at = parse_iso_utc(text_at(q, i++)).value_or(Instant{});
    return o;
  }

  static std::pair<std::string, std::vector<std::string>> where_clause(const ListFilter& f) {
    std::vector<std::string> stages;
    if (f.stage) {
      stages.emplace_back(to_string(*f.stage));
    } else if (f.scope != Scope::all) {
      for (std::size_t s = 0; s < kStageNames.size(); ++s) {
        if (is_open_index(s) == (f.scope == Scope::open)) stages.emplace_back(kStageNames[s]);
      }
    }
    if (stages.empty()) return {"", {}};
    std::string where = " WHERE stage IN (";
    for (std::size_t i = 0; i < stages.size(); ++i) where += i ? ", ?" : "?";
    return {where + ")", stages};
  }

  static bool is_open_index(std::size_t s) {
    return s <= static_cast<std::size_t>(Stage::started);
  }

  std::string m_path;
  SQLite::Database m_db;
  std::unique_ptr<SQLite::Statement> m_find, m_exists, m_insert, m_update_real,
      m_add_contact, m_append_log;
};

int flags_for(OpenMode mode) {
  return mode == OpenMode::create ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
                                  : SQLite::OPEN_READWRITE;
}

// Creates the database's folder when missing: private (0700) from the start, since it holds
// the user's job search; folders above it get the usual permissions. An existing folder is
// left as it is.
void prepare_directory(const std::string& path) {
  fs::path p(path);
  if (!p.has_parent_path()) return;
  std::error_code ec;
  fs::path dir = p.parent_path();
  if (fs::exists(dir, ec)) return;
  auto fail = [&](const std::string& why) {
    throw Error(ErrorKind::storage, "cannot create the folder " + dir.string() + " (" + why + ")",
                "pass another place with --db PATH or KINDLY_DB");
  };
  if (dir.has_parent_path()) {
    fs::create_directories(dir.parent_path(), ec);
    if (ec) fail(ec.message());
  }
  if (::mkdir(dir.c_str(), 0700) != 0) {
    if (errno != EEXIST) fail(std::strerror(errno));  // EEXIST: another kindly was quicker
    return;
  }
  ::chmod(dir.c_str(), 0700);  // exactly 0700, whatever the umask took away
}

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::create) prepare_directory(path);
  return std::make_unique<SqliteStore>(path, flags_for(mode), schema_version());
}

std::unique_ptr<Store> open_sqlite_store_at_version(const std::string& path, int version) {
  prepare_directory(path);
  return std::make_unique<SqliteStore>(path, flags_for(OpenMode::create), version);
}

}  // namespace kindly
