// The command-line driver: the command table, parsing, and the one place errors become exit codes.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/suggest.h"

#ifndef KINDLY_VERSION
#define KINDLY_VERSION "0.0.0"
#endif

namespace kindly::cli {

namespace {

// clang-format off
constexpr std::array kCommands = {
  Command{"accept",  "accept an offer, and draft the notes that close every other process", "decide", true, false, setup_accept},
  Command{"add",     "add an opportunity (an invitation, an application, an offer)", "track", true, false, setup_add},
  Command{"advise",  "which channel, to whom, in what order and by when to say it",    "write", false, false, setup_advise},
  Command{"archive", "put an opportunity away (it stays in the log and exports)",     "track", true, false, setup_archive},
  Command{"check",   "check a draft before it goes out, the way a compiler checks code", "write", false, true, setup_check},
  Command{"compare", "rank your offers on weighted criteria, and how robust the ranking is", "decide", false, false, setup_compare},
  Command{"contact", "add or list the people at an opportunity",                      "track", true, false, setup_contact},
  Command{"counter", "record improved or counter terms, and decide again",             "decide", true, false, setup_counter},
  Command{"decide",  "what to do about an opportunity, and exactly why",                "decide", true, false, setup_decide},
  Command{"draft",   "write the message: decline, withdraw, negotiate, keep in touch, …", "write", true, false, setup_draft},
  Command{"drafts",  "list the drafts kindly saved, and what was sent",                "write", false, false, setup_drafts},
  Command{"export",  "write everything to JSON, or the opportunities to CSV",         "data",  false, false, setup_export},
  Command{"import",  "read a kindly export, a CSV, or a Huntr or JobSync export",     "data",  true, false, setup_import},
  Command{"list",    "list opportunities, nearest deadline first",                    "track", false, false, setup_list},
  Command{"log",     "show the activity log",                                         "track", false, false, setup_log},
  Command{"move",    "move an opportunity to another stage",                          "track", true, false, setup_move},
  Command{"note",    "add a dated note to an opportunity",                            "track", true, false, setup_note},
  Command{"playbook", "list, show or check the knowledge kindly applies",             "decide", false, true, setup_playbook},
  Command{"profile", "show or set your name, signature, time zone, goals, non-negotiables", "you", true, false, setup_profile},
  Command{"rm",      "delete an opportunity for good",                                "track", true, false, setup_rm},
  Command{"score",   "score an opportunity 1-5 on the comparison criteria",            "decide", true, false, setup_score},
  Command{"sent",    "record that a message went out, and close the opportunity to match", "write", true, false, setup_sent},
  Command{"set",     "change fields of an opportunity: FIELD=VALUE …",                "track", true, false, setup_set},
  Command{"show",    "everything about one opportunity",                              "track", false, false, setup_show},
  Command{"status",  "what is open, what is due next (the default)",                  "track", false, false, setup_status},
  Command{"weights", "set the criteria weights directly or by pairwise comparison (AHP)", "decide", true, false, setup_weights},
};
// clang-format on

std::string command_overview() {
  std::string out;
  const std::pair<std::string_view, std::string_view> categories[] = {
      {"track", "Keep track"}, {"decide", "Decide"}, {"write", "Say it"}, {"you", "You"}, {"data", "Your data"}};
  for (auto [cat, title] : categories) {
    out += "\n" + std::string(title) + ":\n";
    for (const auto& c : kCommands) {
      if (c.category != cat) continue;
      std::string name(c.name);
      name.resize(10, ' ');
      out += "  " + name + std::string(c.summary) + "\n";
    }
  }
  out +=
      "\nStart here:\n"
      "  kindly add Acme --role \"Data Engineer\" --stage offer --offer-deadline friday\n"
      "  kindly list\n"
      "  kindly show acme\n"
      "\nRun 'kindly COMMAND --help' for a command's options and examples.\n"
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 storage error.\n";
  return out;
}

std::unique_ptr<Clock> make_clock() {
  // Tests and benchmarks fix "now" so that relative dates are reproducible.
  if (const char* fixed = std::getenv("KINDLY_NOW"); fixed && *fixed) {
    if (auto t = parse_iso_utc(fixed)) return std::make_unique<FixedClock>(*t);
    throw Error(ErrorKind::usage, std::string("KINDLY_NOW: '") + fixed + "' is not a UTC time",
                "use the form 2026-03-02T10:00:00Z, or unset it");
  }
  return std::make_unique<SystemClock>();
}

int report(const Output& out, const Error& e) {
  out.err << "kindly: " << e.what() << '\n';
  if (!e.hint().empty()) out.err << "  hint: " << e.hint() << '\n';
  return exit_code(e.kind());
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

int run(int argc, char** argv) {
  GlobalOptions options;
  Output output{std::cout, std::cerr, options.json};
  std::ios::sync_with_stdio(false);

  // Fast path: the version never needs more than this.
  if (argc == 2 && (std::string_view(argv[1]) == "--version" || std::string_view(argv[1]) == "-V")) {
    std::cout << "kindly " KINDLY_VERSION "\n";
    return 0;
  }

  // An unknown command gets the nearest names before CLI11 sees it.
  if (argc >= 2 && argv[1][0] != '-') {
    std::string_view word = argv[1];
    bool known = word == "help";
    std::vector<std::string> names;
    for (const auto& c : kCommands) {
      names.emplace_back(c.name);
      known = known || c.name == word;
    }
    // Words people reach for, mapped to kindly's names (suggested, never run).
    static const std::pair<std::string_view, std::string_view> kSynonyms[] = {
        {"ls", "list"},   {"remove", "rm"},  {"delete", "rm"}, {"del", "rm"},   {"new", "add"},
        {"create", "add"}, {"edit", "set"},  {"update", "set"}, {"info", "show"}, {"view", "show"},
        {"history", "log"}, {"stage", "move"}, {"me", "profile"}};
    if (word == "ls") known = true;
    if (!known) {
      for (auto [from, to] : kSynonyms) {
        if (word == from) {
          return report(output, Error(ErrorKind::usage, "unknown command '" + std::string(word) + "'",
                                      "did you mean 'kindly " + std::string(to) + "'?"));
        }
      }
      std::string hint = did_you_mean(word, names);
      return report(output, Error(ErrorKind::usage, "unknown command '" + std::string(word) + "'",
                                  hint.empty() ? "run 'kindly --help' for the commands" : hint));
    }
    if (word == "help") {
      // "kindly help add" is "kindly add --help".
      std::vector<char*> args(argv, argv + argc);
      args.erase(args.begin() + 1);
      static char help_flag[] = "--help";
      args.push_back(help_flag);
      return run(static_cast<int>(args.size()), args.data());
    }
  }

  try {
    auto clock = make_clock();
    bool interactive = ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO);
    Services services(options, *clock, output, interactive);

    CLI::App app{"kindly: decide, say no kindly, and follow through at the end of a hiring process.",
                 "kindly"};
    app.set_version_flag("--version,-V", "kindly " KINDLY_VERSION);
    app.fallthrough();
    app.require_subcommand(0, 1);
    app.add_option("--db", options.db, "the database file (default: $KINDLY_DB, else "
                                       "$XDG_DATA_HOME/kindly/kindly.db)")
        ->type_name("PATH");
    app.add_flag("--json", options.json, "print results as JSON, for scripts");
    app.get_formatter()->column_width(30);
    for (const auto& c : kCommands) {
      c.setup(app, services);
      // The table says whether a command writes; the store opens accordingly.
      // Only the commands that use the checker's rules pay for parsing them.
      app.get_subcommand(std::string(c.name))->preparse_callback([&services, m = c.mutates, r = c.check_rules](std::size_t) {
        services.mutating = m;
        services.check_rules = r;
      });
    }
    app.footer(command_overview());  // after the commands, so they do not inherit it
    // Hide the built-in subcommand list: the footer groups them.
    for (auto* sub : app.get_subcommands({})) sub->group("");

    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      output.out << app.help();
      return 0;
    } catch (const CLI::CallForAllHelp&) {
      output.out << app.help("", CLI::AppFormatMode::All);
      return 0;
    } catch (const CLI::CallForVersion&) {
      output.out << "kindly " KINDLY_VERSION "\n";
      return 0;
    } catch (const CLI::ParseError& e) {
      // --help on a subcommand arrives here too.
      // The innermost command given ("kindly contact add"), for help and for messages.
      CLI::App* deepest = &app;
      std::string where = "kindly";
      while (!deepest->get_subcommands().empty()) {
        deepest = deepest->get_subcommands().front();
        where += " " + deepest->get_name();
      }
      if (e.get_exit_code() == 0) {
        output.out << deepest->help();
        return 0;
      }
      std::string message = e.what();
      // CLI11 capitalises its sentences; kindly's messages are lower-case (but keep "ID", "FILE").
      if (message.size() > 1 && std::islower(static_cast<unsigned char>(message[1])))
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
      output.err << where << ": " << message << '\n';
      output.err << "  hint: see '" << where << " --help'\n";
      return 2;
    }
    if (app.get_subcommands().empty()) {
      // No command: the status, the main job until the web UI exists.
      run_status(services);
    }
    return 0;
  } catch (const Error& e) {
    return report(output, e);
  } catch (const std::exception& e) {
    return report(output, Error(ErrorKind::internal, std::string("internal error: ") + e.what(),
                                "this is a bug in kindly; please report it with the command you ran"));
  }
}

}  // namespace kindly::cli
