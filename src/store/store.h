// The Store interface: everything the app layer reads and writes. SQLite today, PostgreSQL next.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/opportunity.h"

namespace kindly {

/// Which opportunities `list` returns.
enum class Scope { open, closed, all };

struct ListFilter {
  Scope scope = Scope::open;
  std::optional<Stage> stage;  ///< overrides scope when set
};

/// Persistence for one user's data. Every method may throw Error(ErrorKind::storage).
/// Writes happen inside begin_write()/commit() — use WriteTransaction.
class Store {
 public:
  virtual ~Store() = default;

  /// Starts a write transaction that holds the write lock from its first statement.
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  virtual std::optional<Opportunity> find(const std::string& id) = 0;
  /// Ids starting with `prefix`, sorted; at most `limit`.
  virtual std::vector<std::string> ids_with_prefix(const std::string& prefix, int limit) = 0;
  virtual std::vector<std::string> all_ids() = 0;
  virtual bool id_exists(const std::string& id) = 0;
  /// Nearest deadline first, then most recently updated.
  virtual std::vector<Opportunity> list(const ListFilter& filter) = 0;
  virtual std::size_t count(const ListFilter& filter) = 0;
  virtual void insert(const Opportunity& o) = 0;
  virtual void update(const Opportunity& o) = 0;
  /// Removes the opportunity and its contacts; its log entries are kept, unlinked.
  virtual void remove(const std::string& id) = 0;

  /// Contacts of one opportunity, or of all when `opportunity_id` is empty.
  virtual std::vector<Contact> contacts(const std::string& opportunity_id) = 0;
  /// Contacts of the opportunities `filter` selects (say, the open ones), oldest first.
  virtual std::vector<Contact> contacts_in(const ListFilter& filter) = 0;
  /// Inserts and returns the new id (or keeps `c.id` when it is set, for imports).
  virtual std::int64_t add_contact(const Contact& c) = 0;

  /// Returns the entry's id (the given one when set, for imports).
  virtual std::int64_t append_log(const LogEntry& e) = 0;
  /// Newest last; of one opportunity or all when empty; `limit` 0 means no limit.
  virtual std::vector<LogEntry> log(const std::string& opportunity_id, std::size_t limit) = 0;

  virtual std::int64_t add_assessment(const Assessment& a) = 0;
  /// The newest assessment of one opportunity.
  virtual std::optional<Assessment> latest_assessment(const std::string& opportunity_id) = 0;
  /// Oldest first; of one opportunity or all when empty.
  virtual std::vector<Assessment> assessments(const std::string& opportunity_id) = 0;

  /// Scores of one opportunity by criterion.
  virtual std::map<std::string, double> scores(const std::string& opportunity_id) = 0;
  /// Every score, ordered by opportunity and criterion (for export).
  virtual std::vector<Score> all_scores() = 0;
  virtual void set_score(const std::string& opportunity_id, const std::string& criterion, double score) = 0;

  /// Inserts a message and returns its id (or keeps `m.id` when set, for imports).
  virtual std::int64_t add_message(const SavedMessage& m) = 0;
  /// Rewrites a stored message (status, sent_at, text) by id.
  virtual void update_message(const SavedMessage& m) = 0;
  /// Oldest first; of one opportunity or all when empty.
  virtual std::vector<SavedMessage> messages(const std::string& opportunity_id) = 0;

  virtual Profile profile() = 0;
  virtual void save_profile(const Profile& p) = 0;

  /// True when nothing at all is stored (for import into an empty database).
  virtual bool empty() = 0;
};

/// RAII write transaction: rolls back unless commit() was called.
class WriteTransaction {
 public:
  explicit WriteTransaction(Store& s) : m_store(s) { m_store.begin_write(); }
  ~WriteTransaction() {
    if (!m_done) {
      try {
        m_store.rollback();
      } catch (...) {
      }
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit() {
    m_store.commit();
    m_done = true;
  }

 private:
  Store& m_store;
  bool m_done = false;
};

}  // namespace kindly
