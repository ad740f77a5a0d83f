#!/usr/bin/env python3
"""Several kindly processes writing one database at once: every command succeeds, nothing is lost.

Each writer is a thread that runs `kindly add`, `kindly set` and `kindly note` one after the
other (one process each); the writers start together on a barrier, so that their processes
overlap all the time. Afterwards Python's sqlite3 counts the rows and log entries that must be
there and runs PRAGMA integrity_check.

Scenarios: four processes started at the same moment on a new database (15 times: they race
to create, switch to WAL and migrate it), two writers on a database that does not exist yet,
four writers on a new database, and four writers on an existing database while a reader lists
and shows.

    test_two_writers.py --kindly build/kindly --source . [--rounds 100]

Prints "N passed, M failed" last and exits non-zero on any failure. No timing is asserted.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from harness import NOW, Checks, kindly_env, command_line  # noqa: E402




class Writer(threading.Thread):
    """Runs `rounds` rounds of add, set and note, each its own kindly process."""

    def __init__(self, kindly, env, number, rounds, barrier):
        super().__init__(name=f"writer-{number}")
        self.kindly, self.env, self.number, self.rounds, self.barrier = kindly, env, number, rounds, barrier
        self.failures = []      # (command, exit code, stderr)
        self.commands = 0
        self.ids = []           # the ids this writer added
        self.shared_ids = []    # ids of the "same name" opportunities it added
        self.notes = []         # note texts it wrote
        self.sets = 0           # set commands, each changing two fields
        self.final = {}         # id -> (base, location) last set

    def run_kindly(self, *args):
        self.commands += 1
        p = subprocess.run([self.kindly, *args], env=self.env, capture_output=True, text=True)
        if p.returncode != 0:
            self.failures.append((" ".join(args)[:120], p.returncode, p.stderr.strip()))
        return p

    def run(self):
        self.barrier.wait()
        w = self.number
        for k in range(self.rounds):
            # Every writer also adds the same company and role: ids must still come out unique.
            company, role = (("Shared Co", "Same Role") if k % 10 == 0 else (f"W{w} Corp", f"Role {k}"))
            p = self.run_kindly("--json", "add", company, "--role", role, "--stage", "interviewing")
            if p.returncode != 0:
                continue
            try:
                opp_id = json.loads(p.stdout)["id"]
            except (ValueError, KeyError) as e:
                self.failures.append(("add: no id in the JSON output", 0, f"{e}: {p.stdout[:200]!r}"))
                continue
            (self.shared_ids if company == "Shared Co" else self.ids).append(opp_id)
            base = 50000 + w * 1000 + k
            location = f"City {w}-{k}"
            if self.run_kindly("set", opp_id, f"base={base}", f"location={location}").returncode == 0:
                self.sets += 1
                self.final[opp_id] = (base, location)
            text = f"writer {w} round {k}: called the recruiter"
            if self.run_kindly("note", opp_id, text).returncode == 0:
                self.notes.append((opp_id, text))


class Reader(threading.Thread):
    """Lists and shows while the writers write; every read must succeed."""

    def __init__(self, kindly, env, stop):
        super().__init__(name="reader")
        self.kindly, self.env, self.stop = kindly, env, stop
        self.failures = []
        self.reads = 0

    def run(self):
        while not self.stop.is_set():
            p = subprocess.run([self.kindly, "--json", "list", "--all"], env=self.env,
                               capture_output=True, text=True)
            self.reads += 1
            if p.returncode != 0:
                self.failures.append(("list", p.returncode, p.stderr.strip()))
                continue
            try:
                items = json.loads(p.stdout)
            except ValueError as e:
                self.failures.append(("list: bad JSON", 0, str(e)))
                continue
            if items:
                q = subprocess.run([self.kindly, "show", items[-1]["id"]], env=self.env,
                                   capture_output=True, text=True)
                self.reads += 1
                if q.returncode != 0:
                    self.failures.append(("show", q.returncode, q.stderr.strip()))


def scenario(checks, kindly, tmp, name, writers, rounds, existing=False, reader=False):
    print(f"# {name}")
    db = os.path.join(tmp, name.replace(" ", "-") + ".db")
    env = kindly_env(tmp, db)
    before_rows = before_log = 0
    if existing:
        for i in range(20):
            subprocess.run([kindly, "add", f"Existing {i}"], env=env, check=True, capture_output=True)
        before_rows = before_log = 20

    barrier = threading.Barrier(writers)
    threads = [Writer(kindly, env, w, rounds, barrier) for w in range(writers)]
    stop = threading.Event()
    read = Reader(kindly, env, stop) if reader else None
    if read:
        read.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if read:
        stop.set()
        read.join()

    failures = [f for t in threads for f in t.failures]
    commands = sum(t.commands for t in threads)
    checks.check(not failures, f"{name}: all {commands} commands exit 0",
                 "; ".join(f"`kindly {c}` exit {rc}: {err}" for c, rc, err in failures[:5]))
    if read:
        checks.check(not read.failures and read.reads > 0,
                     f"{name}: all {read.reads} concurrent reads exit 0",
                     "; ".join(f"{c} exit {rc}: {err}" for c, rc, err in read.failures[:5]))

    adds = sum(len(t.ids) + len(t.shared_ids) for t in threads)
    sets = sum(t.sets for t in threads)
    notes = sum(len(t.notes) for t in threads)
    checks.check(adds == writers * rounds, f"{name}: {writers * rounds} adds succeeded", f"{adds}")

    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT count(*) FROM opportunities").fetchone()[0]
        checks.check(rows == before_rows + adds, f"{name}: {before_rows + adds} opportunities stored",
                     f"found {rows}")
        want_log = before_log + adds + 2 * sets + notes  # created + two set lines + note
        log = con.execute("SELECT count(*) FROM log").fetchone()[0]
        checks.check(log == want_log, f"{name}: {want_log} log entries stored", f"found {log}")
        by_kind = dict(con.execute("SELECT kind, count(*) FROM log GROUP BY kind").fetchall())
        checks.check(by_kind.get("created", 0) == before_log + adds and by_kind.get("set", 0) == 2 * sets
                     and by_kind.get("note", 0) == notes, f"{name}: log entries by kind", f"{by_kind}")

        shared = [i for t in threads for i in t.shared_ids]
        checks.check(len(set(shared)) == len(shared) and all(i.startswith("shared-co-same-role") for i in shared),
                     f"{name}: {len(shared)} opportunities with the same name got distinct ids",
                     f"{sorted(shared)}")

        stored = {r[0]: (r[1], r[2]) for r in con.execute("SELECT id, base, location FROM opportunities")}
        wrong = [(i, v, stored.get(i)) for t in threads for i, v in t.final.items() if stored.get(i) != v]
        checks.check(not wrong, f"{name}: every set value is stored", f"{wrong[:5]}")

        logged = set(con.execute("SELECT opportunity_id, text FROM log WHERE kind = 'note'").fetchall())
        missing = [n for t in threads for n in t.notes if n not in logged]
        checks.check(not missing, f"{name}: every note is in the log", f"{missing[:5]}")

        integrity = con.execute("PRAGMA integrity_check").fetchall()
        checks.check(integrity == [("ok",)], f"{name}: integrity_check ok", f"{integrity}")
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        checks.check(fk == [], f"{name}: foreign_key_check clean", f"{fk}")
        mode = con.execute("PRAGMA journal_mode").fetchone()[0]
        checks.check(mode == "wal", f"{name}: the database is in WAL mode", mode)
    finally:
        con.close()


def new_database_race(checks, kindly, tmp, processes=4, rounds=15):
    """`processes` kindly started at the same moment on a database that does not exist yet."""
    name = f"{processes} kindly at once on a new database, {rounds} times"
    print(f"# {name}")
    failures = []
    wrong = []
    for r in range(rounds):
        db = os.path.join(tmp, f"race-{r}.db")
        env = kindly_env(tmp, db)
        procs = [subprocess.Popen([kindly, "add", f"Race {i}"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for i in range(processes)]
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                failures.append((p.returncode, err.strip()))
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM opportunities").fetchone()[0]
        con.close()
        if n != processes:
            wrong.append((r, n))
    checks.check(not failures, f"{name}: every process exits 0",
                 f"{len(failures)} failed; first: exit {failures[0][0]}: {failures[0][1]}" if failures else "")
    checks.check(not wrong, f"{name}: every database has all {processes} rows", f"{wrong[:5]}")


def main():
    def options(ap):
        ap.add_argument("--rounds", type=int, default=100,
                        help="add/set/note rounds per writer (default 100)")
    args = command_line(__doc__.splitlines()[0], options)
    kindly = os.path.abspath(args.kindly)

    checks = Checks()
    tmp = tempfile.mkdtemp(prefix="kindly-two-writers-")
    try:
        new_database_race(checks, kindly, tmp)
        scenario(checks, kindly, tmp, "two writers new database", 2, args.rounds)
        scenario(checks, kindly, tmp, "four writers new database", 4, args.rounds)
        scenario(checks, kindly, tmp, "four writers existing database with a reader", 4,
                 args.rounds // 2, existing=True, reader=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
