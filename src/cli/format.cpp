// Tables and lines for the terminal.
#include "cli/format.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.h"
#include "core/files.h"
#include "core/stage.h"

namespace kindly::cli {

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (row.size() > widths.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i + 1 < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - display_width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }
  return out;
}

std::string title_of(const Opportunity& o) {
  return o.role.empty() ? o.company : o.company + " · " + o.role;
}

std::string one_line(std::string text) {
  for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; pos += 3) {
    text.replace(pos, 1, " / ");
  }
  return text;
}

std::string format_changes(const std::string& id, const std::vector<Change>& changes) {
  if (changes.empty()) return id + ": nothing changed (it was already that way)\n";
  std::string out;
  for (const auto& c : changes) {
    out += id + ": ";
    if (c.after.empty()) {
      out += c.field + " cleared (was " + one_line(c.before) + ")\n";
    } else if (c.before.empty()) {
      out += c.field + " = " + one_line(c.after) + "\n";
    } else {
      out += c.field + " " + one_line(c.before) + " → " + one_line(c.after) + "\n";
    }
  }
  return out;
}

std::string format_log(const std::vector<LogEntry>& entries, const date::time_zone* tz,
                       bool with_id) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries) {
    std::string when = format_local(e.at, tz);
    if (when.size() == 10) when += " 00:00";
    // Notes are the user's own words: mark them so they stand apart from recorded changes.
    std::string text = one_line(e.kind == "note" ? "note: " + e.text : e.text);
    if (with_id) {
      rows.push_back({when, e.opportunity_id.empty() ? "-" : e.opportunity_id, text});
    } else {
      rows.push_back({when, text});
    }
  }
  return format_table(rows);
}

std::string allowed_list(Stage s) {
  std::string out;
  for (Stage t : allowed_moves(s)) {
    if (!out.empty()) out += ", ";
    out += to_string(t);
  }
  return out;
}

std::string read_input(const std::string& source) {
  if (source != "-") return read_file(source, "check the path; use - to read from standard input");
  std::stringstream ss;
  ss << std::cin.rdbuf();
  return ss.str();
}

Json read_json_input(const std::string& source, const std::string& hint) {
  std::string text = read_input(source);
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // The parser's message without its "[json.exception.parse_error.101] " prefix.
    std::string what = e.what();
    if (what.starts_with("[json.exception.")) {
      if (auto end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
    }
    throw_usage((source == "-" ? std::string("standard input") : source) + ": not valid JSON (" + what + ")", hint);
  }
}

}  // namespace kindly::cli
