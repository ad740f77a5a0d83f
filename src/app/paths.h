// Every path kindly uses, decided in one place (XDG base directories, one override each).
#pragma once

#include <string>

namespace kindly {

/// The database: --db, else $KINDLY_DB, else $XDG_DATA_HOME/kindly/kindly.db
/// (default ~/.local/share/kindly/kindly.db). The folder is created 0700 on first write.
std::string database_path(const std::string& flag);

/// Where the database path came from, for `kindly --help` and errors.
std::string database_origin(const std::string& flag);

/// $XDG_CONFIG_HOME/kindly (default ~/.config/kindly): playbook overrides, word lists.
std::string config_dir();

/// Writes `text` to a temporary file beside `path`, syncs it and renames it over `path`: a reader
/// sees the old file or the new one, never half of one. The file is private (0600). Throws
/// Error(io) naming the path; nothing is left behind on failure.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace kindly
