// Reading a whole text file, with kindly's error when it cannot be read.
#pragma once

#include <string>

namespace kindly {

/// The file's bytes. Throws Error(io) "cannot read PATH (reason)" with `hint` (a general one
/// when empty), also for a folder.
std::string read_file(const std::string& path, const std::string& hint = {});

}  // namespace kindly
