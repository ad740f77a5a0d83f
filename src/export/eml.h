// A message as an RFC 5322 .eml file (MIME, UTF-8, quoted-printable body), ready to open in any
// mail program or to import as a draft.
#pragma once

#include <string>

#include "core/dates.h"

namespace kindly {

struct EmailDraft {
  std::string from_name;   ///< display name, any UTF-8; empty: the bare address
  std::string from_email;  ///< addr-spec, ASCII
  std::string to_name;
  std::string to_email;
  std::string subject;  ///< any UTF-8; CR/LF become spaces
  std::string body;     ///< any UTF-8; line ends are normalised to CRLF
  Instant date{};
  std::string message_id_domain;  ///< right-hand side of the Message-ID; empty: "kindly.invalid"
};

/// The whole .eml: headers From, To, Subject, Date (UTC, "+0000"), Message-ID (derived from the
/// content and the date, so the same draft always gets the same id), MIME-Version, Content-Type
/// (text/plain; charset=utf-8), Content-Transfer-Encoding quoted-printable; CRLF line ends;
/// non-ASCII display names and subjects as RFC 2047 B encoded-words; header lines folded to at
/// most 78 columns wherever the text has room to fold.
std::string to_eml(const EmailDraft& draft);

/// Every line end (LF, CR or CRLF) as CRLF, as mail and mailto bodies need.
std::string crlf_lines(const std::string& text);

/// "Mon, 23 Nov 2026 16:42:00 +0000" (RFC 5322 date-time in UTC).
std::string rfc5322_date(Instant t);

/// One header value as RFC 2047 encoded-words ("=?utf-8?B?…?=") separated by spaces; the
/// value itself when it is printable ASCII and could not be mistaken for an encoded-word.
std::string encode_header_words(const std::string& text);

/// Quoted-printable (RFC 2045 §6.7) of a text whose lines end in CRLF; lines at most 76 columns.
std::string quoted_printable(const std::string& text);

}  // namespace kindly
