#!/usr/bin/env python3
"""SIGKILL in the middle of a large import: the database stays sound and has all or none of it.

A 60,000-row kindly CSV is imported once to measure how long an import takes (T). Then, for
several delays spread over T (and one after it), a fresh copy of a database that already holds
one opportunity gets the same import, killed with SIGKILL after the delay. Afterwards Python's
sqlite3 checks PRAGMA integrity_check, and the database must hold either just the original
opportunity and its log line, or all 60,000 imported rows with 60,000 import log lines; then
kindly itself must still read and write it. Just before each kill a probe tries to take the
write lock: at least one kill must land while the import held it (inside its one transaction),
or the test proves nothing and fails.

    test_import_kill.py --kindly build/kindly --source . [--rows 60000]

Prints "N passed, M failed" last and exits non-zero on any failure.
"""
import csv
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from harness import NOW, Checks, kindly_env, command_line  # noqa: E402




def write_rows(path, rows):
    stages = ["invited", "interviewing", "offer", "negotiating", "rejected", "ghosted"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["company", "role", "stage", "base", "currency", "offer_deadline", "notes"])
        for i in range(rows):
            w.writerow([f"Company {i}", f"Role {i % 13}", stages[i % len(stages)],
                        f"{80 + i % 90}k", "EUR", f"2026-03-{1 + i % 28:02d}",
                        f"row {i}, with \"quotes\"\nand a second line"])


def holds_write_lock(db):
    """True when another connection holds the database's write lock (the import's transaction)."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as e:
        return "locked" in str(e) or "busy" in str(e)
    finally:
        con.close()


def counts(db):
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        opportunities = con.execute("SELECT count(*) FROM opportunities").fetchone()[0]
        imports = con.execute("SELECT count(*) FROM log WHERE kind = 'import'").fetchone()[0]
        created = con.execute("SELECT count(*) FROM log WHERE kind = 'created'").fetchone()[0]
    finally:
        con.close()
    return integrity, opportunities, imports, created


def main():
    def options(ap):
        ap.add_argument("--rows", type=int, default=60000)
    args = command_line(None, options)
    kindly = os.path.abspath(args.kindly)
    rows = args.rows
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="kindly-kill-") as tmp:
        os.makedirs(os.path.join(tmp, "home"))
        data = os.path.join(tmp, "big.csv")
        write_rows(data, rows)

        # A database with one opportunity, copied for every run.
        seed = os.path.join(tmp, "seed.db")
        subprocess.run([kindly, "add", "Existing", "--role", "Keep Me"],
                       env=kindly_env(tmp, seed), check=True, capture_output=True)

        # How long a whole import takes here.
        timed = os.path.join(tmp, "timed.db")
        shutil.copy(seed, timed)
        start = time.monotonic()
        p = subprocess.run([kindly, "import", data], env=kindly_env(tmp, timed), capture_output=True)
        whole = time.monotonic() - start
        c.check(p.returncode == 0, f"a whole import of {rows:,} rows succeeds ({whole:.2f} s)",
                p.stderr.decode()[:300])
        integrity, opportunities, imports, _ = counts(timed)
        c.check(integrity == "ok" and opportunities == rows + 1 and imports == rows,
                "the whole import is all there", f"{integrity}, {opportunities}, {imports}")

        killed_early = 0
        killed_writing = 0
        for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.5):
            db = os.path.join(tmp, f"kill-{int(fraction * 100)}.db")
            shutil.copy(seed, db)
            proc = subprocess.Popen([kindly, "import", data], env=kindly_env(tmp, db),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(whole * fraction)
            writing = holds_write_lock(db)
            proc.send_signal(signal.SIGKILL)
            code = proc.wait()
            integrity, opportunities, imports, created = counts(db)
            outcome = ("none" if opportunities == 1 and imports == 0 else
                       "all" if opportunities == rows + 1 and imports == rows else "PARTIAL")
            if code == -signal.SIGKILL and outcome == "none":
                killed_early += 1
                killed_writing += writing
            state = "finished" if code != -signal.SIGKILL else (
                "killed inside its write transaction" if writing and outcome == "none"
                else "killed")
            name = f"kill after {whole * fraction:.2f} s ({state})"
            c.check(integrity == "ok", f"{name}: integrity_check ok", integrity)
            c.check(outcome != "PARTIAL" and created == 1,
                    f"{name}: all or none of the import ({outcome})",
                    f"{opportunities} opportunities, {imports} import log lines")
            p = subprocess.run([kindly, "add", "After", "--role", "Kill"], env=kindly_env(tmp, db),
                               capture_output=True)
            listed = subprocess.run([kindly, "list", "--all", "--json"], env=kindly_env(tmp, db),
                                    capture_output=True)
            c.check(p.returncode == 0 and listed.returncode == 0 and b"after-kill" in listed.stdout,
                    f"{name}: kindly still reads and writes the database",
                    (p.stderr + listed.stderr).decode()[:300])
        c.check(killed_early >= 1 and killed_writing >= 1,
                f"kills landed before the import finished ({killed_early}), some while it was "
                f"writing ({killed_writing})")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
