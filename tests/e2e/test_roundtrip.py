#!/usr/bin/env python3
"""Export and import through the real binary and real files: round trips are byte-identical.

Scenarios:
  - JSON: a database built with add, set, move, contact, note, profile, rm and the Huntr and
    JobSync fixtures is exported, imported into an empty database and exported again; the two
    files must be the same bytes, and `export` to stdout must equal `export -o FILE`.
  - CSV: the exported CSV is parsed with Python's csv module (independently of kindly's reader):
    the header must be the JSON export's opportunity keys in order, one row per opportunity, every
    cell the JSON value in its stored text form. Importing it into an empty database and exporting
    again gives the same bytes.
  - A generated CSV of 2,000 rows with commas, quotes, line breaks, CRLF and non-ASCII text,
    written by Python's csv module, imports and survives export → import → export unchanged.

    test_roundtrip.py --kindly build/kindly --source .

Prints "N passed, M failed" last and exits non-zero on any failure.
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from harness import NOW, Checks, command_line  # noqa: E402


class Kindly:
    def __init__(self, binary, tmp):
        self.binary, self.tmp = binary, tmp

    def env(self, db):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("KINDLY_") and not k.startswith("XDG_")}
        env.update({"KINDLY_DB": os.path.join(self.tmp, db), "KINDLY_NOW": NOW,
                    "TZ": "Europe/Berlin", "HOME": os.path.join(self.tmp, "home"),
                    "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
        return env

    def run(self, db, *args, ok=True):
        p = subprocess.run([self.binary, *args], env=self.env(db), cwd=self.tmp,
                           capture_output=True)
        if ok and p.returncode != 0:
            raise RuntimeError(f"kindly {' '.join(args)} exited {p.returncode}: "
                               f"{p.stderr.decode(errors='replace')}")
        return p


def read(path):
    with open(path, "rb") as f:
        return f.read()


def stored_text(value):
    """A JSON value as kindly's CSV writes it."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def build_database(k, db, source):
    fixtures = os.path.join(source, "tests", "fixtures")
    k.run(db, "add", "Café Müller GmbH", "--role", "Head of Data", "--stage", "offer",
          "--offer-deadline", "friday 17:00", "--base", "95k", "--currency", "eur",
          "--bonus", "10%", "--vesting", "4y", "--visa", "offered", "--relocation", "yes",
          "--sign-on", "5,000", "--equity", "40k", "--work-mode", "hybrid",
          "--url", "https://cafe.example/jobs/1?ref=a,b")
    k.run(db, "add", "Acme", "--role", "Data Engineer", "--stage", "interviewing",
          "--rounds", "2", "--interview-at", "tomorrow 10:00", "--source", "referral")
    k.run(db, "add", "Acme", "--role", "Data Engineer")
    k.run(db, "set", "acme-data-engineer", "notes=first, with a comma\nsecond \"quoted\"\r\nthird",
          "location=Zürich, CH", "paperwork_signed=no")
    k.run(db, "move", "acme-data-engineer", "offer")
    k.run(db, "contact", "add", "acme-data-engineer", "Dana Smith", "--role", "recruiter",
          "--email", "dana@acme.example", "--agency")
    k.run(db, "contact", "add", "cafe", "Lee Park", "--role", "hiring-manager",
          "--phone", "+49 30 1234567")
    k.run(db, "note", "cafe", "asked for a week more; they said \"fine\"")
    k.run(db, "profile", "set", "name=Sam Lee", "timezone=Europe/Berlin",
          "non_negotiables=remote or hybrid; visa", "weights=compensation:0.3,role:0.25")
    k.run(db, "rm", "acme-data-engineer-2", "--yes")
    k.run(db, "import", os.path.join(fixtures, "huntr_board.csv"))
    k.run(db, "import", os.path.join(fixtures, "jobsync.csv"))
    # Decisions and comparison scores are part of "everything" too.
    k.run(db, "score", "cafe", "role=4", "culture=2.5")
    k.run(db, "decide", "cafe", "--answers", os.path.join(source, "tests", "fixtures", "answers_offer.json"))
    # Drafts and sent messages (with non-ASCII text) are stored too.
    k.run(db, "draft", "cafe", "--kind", "decline-offer", "--channel", "all", "--personal", "Danke für Ihre Zeit — wirklich.")
    k.run(db, "sent", "cafe", "--channel", "phone", "--at", "today 08:00")


def json_round_trip(c, k, source):
    build_database(k, "a.db", source)
    k.run("a.db", "export", "-o", "a.json")
    a = read(os.path.join(k.tmp, "a.json"))
    stdout = k.run("a.db", "export").stdout
    c.check(stdout == a, "json: export to stdout equals export -o FILE")
    doc = json.loads(a)
    c.check(len(doc["opportunities"]) == 11 and len(doc["contacts"]) == 2 and
            len(doc["log"]) > 15 and len(doc["assessments"]) == 1 and len(doc["scores"]) == 2 and
            len(doc["messages"]) == 4 and [m["status"] for m in doc["messages"]].count("sent") == 1,
            "json: the export holds everything",
            f"{len(doc['opportunities'])} opportunities, {len(doc['contacts'])} contacts, "
            f"{len(doc['assessments'])} assessments, {len(doc['scores'])} scores, "
            f"{len(doc.get('messages', []))} messages")
    c.check(doc["assessments"][0]["verdict"]["action"] in ("decline", "negotiate", "ask-for-time", "accept")
            and doc["assessments"][0]["answers"]["framework"] == "offer",
            "json: an assessment keeps its answers and verdict as objects")
    p = k.run("b.db", "import", "a.json", ok=False)
    c.check(p.returncode == 0, "json: import into an empty database", p.stderr.decode())
    k.run("b.db", "export", "-o", "b.json")
    b = read(os.path.join(k.tmp, "b.json"))
    c.check(a == b, "json: export → import → export is byte-identical",
            f"{len(a)} vs {len(b)} bytes")
    p = k.run("b.db", "import", "a.json", ok=False)
    c.check(p.returncode == 1 and b"not empty" in p.stderr,
            "json: a second import is refused (conflict, exit 1)", p.stderr.decode())
    c.check(k.run("b.db", "export").stdout == b, "json: the refused import changed nothing")
    return doc


def csv_round_trip(c, k, doc):
    k.run("a.db", "export", "--format", "csv", "-o", "a.csv")
    raw = read(os.path.join(k.tmp, "a.csv"))
    with open(os.path.join(k.tmp, "a.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    expected_header = list(doc["opportunities"][0].keys())
    c.check(header == expected_header, "csv: header is id, stage, the fields, created_at, "
            "updated_at", f"{header} != {expected_header}")
    c.check(len(body) == len(doc["opportunities"]), "csv: one row per opportunity",
            f"{len(body)} rows")
    mismatches = []
    for row, opp in zip(body, doc["opportunities"]):
        want = [stored_text(opp[key]) for key in expected_header]
        if row != want:
            mismatches.append((row, want))
    c.check(not mismatches, "csv: every cell is the stored value",
            repr(mismatches[:1]))
    c.check(raw.endswith(b"\n") and not raw.endswith(b"\r\n") and
            b"\r" not in raw.split(b"\n", 1)[0], "csv: records end with \\n, not CRLF")
    p = k.run("c.db", "import", "a.csv", ok=False)
    c.check(p.returncode == 0, "csv: import into an empty database", p.stderr.decode())
    k.run("c.db", "export", "--format", "csv", "-o", "c.csv")
    c.check(read(os.path.join(k.tmp, "c.csv")) == raw, "csv: export → import → export is "
            "byte-identical")


def generated_csv(c, k):
    rng = random.Random(7)
    pieces = ["a", "Zürich", "日本", "x,y", "say \"hi\"", "two\nlines", "crlf\r\nline", " ", "€",
              "'", ";", "—"]
    stages = ["invited", "interviewing", "offer", "negotiating", "declined", "ghosted"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["stage", "company", "role", "notes", "base", "location", "offer_deadline"])
    for i in range(2000):
        note = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))).strip()
        w.writerow([rng.choice(stages), f"Company {i % 300} {rng.choice(pieces).strip() or 'x'}",
                    rng.choice(["Engineer", "Lead, Data", "Analyst \"II\"", ""]), note,
                    rng.choice(["", "120k", "95,000", "1.5m"]),
                    rng.choice(["", "Berlin", "São Paulo, BR"]),
                    rng.choice(["", "2026-03-06", "friday 17:00", "2026-04-01T10:00:00Z"])])
    with open(os.path.join(k.tmp, "gen.csv"), "w", newline="", encoding="utf-8-sig") as f:
        f.write(out.getvalue())
    p = k.run("d.db", "import", "gen.csv", ok=False)
    c.check(p.returncode == 0 and b"imported 2,000 opportunities" in p.stdout,
            "generated: 2,000 rows with quotes, line breaks, CRLF and a BOM import",
            (p.stdout + p.stderr).decode()[:500])
    k.run("d.db", "export", "--format", "csv", "-o", "d.csv")
    with open(os.path.join(k.tmp, "d.csv"), newline="", encoding="utf-8") as f:
        exported = list(csv.DictReader(f))
    with open(os.path.join(k.tmp, "gen.csv"), newline="", encoding="utf-8-sig") as f:
        source = list(csv.DictReader(f))
    by_company_notes = sorted((r["company"], r["notes"]) for r in exported)
    expected = sorted((r["company"].strip(), r["notes"].strip()) for r in source)
    c.check(by_company_notes == expected, "generated: companies and notes arrive unchanged")
    k.run("e.db", "import", "d.csv")
    k.run("e.db", "export", "--format", "csv", "-o", "e.csv")
    c.check(read(os.path.join(k.tmp, "e.csv")) == read(os.path.join(k.tmp, "d.csv")),
            "generated: export → import → export is byte-identical")


def main():
    args = command_line()
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="kindly-roundtrip-") as tmp:
        os.makedirs(os.path.join(tmp, "home"))
        k = Kindly(os.path.abspath(args.kindly), tmp)
        try:
            doc = json_round_trip(c, k, os.path.abspath(args.source))
            csv_round_trip(c, k, doc)
            generated_csv(c, k)
        except Exception as e:  # a command that had to succeed did not
            c.check(False, "scenario ran to the end", str(e))
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
