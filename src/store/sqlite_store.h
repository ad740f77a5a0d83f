// The embedded store: one SQLite file in WAL mode, synchronous=FULL, foreign keys on.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace kindly {

/// How to open: create the file (and its 0700 directory) when missing, or only open.
enum class OpenMode { create, existing };

/// Opens (and migrates) the database at `path`. Throws Error(storage) for a file that is not a
/// database, is unreadable, or was written by a newer kindly; such files are never written.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode = OpenMode::create);

/// Opens at a given schema version without migrating further (for migration tests).
std::unique_ptr<Store> open_sqlite_store_at_version(const std::string& path, int version);

}  // namespace kindly
