// kindly export [--format json|csv] [-o FILE]: to stdout, or to a file written atomically.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "app/paths.h"
#include "app/transfer.h"
#include "cli/commands.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/fields.h"

namespace kindly::cli {

namespace {

struct ExportOptions {
  std::string format;
  std::string output;
};

std::string format_for(const ExportOptions& opts) {
  if (!opts.format.empty()) {
    std::string f = opts.format;
    for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (f != "json" && f != "csv") {
      throw_usage("--format: unknown export format '" + opts.format + "'",
                  "accepted: json (everything) or csv (the opportunities)");
    }
    return f;
  }
  std::string ext = std::filesystem::path(opts.output).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv" ? "csv" : "json";
}

void run_export(const ExportOptions& opts, Services& s) {
  std::string format = format_for(opts);
  Context& ctx = s.context();
  std::string text = format == "csv" ? export_csv(ctx) : export_json(ctx);
  if (opts.output.empty() || opts.output == "-") {
    s.output.out << text << std::flush;
    return;
  }
  write_file_atomically(opts.output, text);
  std::size_t count = ctx.store.count({Scope::all, std::nullopt});
  if (s.output.json) {
    s.output.print_json({{"file", opts.output},
                         {"format", format},
                         {"opportunities", count},
                         {"bytes", text.size()}});
    return;
  }
  s.output.out << "exported " << group_thousands(static_cast<std::int64_t>(count))
               << (count == 1 ? " opportunity" : " opportunities")
               << (format == "json" ? " with contacts, log and profile" : "") << " to "
               << opts.output << "\n";
}

}  // namespace

void setup_export(CLI::App& app, Services& s) {
  auto opts = std::make_shared<ExportOptions>();
  auto* cmd =
      app.add_subcommand("export", "Write everything to JSON, or the opportunities to CSV.");
  cmd->add_option("--format,-f", opts->format,
                  "json: everything, for backups and moving (default); csv: the opportunities, "
                  "for spreadsheets")
      ->type_name("json|csv");
  cmd->add_option("--output,-o", opts->output,
                  "write to FILE instead of stdout (atomically: the old file stays whole until the "
                  "new one is complete); a .csv name picks csv")
      ->type_name("FILE");
  cmd->footer(R"(
JSON holds the profile, every opportunity, contact and log line, with ids and times as stored:
'kindly import' of it into an empty database gives back the same data. CSV has one row per
opportunity: id, stage, every field (see 'kindly set --help'), created_at, updated_at, in the
stored forms (dates in UTC like 2026-03-06T17:00:00Z, amounts as whole numbers).
Files written with -o are readable by you only (mode 0600).

Examples:
  kindly export -o kindly-backup.json          (a full backup)
  kindly export --format csv > offers.csv      (open it in a spreadsheet)
  kindly export -o offers.csv                  (csv, from the name)
  kindly --db other.db export | kindly --db new.db import /dev/stdin --format json)");
  cmd->callback([opts, &s] { run_export(*opts, s); });
}

}  // namespace kindly::cli
