// Paths: XDG data and config homes with kindly's overrides.
#include "app/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace kindly {

namespace {
[[noreturn]] void write_error(const std::string& path, int err) {
  throw Error(ErrorKind::io, "cannot write " + path + " (" + std::strerror(err) + ")",
              "check that the folder exists and that you may write there; nothing was written");
}

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

void write_file_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throw Error(ErrorKind::io, "cannot write " + path + ": it is a folder",
                "give a file name, e.g. -o " + (dir / target.filename() / "kindly.json").string());
  }
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) write_error(path, errno);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      write_error(path, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    write_error(path, err);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    write_error(path, err);
  }
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}


}  // namespace kindly
