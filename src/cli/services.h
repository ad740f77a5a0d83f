// What a command may touch, built once in main and passed down: no global state.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "app/context.h"
#include "app/json.h"
#include "playbook/playbook.h"

namespace kindly::cli {

/// Where results and notices go, and in which format.
struct Output {
  std::ostream& out;  ///< results
  std::ostream& err;  ///< notices and errors
  const bool& json;   ///< --json, read when a command runs

  /// A notice on stderr ("kindly: …"); silent in JSON mode only when asked.
  void notice(const std::string& text) const;
  /// Pretty JSON on stdout with a final newline.
  void print_json(const Json& j) const;
};

/// Global options, filled by the top-level parser.
struct GlobalOptions {
  std::string db;
  bool json = false;
  bool yes = false;
};

class Services {
 public:
  Services(GlobalOptions& options, const Clock& clock, Output& output, bool interactive);
  ~Services();

  /// Opens the store at first use (so --help and --version never touch the disk).
  Context& context();
  const std::string& db_path();
  /// The playbook in effect (built-in plus overrides); problems with overrides are reported
  /// once on stderr and the built-in files are used.
  const playbook::Playbook& playbook();
  /// Asks on the terminal (stderr) and reads a line from stdin; empty on end of input.
  std::string ask(const std::string& prompt);

  GlobalOptions& options;
  const Clock& clock;
  Output& output;
  bool interactive;  ///< stdin and stderr are terminals
  bool mutating = false;  ///< the command writes (from the command table); read-only ones never create a file
  bool check_rules = true;  ///< the command checks drafts: load check.toml with the playbook

 private:
  std::unique_ptr<Store> m_store;
  std::optional<Context> m_context;
  std::string m_db_path;
  std::optional<playbook::Playbook> m_playbook;
};

}  // namespace kindly::cli
