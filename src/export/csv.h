// CSV (RFC 4180): a reader on top of libcsv that knows each record's line, and a writer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

/// One record of a CSV text and the 1-based line it starts on (a quoted field may span lines).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

/// Why the text is not valid CSV, and the 1-based line where that was found.
struct CsvError {
  std::size_t line = 0;
  std::string message;  ///< lower-case, says what to change
};

/// A whole CSV text: every record up to the end, or up to the first error.
struct CsvTable {
  std::vector<CsvRecord> records;
  std::optional<CsvError> error;
};

/// Calls `on_record` for each record of `text`, in order, and returns the first error.
/// Follows RFC 4180: fields are separated by ',', records by LF or CRLF; a field in double
/// quotes may contain ',', '"' (doubled) and line breaks; spaces are part of fields. A UTF-8 byte
/// order mark at the start is skipped and blank lines are ignored. A quote inside an unquoted
/// field, text after a closing quote or an unclosed quote is an error.
/// The record passed to `on_record` is reused: copy what you keep.
std::optional<CsvError> read_csv(std::string_view text,
                                 const std::function<void(const CsvRecord&)>& on_record);

/// Reads all records of `text` into memory (see the streaming read_csv for the rules).
CsvTable read_csv(std::string_view text);

/// One field as written: quoted when it contains ',', '"', CR or LF, with quotes doubled.
std::string csv_field(std::string_view field);

/// Appends one record to `out`: fields joined by ',', then '\n'.
void append_csv_record(std::string& out, std::span<const std::string> fields);

}  // namespace kindly
