// The one table of commands: it drives help, "did you mean" and registration.
#pragma once

#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace kindly::cli {

class Services;

/// One row per command, sorted by name.
struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view category;  ///< "track", "decide", "write", "you", "data"
  bool mutates;               ///< writes to the database
  bool check_rules;           ///< uses the draft checker's rules (check.toml): only these parse them
  void (*setup)(CLI::App& app, Services& s);
};

std::span<const Command> commands();

// One setup function per command file (cmd_<name>.cpp).
void setup_accept(CLI::App&, Services&);
void setup_add(CLI::App&, Services&);
void setup_advise(CLI::App&, Services&);
void setup_archive(CLI::App&, Services&);
void setup_check(CLI::App&, Services&);
void setup_compare(CLI::App&, Services&);
void setup_contact(CLI::App&, Services&);
void setup_counter(CLI::App&, Services&);
void setup_decide(CLI::App&, Services&);
void setup_draft(CLI::App&, Services&);
void setup_drafts(CLI::App&, Services&);
void setup_export(CLI::App&, Services&);
void setup_import(CLI::App&, Services&);
void setup_list(CLI::App&, Services&);
void setup_log(CLI::App&, Services&);
void setup_move(CLI::App&, Services&);
void setup_note(CLI::App&, Services&);
void setup_playbook(CLI::App&, Services&);
void setup_profile(CLI::App&, Services&);
void setup_rm(CLI::App&, Services&);
void setup_score(CLI::App&, Services&);
void setup_sent(CLI::App&, Services&);
void setup_set(CLI::App&, Services&);
void setup_show(CLI::App&, Services&);
void setup_status(CLI::App&, Services&);
void setup_weights(CLI::App&, Services&);

/// The status screen, also shown by `kindly` with no command.
void run_status(Services& s);

/// Runs the command line; returns the exit code (0 ok, 1 failure, 2 usage, 3 storage).
int run(int argc, char** argv);

}  // namespace kindly::cli
