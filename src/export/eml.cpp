// RFC 5322 / MIME .eml files: headers encoded per RFC 2047 and folded, body quoted-printable.
#include "export/eml.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace kindly {

namespace {

constexpr std::size_t kMaxLine = 78;  // RFC 5322 §2.1.1: SHOULD be no more than 78 characters

std::string one_line(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

bool printable_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string base64(std::string_view in) {
  static constexpr char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t v = (std::uint32_t(static_cast<unsigned char>(in[i])) << 16) |
                      (std::uint32_t(static_cast<unsigned char>(in[i + 1])) << 8) |
                      std::uint32_t(static_cast<unsigned char>(in[i + 2]));
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += t[v & 63];
  }
  if (i < in.size()) {
    std::uint32_t v = std::uint32_t(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size()) v |= std::uint32_t(static_cast<unsigned char>(in[i + 1])) << 8;
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
std::size_t utf8_len(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Encoded-words of at most 42 bytes of text each (56 base64 characters, 68 with the wrapper), so
// that even the first one fits on a line after "Subject: "; never splits a UTF-8 character.
std::vector<std::string> encoded_words(const std::string& text) {
  constexpr std::size_t kChunk = 42;
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t n = utf8_len(static_cast<unsigned char>(text[end]));
      if (end + n > text.size()) n = text.size() - end;
      if (end - i + n > kChunk && end > i) break;
      end += n;
    }
    out.push_back("=?utf-8?B?" + base64(std::string_view(text).substr(i, end - i)) + "?=");
    i = end;
  }
  return out;
}

// Pieces of a header value: the first as is, each later one starting with the whitespace before
// it, so a fold (CRLF before a piece) unfolds back to exactly the same text.
std::vector<std::string> pieces_at_spaces(const std::string& value) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == ' ' && !cur.empty() && cur.find_first_not_of(' ') != std::string::npos) {
      out.push_back(cur);
      cur.clear();
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string fold(const std::string& name, const std::vector<std::string>& pieces) {
  std::string out = name + ":";
  std::size_t col = out.size();
  bool first = true;
  for (const auto& p : pieces) {
    std::string piece = first ? (p.empty() || p[0] == ' ' ? p : " " + p) : p;
    if (!first && col + piece.size() > kMaxLine) {
      out += "\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
    first = false;
  }
  return out + "\r\n";
}

std::vector<std::string> word_pieces(const std::string& text) {
  auto words = encoded_words(text);
  for (std::size_t i = 1; i < words.size(); ++i) words[i] = " " + words[i];
  return words;
}

bool needs_encoding(const std::string& s) {
  return !printable_ascii(s) || s.find("=?") != std::string::npos;
}

// RFC 5322 "specials": a display name with any of them must be quoted.
bool has_specials(const std::string& s) {
  return s.find_first_of("()<>[]:;@\\,.\"") != std::string::npos;
}

std::vector<std::string> mailbox_pieces(const std::string& raw_name, const std::string& email) {
  std::string name = one_line(raw_name);
  std::string addr = one_line(email);
  if (name.find_first_not_of(' ') == std::string::npos) return {addr};
  std::vector<std::string> pieces;
  if (needs_encoding(name)) {
    pieces = word_pieces(name);
  } else if (has_specials(name)) {
    std::string q = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    pieces = pieces_at_spaces(q + "\"");
  } else {
    pieces = pieces_at_spaces(name);
  }
  pieces.push_back(" <" + addr + ">");
  return pieces;
}

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= 0xFF;  // field separator
  h *= 1099511628211ull;
  return h;
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::string crlf_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}


std::string rfc5322_date(Instant t) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = floor<std::chrono::days>(t);
  year_month_day ymd{day};
  weekday wd{day};
  hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", days[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string encode_header_words(const std::string& text) {
  if (!needs_encoding(text)) return text;
  std::string out;
  for (const auto& w : word_pieces(text)) out += w;
  return out;
}

std::string quoted_printable(const std::string& text) {
  static constexpr char hexd[] = "0123456789ABCDEF";
  constexpr std::size_t kQpLine = 76;
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\r\n", start);
    bool last = end == std::string::npos;
    if (last) end = text.size();
    std::string_view line(text.data() + start, end - start);
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool trailing_ws = (c == ' ' || c == '\t') && i + 1 == line.size();
      std::string tok;
      // "From " at the start of a line is escaped so mbox tools never mangle it to ">From ".
      bool mbox_from = i == 0 && line.substr(0, 5) == "From ";
      if (!mbox_from && ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !trailing_ws))) {
        tok = static_cast<char>(c);
      } else {
        tok = {'=', hexd[c >> 4], hexd[c & 0xF]};
      }
      // Keep room for the soft break '=' unless this token ends the line.
      std::size_t limit = i + 1 == line.size() ? kQpLine : kQpLine - 1;
      if (col + tok.size() > limit) {
        out += "=\r\n";
        col = 0;
      }
      out += tok;
      col += tok.size();
    }
    if (last) break;
    out += "\r\n";
    start = end + 2;
  }
  return out;
}

std::string to_eml(const EmailDraft& d) {
  std::string subject = one_line(d.subject);
  std::string body = crlf_lines(d.body);
  std::string date = rfc5322_date(d.date);

  std::uint64_t h = 14695981039346656037ull;
  for (std::string_view part : {std::string_view(d.from_name), std::string_view(d.from_email),
                                std::string_view(d.to_name), std::string_view(d.to_email),
                                std::string_view(subject), std::string_view(body), std::string_view(date)}) {
    h = fnv1a(h, part);
  }
  std::string domain = d.message_id_domain.empty() ? "kindly.invalid" : one_line(d.message_id_domain);
  std::string message_id = "<kindly." + std::to_string(d.date.time_since_epoch().count()) + "." + hex(h) + "@" + domain + ">";

  std::string out;
  out += fold("From", mailbox_pieces(d.from_name, d.from_email));
  out += fold("To", mailbox_pieces(d.to_name, d.to_email));
  out += fold("Subject", needs_encoding(subject) ? word_pieces(subject) : pieces_at_spaces(subject));
  out += "Date: " + date + "\r\n";
  out += "Message-ID: " + message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += quoted_printable(body);
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

}  // namespace kindly
