#!/usr/bin/env python3
"""kindly's whole-process benchmarks (`make bench`).

Builds, in a temporary folder, a database of 100,000 opportunities the way a user with a long
history would have one: most of them closed (rejected, ghosted, declined, archived, …), a few
thousand open with interviews and offer deadlines ahead, plus contacts and log entries. The
opportunities come in through `kindly import FILE --format csv`, which is itself timed; when the
import command is not ready, the database is built with Python's sqlite3 and the schema from
src/store/migrations.cpp instead, and the import row says why.

Then it times whole kindly processes (best and median of --runs runs, with hyperfine when it is
installed, else with a plain timer), prints

    what                 target   best   median   verdict

and runs the micro benchmarks binary when --micro is given.

    python3 bench/run.py --kindly build/kindly --micro build/kindly_bench [--runs 20]
        [--rows 100000] [--keep DIR] [--strict]

Targets are what a user notices; see docs/benchmarks.md. Nothing here is asserted by the tests.
"""
import argparse
import csv
import json
import os
import random
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

NOW = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)
SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Closed stages by share of the closed opportunities; open ones by count per 100,000.
CLOSED = [("rejected", 38), ("ghosted", 30), ("archived", 11), ("withdrawn", 7),
          ("declined-interview", 6), ("declined", 5), ("rescinded", 1)]
OPEN = [("invited", 900), ("interviewing", 1800), ("offer", 250), ("negotiating", 100),
        ("accepted", 150), ("started", 300)]

ROLES = ["Data Engineer", "Senior Data Engineer", "Staff Engineer", "Backend Developer",
         "Engineering Manager", "Site Reliability Engineer", "ML Engineer", "Head of Data",
         "Platform Engineer", "Frontend Developer", "Analytics Engineer", "Solutions Architect",
         "Product Engineer", "Security Engineer", "Principal Engineer", "Data Scientist"]
CITIES = ["Berlin", "Munich", "Hamburg", "Amsterdam", "London", "Zürich", "Vienna", "Paris",
          "Lisbon", "Remote (EU)", "Barcelona", "Copenhagen", "Dublin", "Stockholm"]
SYLLABLES = ["ac", "me", "glo", "bex", "ini", "tech", "um", "brel", "la", "hoo", "li", "cy",
             "ber", "dyne", "soy", "lent", "won", "ka", "stark", "wayne", "vex", "ora", "zen",
             "qua", "tro", "nix", "pha", "lum", "kor", "tal"]
SUFFIXES = ["", "", " GmbH", " AG", " Ltd", " BV", " SE", " Labs", " Systems", " & Co"]


# --- Source facts ------------------------------------------------------------------------------

def field_names(source):
    """The field table's names, in order, from src/core/fields.cpp."""
    text = open(os.path.join(source, "src", "core", "fields.cpp"), encoding="utf-8").read()
    names = re.findall(r'^\s*Field\{"(\w+)"', text, re.M)
    if not names or names[0] != "company":
        sys.exit("bench: cannot read the field table from src/core/fields.cpp")
    return names


def migrations_sql(source):
    """The schema migrations, in order, from src/store/migrations.cpp."""
    text = open(os.path.join(source, "src", "store", "migrations.cpp"), encoding="utf-8").read()
    blocks = dict(re.findall(r'constexpr std::string_view (\w+) = R"sql\((.*?)\)sql";', text, re.S))
    order = re.search(r"kMigrations = \{([^}]*)\}", text)
    if not order:
        sys.exit("bench: cannot read the migrations from src/store/migrations.cpp")
    return [blocks[name.strip()] for name in order.group(1).split(",") if name.strip()]


# --- Data --------------------------------------------------------------------------------------

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(rows, names, seed=20260302):
    """`rows` opportunities as dicts of canonical values (strings; '' = unset)."""
    rng = random.Random(seed)
    companies = []
    for _ in range(6000):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        companies.append(word.capitalize() + rng.choice(SUFFIXES))
    open_total = sum(n for _, n in OPEN) * rows // 100000
    stages = []
    for stage, n in OPEN:
        stages += [stage] * (n * rows // 100000)
    closed_n = rows - len(stages)
    weights_total = sum(w for _, w in CLOSED)
    for stage, w in CLOSED:
        stages += [stage] * (closed_n * w // weights_total)
    stages += ["archived"] * (rows - len(stages))
    rng.shuffle(stages)

    seen = {}
    out = []
    for i, stage in enumerate(stages):
        company = rng.choice(companies)
        role = rng.choice(ROLES)
        base_id = slug(company) + "-" + slug(role)
        n = seen.get(base_id, 0) + 1
        seen[base_id] = n
        oid = base_id if n == 1 else f"{base_id}-{n}"
        is_open = stage in dict(OPEN)
        if is_open:
            invited = NOW - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
        else:
            invited = NOW - timedelta(days=rng.randint(60, 5 * 365), hours=rng.randint(0, 23))
        r = {name: "" for name in names}
        r.update({
            "id": oid, "stage": stage, "company": company, "role": role,
            "source": rng.choice(["recruiter", "recruiter", "direct", "referral", "internal"]),
            "channel": rng.choice(["email", "phone", "linkedin"]),
            "location": rng.choice(CITIES),
            "url": f"https://jobs.example.com/{slug(company)}/{i}",
            "invited_at": iso(invited),
            "rounds": str(rng.randint(0, 5)),
        })
        if rng.random() < 0.3:
            r["notes"] = rng.choice(["recruiter reached out on LinkedIn",
                                     "referral from a former colleague; team of 8",
                                     "asked about on-call and the hiring timeline",
                                     "salary band 70–90k, hybrid 2 days"])
        if stage in ("interviewing", "invited"):
            r["interview_at"] = iso(NOW + timedelta(days=rng.randint(0, 30), hours=rng.randint(8, 17)))
        if stage in ("offer", "negotiating", "accepted", "started", "declined", "rescinded"):
            received = invited + timedelta(days=rng.randint(14, 50))
            r["offer_received_at"] = iso(received)
            r["base"] = str(rng.randrange(55000, 160000, 1000))
            r["currency"] = rng.choice(["EUR", "EUR", "EUR", "GBP", "CHF"])
            r["bonus"] = rng.choice(["10%", "15%", "5000", ""])
            r["vesting"] = rng.choice(["25/25/25/25", "", ""])
            r["work_mode"] = rng.choice(["onsite", "hybrid", "remote"])
            r["offer_via"] = rng.choice(["spoken", "email", "letter"])
            if stage in ("offer", "negotiating"):
                r["offer_deadline"] = iso(NOW + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 12)))
        if stage in ("accepted", "started"):
            r["accepted_at"] = iso(invited + timedelta(days=rng.randint(50, 60)))
            r["start_date"] = iso(NOW + timedelta(days=rng.randint(-30, 90)))
        if not is_open:
            r["decided_at"] = iso(invited + timedelta(days=rng.randint(3, 60)))
        r["created_at"] = iso(invited)
        r["updated_at"] = r["decided_at"] or iso(invited + timedelta(days=rng.randint(0, 3)))
        out.append(r)
    return out, open_total


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


def build_with_sqlite(db, header, rows, migrations):
    """The fallback: the schema from migrations.cpp and the same rows, through Python's sqlite3."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    with con:
        for sql in migrations:
            con.executescript(sql)
        con.execute(f"PRAGMA user_version = {len(migrations)}")
    integer = {"rounds", "base", "sign_on", "equity", "relocation_paid"}
    cols = ", ".join(header)
    marks = ", ".join("?" for _ in header)

    def value(h, v):
        if v == "":
            return "" if h in ("role",) else None
        return int(v) if h in integer else v

    with con:
        con.executemany(f"INSERT INTO opportunities ({cols}) VALUES ({marks})",
                        ([value(h, r.get(h, "")) for h in header] for r in rows))
    con.close()


def add_contacts_and_log(db, rows, seed=7):
    """Contacts (more for open ones) and a history of 2–5 log entries per opportunity."""
    rng = random.Random(seed)
    first = ["Dana", "Kim", "Alex", "Sam", "Robin", "Jo", "Mika", "Noa", "Lee", "Ari"]
    last = ["Smith", "Müller", "Schmidt", "Garcia", "Rossi", "Novak", "Jensen", "Kowalski"]
    contacts, log = [], []
    for r in rows:
        n = rng.randint(1, 3) if r["stage"] in dict(OPEN) else (1 if rng.random() < 0.4 else 0)
        for _ in range(n):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            contacts.append((r["id"], name, rng.choice(["recruiter", "hiring-manager", "hr", "other"]),
                             slug(name).replace("-", ".") + "@example.com", None,
                             None, 1 if rng.random() < 0.2 else 0, None))
        t = datetime.strptime(r["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        log.append((iso(t), r["id"], "created", f"added {r['company']}, {r['role']} at stage invited"))
        for _ in range(rng.randint(1, 4)):
            t += timedelta(days=rng.randint(1, 10))
            log.append((iso(t), r["id"], rng.choice(["note", "set", "move", "contact"]),
                        rng.choice(["first call with the recruiter", "base: 80,000 → 85,000",
                                    "moved invited → interviewing", "sent the take-home"])))
    log.sort(key=lambda e: e[0])
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO contacts (opportunity_id, name, role, email, phone, linkedin, "
                        "agency, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", contacts)
        con.executemany("INSERT INTO log (at, opportunity_id, kind, text) VALUES (?, ?, ?, ?)", log)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return len(contacts), len(log)


# --- Timing ------------------------------------------------------------------------------------

def remove_db(db):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(db + suffix)
        except FileNotFoundError:
            pass


def time_runs(cmd, env, runs, warmup, prepare=None, use_hyperfine=True, fails=False):
    """Best and median wall time and mean CPU time (user + system) in seconds of `cmd` (a list),
    each run after `prepare` (a list: a command hyperfine runs, or the plain timer runs).
    `fails`: the command is expected to exit non-zero (an error path being timed)."""
    hyperfine = shutil.which("hyperfine") if use_hyperfine else None
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            out = f.name
        try:
            extra = ["--prepare", shlex.join(prepare)] if prepare else []
            if fails:
                extra.append("--ignore-failure")
            p = subprocess.run([hyperfine, "-N", "--style", "none", "--warmup", str(warmup),
                                "--runs", str(runs), *extra, "--export-json", out, shlex.join(cmd)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"hyperfine {shlex.join(cmd)}: {p.stderr.strip()}")
            r = json.load(open(out))["results"][0]
            return r["min"], r["median"], r["user"] + r["system"], "hyperfine"
        finally:
            os.remove(out)
    times, cpu = [], []
    for i in range(warmup + runs):
        if prepare:
            subprocess.run(prepare, check=True)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        t = time.perf_counter() - t0
        err = proc.stderr.read().decode()
        proc.stderr.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if (proc.returncode != 0) != fails:
            raise RuntimeError(f"{shlex.join(cmd)}: exit {proc.returncode}: {err.strip()}")
        if i >= warmup:
            times.append(t)
            cpu.append(usage.ru_utime + usage.ru_stime)
    return min(times), statistics.median(times), statistics.mean(cpu), "timer"


def fmt(seconds):
    if seconds is None:
        return "—"
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description="kindly's whole-process benchmarks")
    ap.add_argument("--kindly", required=True, help="the kindly binary")
    ap.add_argument("--micro", help="the micro benchmarks binary (kindly_bench)")
    ap.add_argument("--source", default=SOURCE, help="the source tree (default: this checkout)")
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=20, help="timed runs per command (default 20)")
    ap.add_argument("--import-runs", type=int, help="timed imports (default: --runs)")
    ap.add_argument("--keep", help="build the database in this folder and keep it")
    ap.add_argument("--no-hyperfine", action="store_true", help="time with the plain timer")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    kindly = os.path.abspath(args.kindly)
    import_runs = args.import_runs or args.runs

    tmp = args.keep or tempfile.mkdtemp(prefix="kindly-bench-")
    os.makedirs(tmp, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLY_") and not k.startswith("XDG_")}
    env.update({"KINDLY_NOW": iso(NOW), "TZ": "Europe/Berlin", "HOME": os.path.join(tmp, "home"),
                "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
    results = []  # (what, target seconds or None, best, median, cpu, note)
    load_before = os.getloadavg()
    try:
        names = field_names(args.source)
        header = ["id", "stage"] + names + ["created_at", "updated_at"]
        t0 = time.perf_counter()
        rows, open_n = generate(args.rows, names)
        csv_path = os.path.join(tmp, "opportunities.csv")
        write_csv(csv_path, header, rows)
        print(f"bench: {len(rows):,} opportunities ({open_n:,} open) in {csv_path} "
              f"({os.path.getsize(csv_path) / 1e6:.1f} MB, {time.perf_counter() - t0:.1f} s to make)")

        # The import, timed into a new database each run.
        db = os.path.join(tmp, "kindly.db")
        import_env = dict(env, KINDLY_DB=os.path.join(tmp, "import.db"))
        import_cmd = [kindly, "import", csv_path, "--format", "csv"]
        remove_db(import_env["KINDLY_DB"])
        probe = subprocess.run(import_cmd, env=import_env, capture_output=True, text=True)
        imported = 0
        if probe.returncode == 0:
            con = sqlite3.connect(import_env["KINDLY_DB"])
            imported = con.execute("SELECT count(*) FROM opportunities").fetchone()[0]
            con.close()
        if probe.returncode == 0 and imported == len(rows):
            target_db = import_env["KINDLY_DB"]
            best, median, cpu, tool = time_runs(
                import_cmd, import_env, import_runs, 1,
                prepare=["rm", "-f", target_db, target_db + "-wal", target_db + "-shm"],
                use_hyperfine=not args.no_hyperfine)
            results.append((f"kindly import ({len(rows):,} CSV rows)", 3.0, best, median, cpu, tool))
            remove_db(db)
            shutil.copy(import_env["KINDLY_DB"], db)
            how = "kindly import"
        else:
            why = (probe.stderr.strip().splitlines() or ["?"])[0] if probe.returncode else \
                f"imported {imported:,} of {len(rows):,} rows"
            print(f"bench: import not usable ({why}); building the database with sqlite3 instead")
            results.append((f"kindly import ({len(rows):,} CSV rows)", 3.0, None, None, None,
                            f"not measured: {why}"))
            remove_db(db)
            build_with_sqlite(db, header, rows, migrations_sql(args.source))
            how = "sqlite3 (fallback)"
        remove_db(import_env["KINDLY_DB"])
        n_contacts, n_log = add_contacts_and_log(db, rows)
        print(f"bench: database by {how}: {os.path.getsize(db) / 1e6:.1f} MB, "
              f"{n_contacts:,} contacts, {n_log:,} log entries added")

        env_db = dict(env, KINDLY_DB=db)
        con = sqlite3.connect(db)
        show_id = con.execute("SELECT o.id FROM opportunities o JOIN contacts c ON c.opportunity_id = o.id "
                              "WHERE o.stage = 'offer' ORDER BY o.id LIMIT 1").fetchone()[0]
        con.close()
        for cmd in (["list", "--open"], ["show", show_id]):
            p = subprocess.run([kindly, *cmd], env=env_db, capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"kindly {shlex.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")

        # A one-opportunity database: the fixed cost of a command, without the data.
        small = os.path.join(tmp, "small.db")
        env_small = dict(env, KINDLY_DB=small)
        subprocess.run([kindly, "add", "Acme", "--role", "Data Engineer", "--stage", "offer",
                        "--offer-deadline", "friday"], env=env_small, check=True, capture_output=True)

        # Deciding: a whole `kindly decide ID --answers FILE` on the small database.
        answers = os.path.join(tmp, "answers.json")
        with open(answers, "w", encoding="utf-8") as f:
            json.dump({"framework": "offer", "lean": "unsure", "checklist": {"next-role": "no"},
                       "quick_filter": {"goals": "yes"}, "false_alarms": ["nerves"]}, f)
        subprocess.run([kindly, "profile", "set", "non_negotiables=base >= 120000; visa sponsorship"],
                       env=env_small, check=True, capture_output=True)
        # Comparing in the general mode: 1,000 alternatives x 20 criteria, every sensitivity interval.
        rnd = random.Random(11)
        matrix = os.path.join(tmp, "matrix.json")
        with open(matrix, "w", encoding="utf-8") as f:
            json.dump({"criteria": [{"name": f"c{j}", "weight": rnd.random(),
                                     "direction": "cost" if j % 4 == 0 else "benefit"} for j in range(20)],
                       "alternatives": [{"name": f"a{i}", "scores": [round(rnd.uniform(1, 100), 2) for _ in range(20)]}
                                        for i in range(1000)]}, f)

        timed = [
            ("kindly decide ID --answers FILE", 0.010,
             [kindly, "decide", "acme", "--answers", answers, "--dry-run"], env_small),
            ("kindly draft ID (saved, email)", 0.010,
             [kindly, "draft", "acme", "--kind", "decline-offer", "--channel", "email"], env_small),
            ("kindly draft ID --channel all --no-save", None,
             [kindly, "draft", "acme", "--kind", "decline-offer", "--channel", "all", "--no-save"], env_small),
            ("kindly advise ID", None, [kindly, "advise", "acme"], env_small),
            ("kindly compare --matrix (1000x20)", 0.050,
             [kindly, "compare", "--matrix", matrix, "--json"], env),
            ("kindly compare --matrix --method topsis", None,
             [kindly, "compare", "--matrix", matrix, "--json", "--method", "topsis"], env),
            ("kindly list --open", 0.050, [kindly, "list", "--open"], env_db),
            ("kindly show ID", 0.010, [kindly, "show", show_id], env_db),
            ("kindly --version", 0.005, [kindly, "--version"], env),
            ("kindly show ID (1-row database)", None, [kindly, "show", "acme"], env_small),
            ("kindly --help (no database)", None, [kindly, "--help"], env),
            ("kindly status", None, [kindly, "status"], env_db),
            ("kindly show TYPO (did you mean…)", None, [kindly, "show", show_id[:-3] + "xyz"], env_db),
            ("kindly check FILE (spelling on)", 0.080,
             [kindly, "check", os.path.join(args.source, "tests", "lint", "corpus", "good",
                                            "003-decline-offer-email-detailed-relocation.txt"),
              "--kind", "decline-offer"], env_small),
        ]
        for what, target, cmd, e in timed:
            best, median, cpu, tool = time_runs(cmd, e, args.runs, 3, use_hyperfine=not args.no_hyperfine,
                                                fails="TYPO" in what)
            results.append((what, target, best, median, cpu, tool))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    missed = 0
    print()
    print(f"{'what':<36} {'target':>8} {'best':>9} {'median':>9} {'cpu':>9}  verdict")
    for what, target, best, median, cpu, note in results:
        if best is None:
            verdict = note
        elif target is None:
            verdict = f"(no target; {note})"
        elif median <= target:
            verdict = f"ok ({note})"
        elif best <= target:
            verdict = f"best ok, median over ({note})"
            missed += 1
        else:
            verdict = f"MISSED ({note})"
            missed += 1
        target_text = "—" if target is None else fmt(target)
        print(f"{what:<36} {target_text:>8} {fmt(best):>9} {fmt(median):>9} {fmt(cpu):>9}  {verdict}")
    load = os.getloadavg()
    print(f"\nbest and median wall time of {args.runs} runs (imports: {import_runs}); cpu: mean user + "
          f"system time; {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
          f"at the end (before: {load_before[0]:.1f})")
    if load_before[0] > (os.cpu_count() or 1) * 0.5:
        print("bench: the machine was busy: wall times are inflated; the cpu column is steadier")

    if args.micro:
        print("\nmicro benchmarks:")
        sys.stdout.flush()
        if os.access(args.micro, os.X_OK):
            subprocess.run([os.path.abspath(args.micro)], check=False)
        else:
            print(f"bench: {args.micro} is missing: build it with `cmake --build BUILD --target kindly_bench`")
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
