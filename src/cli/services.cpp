// Services: the lazily opened store and the output channels.
#include "cli/services.h"

#include <filesystem>
#include <iostream>

#include "app/paths.h"
#include "playbook/playbook.h"
#include "store/sqlite_store.h"

namespace kindly::cli {

void Output::notice(const std::string& text) const { err << "kindly: " << text << '\n'; }

void Output::print_json(const Json& j) const { out << j.dump(2) << '\n'; }

Services::Services(GlobalOptions& opts, const Clock& c, Output& o, bool inter)
    : options(opts), clock(c), output(o), interactive(inter) {}

Services::~Services() = default;

const std::string& Services::db_path() {
  if (m_db_path.empty()) m_db_path = database_path(options.db);
  return m_db_path;
}

Context& Services::context() {
  if (!m_context) {
    std::error_code ec;
    if (!mutating && !std::filesystem::exists(db_path(), ec)) {
      // Nothing stored yet, and this command only reads: answer from an empty database
      // instead of creating a file (a mistyped --db must not leave one behind).
      m_store = open_sqlite_store(":memory:");
    } else {
      m_store = open_sqlite_store(db_path());
    }
    const date::time_zone* tz = zone_for(m_store->profile());
    m_context.emplace(Context{*m_store, clock, tz});
  }
  return *m_context;
}

const playbook::Playbook& Services::playbook() {
  if (!m_playbook) {
    std::vector<playbook::Diagnostic> notices;
    m_playbook = playbook::load(config_dir() + "/playbook", &notices, check_rules);
    for (const auto& n : notices) output.err << "kindly: " << n.to_string() << '\n';
  }
  return *m_playbook;
}

std::string Services::ask(const std::string& prompt) {
  output.err << prompt << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return {};
  return line;
}

}  // namespace kindly::cli
