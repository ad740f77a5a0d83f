#!/usr/bin/env python3
"""The files and links `kindly draft` makes, read back by independent parsers.

`kindly draft ID -o FILE.eml` is parsed by Python's standard `email` package (policy.default,
which follows RFC 5322 and decodes RFC 2047 words and quoted-printable), and every header and the
body are compared with what `kindly draft ID --json` says; `--mailto` is split and decoded with
urllib.parse (RFC 3986 / RFC 6068) and compared the same way. Names, subject and body carry
non-ASCII text so that the encodings are exercised.

Usage: test_draft_files.py --kindly PATH --source DIR
"""
import email
import email.policy
import email.utils
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Checks, kindly_env, command_line  # noqa: E402


def main():
    args = command_line()
    kindly = os.path.abspath(args.kindly)
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="kindly-draft-files-") as tmp:
        env = kindly_env(tmp, os.path.join(tmp, "kindly.db"))

        def run(*argv, ok=True):
            p = subprocess.run([kindly, *argv], env=env, cwd=tmp, capture_output=True, text=True, timeout=60)
            if ok and p.returncode != 0:
                raise SystemExit(f"kindly {' '.join(argv)}: exit {p.returncode}\n{p.stderr}")
            return p

        run("add", "Café Müller", "--role", "Head of Data — Analytics", "--stage", "offer",
            "--offer-deadline", "friday")
        run("contact", "add", "cafe", "Jürgen Öztürk", "--role", "recruiter", "--email", "juergen@cafe.example")
        run("profile", "set", "name=Zoë Ångström", "email=zoe@example.org",
            "signature=Zoë Ångström · +49 170 000 0000")
        common = ["draft", "cafe", "--kind", "decline-offer", "--reason", "accepted-other-offer",
                  "--personal", "Ich habe die Gespräche sehr geschätzt — danke."]
        j = json.loads(run("--json", *common, "--channel", "email").stdout)
        c.check(j["channel"] == "email" and j["subject"] and "Jürgen" in j["body"],
                "json: an email with a subject, addressed to the contact", j)
        c.check(set(j) == {"kind", "channel", "subject", "body", "parts"}, "json: exactly the documented keys",
                sorted(j))

        # The .eml file.
        p = run(*common, "-o", "decline.eml")
        raw = open(os.path.join(tmp, "decline.eml"), "rb").read()
        c.check(b"\n" not in raw.replace(b"\r\n", b""), "eml: every line ends in CRLF")
        c.check(all(len(line) <= 998 for line in raw.split(b"\r\n")), "eml: no line longer than 998 octets")
        c.check(max(len(line) for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")) <= 78,
                "eml: header lines folded to 78 columns")
        c.check(all(b < 128 for b in raw), "eml: the file itself is 7-bit ASCII (RFC 2047 and quoted-printable)")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        c.check(msg["Subject"] == j["subject"], "eml: Subject decodes to the draft's subject",
                f"{msg['Subject']!r} vs {j['subject']!r}")
        to = email.utils.getaddresses([str(msg["To"])])
        c.check(to == [("Jürgen Öztürk", "juergen@cafe.example")], "eml: To is the contact", to)
        frm = email.utils.getaddresses([str(msg["From"])])
        c.check(frm == [("Zoë Ångström", "zoe@example.org")], "eml: From is the profile", frm)
        date = email.utils.parsedate_to_datetime(str(msg["Date"]))
        c.check(date.isoformat() == "2026-03-02T09:00:00+00:00", "eml: Date is now, in RFC 5322 form", msg["Date"])
        c.check(str(msg["Message-ID"]).startswith("<") and str(msg["Message-ID"]).endswith("@example.org>"),
                "eml: a Message-ID on the sender's domain", msg["Message-ID"])
        body = msg.get_content()
        c.check(body.replace("\r\n", "\n").rstrip("\n") == j["body"].rstrip("\n"),
                "eml: the body decodes to the draft's body, byte for byte", body)
        c.check(msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8",
                "eml: text/plain in UTF-8")
        c.check(not msg.defects, "eml: the parser reports no defects", msg.defects)

        # The mailto link.
        url = run(*common, "--mailto").stdout.strip()
        parts = urllib.parse.urlsplit(url)
        c.check(parts.scheme == "mailto", "mailto: the scheme", url[:40])
        c.check(urllib.parse.unquote(parts.path) == "juergen@cafe.example", "mailto: the address", parts.path)
        q = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        c.check(q.get("subject") == [j["subject"]], "mailto: the subject decodes", q.get("subject"))
        c.check(q.get("body", [""])[0].replace("\r\n", "\n") == j["body"], "mailto: the body decodes, CRLF line ends",
                q.get("body"))
        c.check(" " not in url and "\n" not in url, "mailto: nothing left unencoded")

        # Refusals.
        p = run(*common, "--channel", "phone", "-o", "x.eml", ok=False)
        c.check(p.returncode == 2 and "email" in p.stderr and not os.path.exists(os.path.join(tmp, "x.eml")),
                "a phone script cannot become an .eml; nothing is written", p.stderr)
        p = run(*common, "-o", os.path.join(tmp, "no", "such", "dir.eml"), ok=False)
        c.check(p.returncode == 1 and "cannot write" in p.stderr, "an unwritable path is a clear error", p.stderr)

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
