// kindly playbook list | show NAME | check FILE: the knowledge kindly applies, as data.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "app/paths.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/suggest.h"
#include "playbook/playbook.h"

namespace kindly::cli {

namespace {

std::string override_dir() { return config_dir() + "/playbook"; }

void run_list(Services& s) {
  std::vector<playbook::Diagnostic> notices;
  auto files = playbook::files(override_dir(), &notices);
  for (const auto& n : notices) s.output.err << "kindly: " << n.to_string() << "\n";
  if (s.output.json) {
    Json arr = Json::array();
    for (const auto& f : files) arr.push_back({{"name", f.name}, {"origin", f.origin}});
    s.output.print_json(arr);
    return;
  }
  std::vector<std::vector<std::string>> rows{{"NAME", "FROM"}};
  for (const auto& f : files) rows.push_back({f.name, f.origin});
  s.output.out << format_table(rows);
  s.output.out << "\nOverride a file by putting one of the same name in " << override_dir() << "/\n"
               << "(start from 'kindly playbook show NAME > " << override_dir() << "/NAME.toml').\n";
}

void run_show(const std::string& name, Services& s) {
  std::vector<playbook::Diagnostic> notices;
  auto files = playbook::files(override_dir(), &notices);
  for (const auto& n : notices) s.output.err << "kindly: " << n.to_string() << "\n";
  std::string key = name.ends_with(".toml") ? name.substr(0, name.size() - 5) : name;
  for (const auto& f : files) {
    if (f.name != key) continue;
    if (s.output.json) {
      s.output.print_json({{"name", f.name}, {"origin", f.origin}, {"text", f.text}});
    } else {
      s.output.out << f.text;
    }
    return;
  }
  std::string hint = did_you_mean(key, playbook::file_names());
  throw Error(ErrorKind::not_found, "no playbook file '" + name + "'", hint.empty() ? "see 'kindly playbook list'" : hint);
}

int run_check(const std::vector<std::string>& paths, Services& s) {
  std::size_t problems = 0;
  Json report = Json::array();
  for (const auto& path : paths) {
    auto diags = playbook::check_file(path);
    std::stable_sort(diags.begin(), diags.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    problems += diags.size();
    Json entry = {{"file", path}, {"problems", Json::array()}};
    for (const auto& d : diags) {
      entry["problems"].push_back({{"line", d.line}, {"message", d.message}});
      if (!s.output.json) s.output.err << d.to_string() << "\n";
    }
    report.push_back(entry);
    if (!s.output.json && diags.empty()) s.output.out << path << ": ok\n";
  }
  if (s.output.json) s.output.print_json(report);
  return problems ? 1 : 0;
}

}  // namespace

void setup_playbook(CLI::App& app, Services& s) {
  auto* cmd = app.add_subcommand("playbook", "The knowledge kindly applies: list, show, check.");
  cmd->require_subcommand(1);
  auto* list = cmd->add_subcommand("list", "List the playbook files and where each comes from.");
  list->callback([&s] { run_list(s); });
  auto name = std::make_shared<std::string>();
  auto* show = cmd->add_subcommand("show", "Print a playbook file as kindly uses it.");
  show->add_option("name", *name, "the file's name, e.g. offer_checklist")->required();
  show->callback([name, &s] { run_show(*name, s); });
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* check = cmd->add_subcommand("check", "Check your own playbook files before kindly uses them.");
  check->add_option("files", *paths, "the files to check; the name says which file each replaces")->required();
  check->callback([paths, &s] {
    if (run_check(*paths, s) != 0) {
      throw Error(ErrorKind::conflict, "the playbook files have problems (listed above)",
                  "fix them; until then kindly uses the built-in files");
    }
  });
  cmd->footer(R"(
The playbook is kindly's knowledge as TOML files: stages and what "no" means at each, reasons,
the CLEAR worksheet, the offer checklist and its threshold, the quick filter, reflection
questions, the five areas, false alarms, fixable and structural concerns, mobility rules,
non-negotiable patterns, rescind checks, timing windows and the comparison defaults.
A coach or a user may override any file from $XDG_CONFIG_HOME/kindly/playbook/ (default
~/.config/kindly/playbook/). A broken override is reported and the built-in file used.

Examples:
  kindly playbook list
  kindly playbook show offer_checklist
  kindly playbook check ~/.config/kindly/playbook/offer_checklist.toml)");
}

}  // namespace kindly::cli
