// The one error type of kindly: a kind, a message and a way out.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace kindly {

/// What went wrong, which decides the exit code (see exit_code()).
enum class ErrorKind { usage, not_found, conflict, storage, io, internal };

/// Thrown from core, store and app; caught once per front end.
/// Messages are lower-case and name the value; the hint says what to do instead.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, std::string hint = {})
        : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint)) {}

  ErrorKind kind() const { return m_kind; }
  const std::string& hint() const { return m_hint; }

 private:
  ErrorKind m_kind;
  std::string m_hint;
};

/// Documented exit codes: 0 ok, 1 failure, 2 usage, 3 storage.
inline int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return 2;
    case ErrorKind::storage:
      return 3;
    default:
      return 1;
  }
}

/// Short helpers so that throwing sites read like the message they produce.
[[noreturn]] inline void throw_usage(const std::string& message, std::string hint = {}) {
  throw Error(ErrorKind::usage, message, std::move(hint));
}

}  // namespace kindly
