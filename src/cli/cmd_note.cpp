// kindly note ID TEXT…  and  kindly log [ID]
#include <CLI/CLI.hpp>
#include <memory>

#include "app/tracker.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"

namespace kindly::cli {

namespace {

struct NoteOptions {
  std::string id;
  std::vector<std::string> words;
};

struct LogOptions {
  std::string id;
  std::string limit;  ///< read here, so that a bad number gets kindly's own message
  bool all = false;
};

std::size_t parse_limit(const std::string& text) {
  if (text.empty()) return 50;
  std::size_t n = 0;
  bool digits = text.size() <= 9;
  for (char c : text) {
    digits = digits && c >= '0' && c <= '9';
    if (digits) n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (!digits || n == 0) {
    throw_usage("--limit: '" + text + "' is not a number of entries (1 or more)",
                "for example --limit 20, or --all for every entry");
  }
  return n;
}

void run_note(const NoteOptions& opts, Services& s) {
  std::string text;
  for (const auto& w : opts.words) text += (text.empty() ? "" : " ") + w;
  Context& ctx = s.context();
  LogEntry e = add_note(ctx, opts.id, text);
  if (s.output.json) {
    s.output.print_json(to_json(e));
    return;
  }
  s.output.out << e.opportunity_id << ": noted\n";
}

void run_log(const LogOptions& opts, Services& s) {
  std::size_t limit = parse_limit(opts.limit);
  Context& ctx = s.context();
  auto entries = read_log(ctx, opts.id, opts.all ? 0 : limit);
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& e : entries) arr.push_back(to_json(e));
    s.output.print_json(arr);
    return;
  }
  if (entries.empty()) {
    s.output.out << "nothing in the log yet (every add, change, move and note is written there)\n";
    return;
  }
  s.output.out << format_log(entries, ctx.tz, opts.id.empty());
}

}  // namespace

void setup_note(CLI::App& app, Services& s) {
  auto opts = std::make_shared<NoteOptions>();
  auto* cmd = app.add_subcommand("note", "Add a dated note to an opportunity.");
  cmd->add_option("ID", opts->id, "the opportunity's id, or any unique start of it")
      ->required()
      ->option_text(" ");
  cmd->add_option("TEXT", opts->words, "what happened; quotes are optional")->required()->option_text(" ");
  cmd->footer(R"(Notes go into the activity log with the time; see them with 'kindly log ID' or 'kindly show ID'.
Quote the text when it has characters the shell treats specially, such as ' ? * or $.

Examples:
  kindly note acme "Dana called: the deadline can move to Monday"
  kindly note acme hiring manager mentioned a reorg in Q3)");
  cmd->callback([opts, &s] { run_note(*opts, s); });
}

void setup_log(CLI::App& app, Services& s) {
  auto opts = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand("log", "Show the activity log.");
  cmd->add_option("ID", opts->id,
                  "only this opportunity (any unique start of its id; a removed one's full id works too)")
      ->option_text(" ");
  cmd->add_option("--limit,-n", opts->limit, "show the newest N entries (default 50)")->type_name("N");
  cmd->add_flag("--all", opts->all, "show every entry");
  cmd->footer(R"(Every change is logged with its time: adds, field changes, moves, contacts, notes, removals
and profile changes. Oldest first; the newest entries are at the bottom.

Examples:
  kindly log
  kindly log acme
  kindly log --all --json)");
  cmd->callback([opts, &s] { run_log(*opts, s); });
}

}  // namespace kindly::cli
