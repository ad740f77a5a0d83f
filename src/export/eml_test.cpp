#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "export/eml.h"
#include "export/mailto.h"

namespace kindly {
namespace {

Instant at(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

EmailDraft sample() {
  EmailDraft d;
  d.from_name = "José Müller-Łukasiewicz";
  d.from_email = "jose@example.org";
  d.to_name = "Søren Kierkegaard, Talent Acquisition";
  d.to_email = "soren@acme.example";
  d.subject = "Your offer for the Data Engineer role — thank you, and my decision 🙏 (Zürich)";
  d.body =
      "Dear Søren,\n\nThank you for the offer and for the time you and the team gave me.\n"
      "After careful thought I have decided not to accept it. This line is deliberately long so that "
      "quoted-printable has to break it with soft line breaks, and it ends with a space \n"
      "=3D is not an escape here; neither is =?utf-8?B?eA==?=.\n"
      ".\nFrom the bottom of my heart, best wishes,\nJosé";
  d.date = at(2026, 3, 6, 9, 5, 7);
  d.message_id_domain = "kindly.example";
  return d;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto end = s.find("\r\n", start);
    if (end == std::string::npos) {
      out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

TEST(Eml, DateIsRfc5322InUtc) {
  EXPECT_EQ(rfc5322_date(at(2026, 3, 6, 9, 5, 7)), "Fri, 06 Mar 2026 09:05:07 +0000");
  EXPECT_EQ(rfc5322_date(at(2026, 11, 23, 16, 42, 0)), "Mon, 23 Nov 2026 16:42:00 +0000");
  EXPECT_EQ(rfc5322_date(at(2000, 2, 29, 23, 59, 59)), "Tue, 29 Feb 2000 23:59:59 +0000");
}

TEST(Eml, EncodedWordsOnlyWhenNeeded) {
  EXPECT_EQ(encode_header_words("Plain subject"), "Plain subject");
  EXPECT_EQ(encode_header_words("Café"), "=?utf-8?B?Q2Fmw6k=?=");
  // Text that looks like an encoded-word is itself encoded, so it is not decoded by mistake.
  EXPECT_EQ(encode_header_words("=?x?="), "=?utf-8?B?PT94Pz0=?=");
}

TEST(Eml, HeadersCrlfFoldedAndComplete) {
  std::string eml = to_eml(sample());
  // Every line ends in CRLF: no bare LF or CR anywhere.
  for (std::size_t i = 0; i < eml.size(); ++i) {
    if (eml[i] == '\n') {
      ASSERT_TRUE(i > 0 && eml[i - 1] == '\r') << "bare LF at " << i;
    }
    if (eml[i] == '\r') {
      ASSERT_TRUE(i + 1 < eml.size() && eml[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  auto header_end = eml.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos);
  std::string headers = eml.substr(0, header_end + 2);
  for (const auto& l : lines_of(headers)) {
    EXPECT_LE(l.size(), 78u) << l;
    for (unsigned char c : l) EXPECT_LT(c, 0x80) << "non-ASCII in header line: " << l;
  }
  for (const char* h : {"From: ", "To: ", "Subject: ", "Date: Fri, 06 Mar 2026 09:05:07 +0000\r\n", "Message-ID: <",
                        "MIME-Version: 1.0\r\n", "Content-Type: text/plain; charset=utf-8\r\n",
                        "Content-Transfer-Encoding: quoted-printable\r\n"}) {
    EXPECT_NE(headers.find(h), std::string::npos) << h;
  }
  // Body lines respect the quoted-printable limit.
  for (const auto& l : lines_of(eml.substr(header_end + 4))) EXPECT_LE(l.size(), 76u) << l;
}

TEST(Eml, LongAsciiSubjectFoldsAtSpacesAndUnfoldsExactly) {
  EmailDraft d = sample();
  d.subject = "A very long plain subject line that certainly needs folding because it goes on and on and on";
  std::string eml = to_eml(d);
  auto s = eml.find("Subject:");
  auto e = eml.find("\r\nDate:");
  std::string field = eml.substr(s, e - s);
  EXPECT_NE(field.find("\r\n "), std::string::npos);
  std::string unfolded;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    unfolded += field[i];
  }
  EXPECT_EQ(unfolded, "Subject: " + d.subject);
}

TEST(Eml, AsciiNamesWithSpecialsAreQuoted) {
  EmailDraft d = sample();
  d.from_name = "Doe, Jane \"JD\"";
  d.to_name = "";
  std::string eml = to_eml(d);
  EXPECT_NE(eml.find("From: \"Doe, Jane \\\"JD\\\"\" <jose@example.org>\r\n"), std::string::npos);
  EXPECT_NE(eml.find("To: soren@acme.example\r\n"), std::string::npos);
}

TEST(Eml, HeaderInjectionIsNeutralised) {
  EmailDraft d = sample();
  d.subject = "Hello\r\nBcc: evil@example.com";
  std::string eml = to_eml(d);
  EXPECT_EQ(eml.find("\r\nBcc:"), std::string::npos);
}

TEST(Eml, MessageIdIsDeterministicAndDiffersWithContent) {
  auto id = [](const EmailDraft& d) {
    std::string eml = to_eml(d);
    auto s = eml.find("Message-ID: ");
    return eml.substr(s, eml.find("\r\n", s) - s);
  };
  EmailDraft a = sample();
  EmailDraft b = sample();
  EXPECT_EQ(id(a), id(b));
  EXPECT_NE(id(a).find("@kindly.example>"), std::string::npos);
  b.body += "!";
  EXPECT_NE(id(a), id(b));
  b = sample();
  b.date += std::chrono::seconds(1);
  EXPECT_NE(id(a), id(b));
}

TEST(Eml, QuotedPrintable) {
  EXPECT_EQ(quoted_printable("a=b\r\nend "), "a=3Db\r\nend=20");
  EXPECT_EQ(quoted_printable("é"), "=C3=A9");
  EXPECT_EQ(quoted_printable("x\r\nFrom me"), "x\r\n=46rom me");  // mbox-safe
  std::string long_line(200, 'x');
  std::string qp = quoted_printable(long_line);
  for (const auto& l : lines_of(qp)) EXPECT_LE(l.size(), 76u);
  EXPECT_NE(qp.find("=\r\n"), std::string::npos);
}

TEST(Mailto, PercentEncodesUtf8AndCrlf) {
  EXPECT_EQ(to_mailto("jane@example.com", "Thank you", "Hi Jane,\nbye"),
            "mailto:jane@example.com?subject=Thank%20you&body=Hi%20Jane%2C%0D%0Abye");
  EXPECT_EQ(to_mailto("a@b.c", "Café & co?", ""), "mailto:a@b.c?subject=Caf%C3%A9%20%26%20co%3F");
  EXPECT_EQ(to_mailto("a@b.c", "", "x=1%"), "mailto:a@b.c?body=x%3D1%25");
  EXPECT_EQ(to_mailto("a@b.c", "", ""), "mailto:a@b.c");
  EXPECT_EQ(to_mailto("odd#name@b.c", "", ""), "mailto:odd%23name@b.c");
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::filesystem::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

// Python's own email and urllib packages, an independent implementation, read what we wrote.
constexpr const char* kPythonCheck = R"py(
import sys, pathlib, email.parser, email.policy, urllib.parse
d = pathlib.Path(sys.argv[1])
def out(name, text):
    (d / (name + ".out")).write_bytes(text.encode("utf-8"))
msg = email.parser.BytesParser(policy=email.policy.default).parsebytes((d / "sample.eml").read_bytes())
assert not msg.defects, msg.defects
out("subject", str(msg["subject"]))
out("from_name", msg["from"].addresses[0].display_name)
out("from_addr", msg["from"].addresses[0].addr_spec)
out("to_name", msg["to"].addresses[0].display_name)
out("to_addr", msg["to"].addresses[0].addr_spec)
out("date", msg["date"].datetime.isoformat())
out("content_type", msg.get_content_type() + ";" + msg.get_content_charset())
out("body", msg.get_content().replace("\r\n", "\n"))
url = urllib.parse.urlsplit((d / "sample.mailto").read_text("ascii"))
q = urllib.parse.parse_qs(url.query, keep_blank_values=True)
out("mailto_scheme", url.scheme)
out("mailto_to", urllib.parse.unquote(url.path))
out("mailto_subject", q["subject"][0])
out("mailto_body", q["body"][0])
)py";

TEST(Eml, PythonEmailPackageReadsItBack) {
  if (std::system("python3 -c 'import email' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  namespace fs = std::filesystem;
  const char* keep = std::getenv("KINDLY_EML_OUT");
  fs::path dir = keep && *keep ? fs::path(keep) : fs::temp_directory_path() / ("kindly_eml_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  EmailDraft d = sample();
  spit(dir / "sample.eml", to_eml(d));
  spit(dir / "sample.mailto", to_mailto(d.to_email, d.subject, d.body));
  spit(dir / "check.py", kPythonCheck);
  std::string cmd = "python3 '" + (dir / "check.py").string() + "' '" + dir.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  EXPECT_EQ(slurp(dir / "subject.out"), d.subject);
  EXPECT_EQ(slurp(dir / "from_name.out"), d.from_name);
  EXPECT_EQ(slurp(dir / "from_addr.out"), d.from_email);
  EXPECT_EQ(slurp(dir / "to_name.out"), d.to_name);
  EXPECT_EQ(slurp(dir / "to_addr.out"), d.to_email);
  EXPECT_EQ(slurp(dir / "date.out"), "2026-03-06T09:05:07+00:00");
  EXPECT_EQ(slurp(dir / "content_type.out"), "text/plain;utf-8");
  std::string body = slurp(dir / "body.out");
  if (!body.empty() && body.back() == '\n' && d.body.back() != '\n') body.pop_back();
  EXPECT_EQ(body, d.body);
  EXPECT_EQ(slurp(dir / "mailto_scheme.out"), "mailto");
  EXPECT_EQ(slurp(dir / "mailto_to.out"), d.to_email);
  EXPECT_EQ(slurp(dir / "mailto_subject.out"), d.subject);
  std::string crlf_body;
  for (char c : d.body) crlf_body += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(slurp(dir / "mailto_body.out"), crlf_body);
  if (!(keep && *keep)) fs::remove_all(dir);
}

}  // namespace
}  // namespace kindly
