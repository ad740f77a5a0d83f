// Reading a whole text file.
#include "core/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace kindly {

std::string read_file(const std::string& path, const std::string& hint) {
  const std::string why = hint.empty() ? "check the path and its permissions" : hint;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(ErrorKind::io, "cannot read " + path + ": it is a folder", why);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::io, "cannot read " + path + " (" + std::strerror(errno) + ")", why);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace kindly
