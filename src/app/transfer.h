// Import and export use cases: kindly's JSON and CSV, and Huntr and JobSync CSV exports.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/json.h"

namespace kindly {

/// Everything in the database as one JSON document, byte for byte reproducible:
/// {"kindly_export": 1, "profile": …, "opportunities": […], "contacts": […], "log": […]},
/// opportunities, contacts and log entries sorted by id, two-space indent, final newline.
std::string export_json(Context& ctx);

/// The opportunities as CSV: id, stage, every field of the field table in table order,
/// created_at, updated_at; canonical values; sorted by id; '\n' line ends.
std::string export_csv(Context& ctx);

/// The file formats `kindly import` reads.
enum class ImportFormat { json, csv, huntr, jobsync };

/// "json", "csv", "huntr", "jobsync".
std::string_view to_string(ImportFormat f);

/// Parses a format name; throws a usage error naming the accepted ones.
ImportFormat parse_import_format(std::string_view name);

/// Guesses the format from the file name and its first bytes: .json or a leading '{' is JSON;
/// a CSV header with Huntr's or JobSync's column names is theirs; any other CSV is kindly's.
ImportFormat detect_import_format(std::string_view path, std::string_view content);

/// What to import and how.
struct ImportRequest {
  std::string path;
  std::string format;                  ///< json, csv, huntr, jobsync; empty: detected
  bool dry_run = false;                ///< check and report, write nothing
  std::vector<std::string> stage_map;  ///< "NAME=STAGE" (or NAME=skip) for status names
};

/// A note or a problem about one place in the file; line 0 means the file as a whole.
struct ImportMessage {
  std::size_t line = 0;
  std::string text;
};

/// What an import did, or would do in a dry run.
struct ImportReport {
  std::string path;
  ImportFormat format = ImportFormat::csv;
  bool dry_run = false;
  std::size_t rows = 0;      ///< records read: CSV data rows, or JSON opportunities
  std::size_t imported = 0;  ///< opportunities created (or that would be)
  std::size_t skipped = 0;   ///< rows left out on purpose (wishlist, drafts)
  std::size_t contacts = 0;  ///< JSON only
  std::size_t log_entries = 0;
  bool profile = false;                 ///< JSON only: a non-empty profile was restored
  std::vector<ImportMessage> notes;     ///< non-fatal: skipped rows, values moved to notes
  std::vector<ImportMessage> problems;  ///< any problem: nothing was written

  /// True when the file had no problems (and, unless a dry run, was imported).
  bool ok() const { return problems.empty(); }
};

/// The report as JSON, for `kindly import --json`.
Json to_json(const ImportReport& r);

/// Called while importing with (rows done, rows total); may be empty.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads `req.path` and adds what it holds, all in one transaction: when any row has a problem,
/// nothing is written and the report lists every problem with its line. Rows of CSV, Huntr and
/// JobSync files are added to what is there (ids made unique like `kindly add`, one "import" log
/// line each); a JSON export is restored verbatim (ids, timestamps, contacts, log) and only into
/// an empty database. Throws for what is not about the file's content: an unreadable file
/// (io), an unknown format or a bad --stage-map (usage), JSON into a non-empty database
/// (conflict).
ImportReport import_file(Context& ctx, const ImportRequest& req,
                         const ImportProgress& progress = {});

}  // namespace kindly
