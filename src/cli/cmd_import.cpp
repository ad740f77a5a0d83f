// kindly import FILE [--format …] [--dry-run] [--stage-map NAME=STAGE]…
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <ostream>

#include "app/transfer.h"
#include "cli/commands.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/fields.h"

namespace kindly::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string format;
  bool dry_run = false;
  std::vector<std::string> stage_map;
};

// A one-line progress bar on stderr, for long imports on a terminal only.
class ProgressBar {
 public:
  static constexpr std::size_t kMinRows = 2000;

  ProgressBar(std::ostream& err, std::string label, bool enabled)
      : m_err(err), m_label(std::move(label)), m_enabled(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total) {
    if (!m_enabled || total <= kMinRows) return;
    std::size_t percent = done * 100 / total;
    if (m_drawn && percent == m_percent) return;
    m_percent = percent;
    m_drawn = true;
    constexpr std::size_t width = 30;
    std::size_t filled = done * width / total;
    m_err << '\r' << m_label << " [" << std::string(filled, '#') << std::string(width - filled, '.')
          << "] " << percent << "%  " << group_thousands(static_cast<std::int64_t>(done)) << "/"
          << group_thousands(static_cast<std::int64_t>(total)) << " rows" << std::flush;
  }

  void finish() {
    if (m_drawn) m_err << "\r\033[K" << std::flush;
    m_drawn = false;
  }

 private:
  std::ostream& m_err;
  std::string m_label;
  bool m_enabled;
  bool m_drawn = false;
  std::size_t m_percent = 0;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return group_thousands(static_cast<std::int64_t>(n)) + " " + (n == 1 ? one : many);
}

// "board.csv:4: note: …" and "board.csv:7: …", in line order.
void print_messages(const ImportReport& r, std::ostream& err) {
  struct Item {
    const ImportMessage* m;
    bool note;
  };
  std::vector<Item> items;
  for (const auto& m : r.notes) items.push_back({&m, true});
  for (const auto& m : r.problems) items.push_back({&m, false});
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.m->line < b.m->line; });
  for (const auto& i : items) {
    err << r.path;
    if (i.m->line > 0) err << ':' << i.m->line;
    err << ": " << (i.note ? "note: " : "") << i.m->text << '\n';
  }
}

std::string summary(const ImportReport& r) {
  std::string what = plural(r.imported, "opportunity", "opportunities");
  if (r.format == ImportFormat::json) {
    what += ", " + plural(r.contacts, "contact", "contacts") + ", " +
            plural(r.log_entries, "log entry", "log entries") +
            (r.profile ? " and the profile" : "");
  }
  std::string from = r.path + " (" + std::string(to_string(r.format)) + ")";
  std::string skipped = r.skipped ? "; skipped " + plural(r.skipped, "row", "rows") : "";
  if (r.dry_run) {
    return "dry run: " + from + " would import " + what + skipped + "; nothing was written\n";
  }
  return "imported " + what + " from " + from + skipped + "\n";
}

void run_import(const ImportOptions& opts, Services& s) {
  ImportRequest req{opts.file, opts.format, opts.dry_run, opts.stage_map};
  Context& ctx = s.context();
  ImportReport report;
  {
    // Only a terminal gets a bar; without a listener the import skips counting the rows first.
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    ProgressBar bar(s.output.err, "importing " + opts.file, terminal);
    ImportProgress progress;
    if (terminal)
      progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
    report = import_file(ctx, req, progress);
  }
  print_messages(report, s.output.err);
  if (s.output.json) {
    s.output.print_json(to_json(report));
  } else if (report.ok()) {
    s.output.out << summary(report);
  }
  if (!report.ok()) {
    throw Error(ErrorKind::usage,
                std::string(report.dry_run ? "dry run: " : "nothing imported: ") +
                    plural(report.problems.size(), "problem", "problems") + " in " + report.path,
                report.dry_run ? "fix the lines above and check again"
                               : "fix the lines above and run the import again; --dry-run "
                                 "checks a file without writing");
  }
}

}  // namespace

void setup_import(CLI::App& app, Services& s) {
  auto opts = std::make_shared<ImportOptions>();
  auto* cmd =
      app.add_subcommand("import", "Read a kindly export, a CSV, or a Huntr or JobSync export.");
  cmd->add_option("file", opts->file, "the file to read")->required()->type_name("FILE");
  cmd->add_option("--format,-f", opts->format,
                  "json (a kindly export), csv (kindly's columns), huntr (a Huntr board export) "
                  "or jobsync; default: from the name and the header")
      ->type_name("FORMAT");
  cmd->add_flag("--dry-run,-n", opts->dry_run,
                "check everything and say what would be imported, without writing");
  cmd->add_option("--stage-map", opts->stage_map,
                  "read the status NAME as kindly's STAGE (or skip those rows); repeatable")
      ->type_name("NAME=STAGE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->footer(R"(
All or nothing: the whole file is checked and written in one transaction. Every row with a
problem is listed as FILE:LINE: problem, and then nothing is imported (exit code 2). Notices
that change nothing important (skipped rows, values kept in notes) read FILE:LINE: note: ….

Formats:
  json     a 'kindly export': restores profile, opportunities, contacts and log exactly as they
           were (ids and times too); only into an empty database.
  csv      a header with at least 'company', then any of id, stage, created_at, updated_at and
           the fields of 'kindly set --help', in any order. Values are read like 'kindly set'
           reads them (120k, friday, 25/25/25/25). A missing id is made from company and role.
  huntr    a Huntr board export. listName becomes the stage: Wishlist rows are skipped (kindly
           starts at the invitation), Applied becomes interviewing. A single salary amount
           becomes base (and currency from $, € or £), a range stays in notes; a deadline is the
           offer_deadline of offers, else a note; htmlDescription is kept as plain text, cut to
           300 characters.
  jobsync  a JobSync export. Status becomes the stage (Draft skipped, Applied → interviewing,
           Expired → ghosted); workplaceType the work_mode; JobSource the source when it is
           Referral, Recruiter or Internal, else a note; jobType and appliedDate go to notes.
Rows of csv, huntr and jobsync files are added to what you have; an id already in use gets a
suffix (acme-data-engineer-2), as with 'kindly add'. Each gets an "import" line in the log.
A status no rule knows is an error: map it with --stage-map "NAME=STAGE" (STAGE is a kindly
stage, or skip).

Examples:
  kindly import kindly-backup.json                 (into a new, empty database)
  kindly import offers.csv --dry-run               (check first, write nothing)
  kindly import huntr-board.csv --stage-map "Phone Call=interviewing" --stage-map Saved=skip
  kindly import jobs.csv --format jobsync
  kindly --json import offers.csv                  (the report as JSON))");
  cmd->callback([opts, &s] { run_import(*opts, s); });
}

}  // namespace kindly::cli
