// Text presentation helpers shared by the commands: tables, dates, lists.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "app/json.h"
#include "app/tracker.h"

namespace kindly::cli {

/// Display width of UTF-8 text (code points; good enough for names).
std::size_t display_width(const std::string& s);

/// Left-aligned columns separated by two spaces; the last column is not padded.
std::string format_table(const std::vector<std::vector<std::string>>& rows);

/// "Acme · Data Engineer"
std::string title_of(const Opportunity& o);

/// Line breaks shown as " / ", for values such as a multi-line signature.
std::string one_line(std::string text);

/// One line per change: "  base = 120,000"
std::string format_changes(const std::string& id, const std::vector<Change>& changes);

/// "2026-03-06 14:00  id  text"
std::string format_log(const std::vector<LogEntry>& entries, const date::time_zone* tz,
                       bool with_id);

/// The allowed next stages, comma-separated.
std::string allowed_list(Stage s);

/// Reads a JSON document from a file, or standard input for "-". A missing file is an io error;
/// bad JSON a usage error naming the source, with `hint` (where the shape is documented).
Json read_json_input(const std::string& source, const std::string& hint);
/// The text of FILE, or of standard input for "-".
std::string read_input(const std::string& source);

}  // namespace kindly::cli
