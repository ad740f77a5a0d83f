// Paths: XDG data and config homes with kindly's overrides.
#include "app/paths.h"

#include <cstdlib>

#include "core/error.h"

namespace kindly {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string home() {
  std::string h = env("HOME");
  if (h.empty()) {
    throw Error(ErrorKind::usage, "cannot find your home folder ($HOME is not set)",
                "pass --db PATH or set KINDLY_DB");
  }
  return h;
}
}  // namespace

std::string database_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (auto v = env("KINDLY_DB"); !v.empty()) return v;
  std::string data = env("XDG_DATA_HOME");
  if (data.empty() || data.front() != '/') data = home() + "/.local/share";
  return data + "/kindly/kindly.db";
}

std::string database_origin(const std::string& flag) {
  if (!flag.empty()) return "--db";
  if (!env("KINDLY_DB").empty()) return "KINDLY_DB";
  return env("XDG_DATA_HOME").empty() ? "default" : "XDG_DATA_HOME";
}

std::string config_dir() {
  std::string cfg = env("XDG_CONFIG_HOME");
  if (cfg.empty() || cfg.front() != '/') cfg = home() + "/.config";
  return cfg + "/kindly";
}

}  // namespace kindly
