#!/usr/bin/env python3
"""Storage errors through the CLI: exit 3, a clear message, and the file left as it was.

  - a database written by a newer kindly (higher user_version)
  - files that are not kindly databases: random bytes, text, a truncated database, another
    program's SQLite database
  - where the database is: --db over KINDLY_DB over $XDG_DATA_HOME over ~/.local/share, and
    the folder created 0700
  - a read-only database file and folder (run as an unprivileged user when the test is root,
    since root ignores file permissions)
  - a full disk: RLIMIT_FSIZE on the kindly process (writes past the limit fail with EFBIG, as
    with ENOSPC; SIGXFSZ ignored so that the write fails instead of killing the process), and a
    real ENOSPC on a tiny tmpfs in a user namespace where the system allows one (skipped if not)

    test_storage_errors.py --kindly build/kindly --source .

Prints "N passed, M failed" last and exits non-zero on any failure.
"""
import hashlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from harness import NOW, Checks, command_line  # noqa: E402

NOBODY = 65534


class Kindly:
    def __init__(self, binary, tmp):
        self.binary = binary
        self.tmp = tmp

    def env(self, db=None, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("KINDLY_") and not k.startswith("XDG_")}
        env.update({
            "KINDLY_NOW": NOW,
            "TZ": "Europe/Berlin",
            "HOME": os.path.join(self.tmp, "home"),
            "LC_ALL": "C.UTF-8",
            "NO_COLOR": "1",
        })
        if db is not None:
            env["KINDLY_DB"] = db
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def run(self, *args, db=None, env=None, preexec=None, stdin=None):
        return subprocess.run([self.binary, *args], env=env if env is not None else self.env(db),
                              capture_output=True, text=True, preexec_fn=preexec,
                              stdin=subprocess.DEVNULL if stdin is None else stdin)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sidecars(db):
    return [db + s for s in ("-wal", "-shm", "-journal") if os.path.exists(db + s)]


def describe(p):
    return f"exit {p.returncode}; stderr: {p.stderr.strip()!r}"


def make_db(k, db, n=5):
    """A kindly database with a few opportunities and notes, closed (no -wal left)."""
    for i in range(n):
        p = k.run("add", f"Company {i}", "--role", "Engineer", db=db)
        assert p.returncode == 0, describe(p)
        p = k.run("note", f"company-{i}-engineer", f"note {i}", db=db)
        assert p.returncode == 0, describe(p)


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


# --- newer schema and damaged files ------------------------------------------------------------

def refused_untouched(checks, k, name, db, expect_words, commands=(("list",), ("show", "company-0"),
                                                                    ("add", "Acme"))):
    """Every command is refused with exit 3, names the file, gives a hint, and changes nothing."""
    before = digest(db)
    for cmd in commands:
        p = k.run(*cmd, db=db)
        err = p.stderr
        ok = (p.returncode == 3 and db in err and "hint:" in err and
              all(w in err for w in expect_words) and "internal error" not in err)
        checks.check(ok, f"{name}: `kindly {' '.join(cmd)}` exits 3 with a clear message", describe(p))
    checks.check(digest(db) == before, f"{name}: the file is byte for byte unchanged")
    left = sidecars(db)
    checks.check(not left, f"{name}: no -wal/-shm/-journal left beside it", f"{left}")


def test_newer_schema(checks, k, tmp):
    for journal in ("wal", "delete"):
        db = os.path.join(tmp, f"newer-{journal}.db")
        make_db(k, db)
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version = 99")
        con.execute(f"PRAGMA journal_mode = {journal}")
        con.close()
        refused_untouched(checks, k, f"newer schema ({journal} journal)", db, ["newer", "99"])
        con = sqlite3.connect(db)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.close()
        checks.check(version == 99, f"newer schema ({journal} journal): user_version still 99", str(version))


def test_damaged_files(checks, k, tmp):
    whole = os.path.join(tmp, "whole.db")
    make_db(k, whole, 40)
    for i in range(40):
        p = k.run("set", f"company-{i}-engineer", "notes=" + "lorem ipsum " * 300, db=whole)
        assert p.returncode == 0, describe(p)
    data = open(whole, "rb").read()
    assert len(data) > 16 * 4096, len(data)

    rng = random.Random(20260302)
    other = os.path.join(tmp, "places.sqlite")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    con.commit()
    con.close()

    cases = [
        ("random bytes", bytes(rng.getrandbits(8) for _ in range(8192)), ["not a kindly database"]),
        ("a text file", b"company,role\nAcme,Data Engineer\n", ["not a kindly database"]),
        ("a truncated database", data[:8192], ["damaged"]),
        ("a database cut mid-page", data[:len(data) // 2 + 1000], ["damaged"]),
        ("another program's SQLite database", open(other, "rb").read(), ["another program"]),
    ]
    for name, content, words in cases:
        db = os.path.join(tmp, "damaged.db")
        with open(db, "wb") as f:
            f.write(content)
        refused_untouched(checks, k, name, db, words)
        os.remove(db)


# --- where the database lives ------------------------------------------------------------------

def count(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM opportunities").fetchone()[0]
    finally:
        con.close()


def test_paths(checks, k, tmp):
    flag_db = os.path.join(tmp, "paths", "flag.db")
    env_db = os.path.join(tmp, "paths", "env.db")
    xdg = os.path.join(tmp, "paths", "xdg")
    os.makedirs(os.path.join(tmp, "paths"))

    env = k.env(env_db, XDG_DATA_HOME=xdg)
    p = k.run("--db", flag_db, "add", "Flag Co", env=env)
    checks.check(p.returncode == 0 and os.path.exists(flag_db) and count(flag_db) == 1
                 and not os.path.exists(env_db) and not os.path.exists(xdg),
                 "--db wins over KINDLY_DB and XDG_DATA_HOME", describe(p))
    p = k.run("add", "Env Co", env=env)
    checks.check(p.returncode == 0 and os.path.exists(env_db) and count(env_db) == 1
                 and count(flag_db) == 1 and not os.path.exists(xdg),
                 "KINDLY_DB wins over XDG_DATA_HOME", describe(p))

    env = k.env(None, XDG_DATA_HOME=xdg)
    p = k.run("add", "Xdg Co", env=env)
    want = os.path.join(xdg, "kindly", "kindly.db")
    checks.check(p.returncode == 0 and os.path.exists(want) and count(want) == 1,
                 "without KINDLY_DB: $XDG_DATA_HOME/kindly/kindly.db", describe(p))
    checks.check(mode_of(os.path.dirname(want)) == 0o700, "the XDG data folder is created 0700",
                 oct(mode_of(os.path.dirname(want))))

    home = os.path.join(tmp, "paths", "home")
    os.makedirs(home)
    for xdg_value, label in ((None, "unset"), ("relative/dir", "relative (ignored, as the spec says)")):
        env = k.env(None, HOME=home, XDG_DATA_HOME=xdg_value)
        p = k.run("add", f"Home Co {label}", env=env)
        want = os.path.join(home, ".local", "share", "kindly", "kindly.db")
        checks.check(p.returncode == 0 and os.path.exists(want),
                     f"XDG_DATA_HOME {label}: ~/.local/share/kindly/kindly.db", describe(p))
    checks.check(count(want) == 2, "both went to the same default database", str(count(want)))
    checks.check(mode_of(os.path.dirname(want)) == 0o700, "~/.local/share/kindly is created 0700",
                 oct(mode_of(os.path.dirname(want))))
    checks.check(not os.path.exists(os.path.join(tmp, "relative")) and
                 not os.path.exists(os.path.join(os.getcwd(), "relative", "dir")),
                 "a relative XDG_DATA_HOME creates nothing")

    # An existing folder keeps its permissions.
    shared = os.path.join(tmp, "paths", "shared")
    os.makedirs(shared)
    os.chmod(shared, 0o750)
    p = k.run("add", "Shared Co", db=os.path.join(shared, "kindly.db"))
    checks.check(p.returncode == 0 and mode_of(shared) == 0o750,
                 "an existing folder keeps its permissions", f"{describe(p)} {oct(mode_of(shared))}")


# --- read-only ---------------------------------------------------------------------------------

def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def test_read_only(checks, k, tmp):
    root = os.geteuid() == 0
    drop = as_nobody if root else None
    base = os.path.join(tmp, "ro")
    os.makedirs(base)
    # Let the unprivileged user reach its folder (mkdtemp made the folders above 0700).
    top = tmp
    while os.path.basename(top) and not os.path.basename(top).startswith("kindly-storage-errors-"):
        os.chmod(top, 0o755)
        top = os.path.dirname(top)
    if os.path.basename(top):
        os.chmod(top, 0o755)
    if root:
        # The build folder may sit where the unprivileged user cannot reach it (a clone in a
        # 0700 mktemp folder, as CI makes): run a copy of the binary from the test's own folder.
        binary = os.path.join(tmp, "kindly-for-nobody")
        shutil.copy2(k.binary, binary)
        os.chmod(binary, 0o755)
        k = Kindly(binary, k.tmp)
        try:
            p = k.run("--version", preexec=drop)
        except OSError as e:
            checks.skip("read-only database", f"cannot run kindly as uid {NOBODY}: {e}")
            return
        if p.returncode != 0:
            checks.skip("read-only database", f"cannot run kindly as uid {NOBODY}: {describe(p)}")
            return

    def owned(path):
        if root:
            os.chown(path, NOBODY, NOBODY)

    for n, case in enumerate(("file read-only", "file and folder read-only")):
        folder = os.path.join(base, f"case{n}")  # no "read-only" in the path: the message must say it
        os.makedirs(folder)
        db = os.path.join(folder, "kindly.db")
        make_db(k, db, 2)
        owned(folder)
        owned(db)
        os.chmod(db, 0o444)
        if case == "file and folder read-only":
            os.chmod(folder, 0o555)
        before = digest(db)

        p = k.run("add", "Another Co", db=db, preexec=drop)
        ok = (p.returncode == 3 and "is read-only" in p.stderr and db in p.stderr and
              "hint:" in p.stderr and "internal error" not in p.stderr)
        checks.check(ok, f"{case}: `kindly add` exits 3 saying it is read-only", describe(p))
        p = k.run("note", "company-0", "hello", db=db, preexec=drop)
        checks.check(p.returncode == 3 and "is read-only" in p.stderr,
                     f"{case}: `kindly note` exits 3 saying it is read-only", describe(p))
        p = k.run("list", db=db, preexec=drop)
        if case == "file read-only":
            # SQLite opens the file read-only and can still read it.
            checks.check(p.returncode == 0 and "company-0-engineer" in p.stdout,
                         f"{case}: `kindly list` still reads it", describe(p))
        else:
            # Reading a WAL database needs its -shm, which cannot be created here.
            checks.check(p.returncode in (0, 3) and "internal error" not in p.stderr and
                         (p.returncode == 0 or "is read-only" in p.stderr),
                         f"{case}: `kindly list` reads it or explains", describe(p))
        checks.check(digest(db) == before, f"{case}: the file is byte for byte unchanged")
        print(f"      (left beside it: {[os.path.basename(s) for s in sidecars(db)] or 'nothing'})")
        os.chmod(folder, 0o755)


# --- a full disk -------------------------------------------------------------------------------

def file_size_limit(limit):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # ignored dispositions survive exec
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    return apply


def snapshot(db):
    con = sqlite3.connect(db)
    try:
        return (con.execute("SELECT * FROM opportunities ORDER BY id").fetchall(),
                con.execute("SELECT * FROM log ORDER BY id").fetchall(),
                con.execute("PRAGMA integrity_check").fetchall())
    finally:
        con.close()


def test_full_disk(checks, k, tmp):
    db = os.path.join(tmp, "full", "kindly.db")
    os.makedirs(os.path.dirname(db))
    make_db(k, db, 10)
    before = snapshot(db)
    big = "x" * (100 * 1024)  # one argument stays under the kernel's 128 KiB limit

    # Control: without a limit this very command succeeds (on a copy), so the failure below is
    # the limit's doing.
    copy = os.path.join(tmp, "full", "copy.db")
    shutil.copy(db, copy)
    p = k.run("note", "company-3", big, db=copy)
    checks.check(p.returncode == 0, "full disk: the big note fits when there is room", describe(p))

    limit = os.path.getsize(db) + 16 * 1024
    p = k.run("note", "company-3", big, db=db, preexec=file_size_limit(limit))
    ok = (p.returncode == 3 and db in p.stderr and "hint:" in p.stderr and
          ("full" in p.stderr or "I/O" in p.stderr))
    checks.check(ok, "full disk (RLIMIT_FSIZE): the write fails with exit 3 and says why", describe(p))
    after = snapshot(db)
    checks.check(after[2] == [("ok",)], "full disk: integrity_check ok afterwards", f"{after[2]}")
    checks.check(after[0] == before[0] and after[1] == before[1],
                 "full disk: the earlier data is all there and nothing half-written",
                 f"{len(after[0])} rows, {len(after[1])} log entries (before: {len(before[0])}, {len(before[1])})")
    p = k.run("note", "company-3", "room again", db=db)
    checks.check(p.returncode == 0 and len(snapshot(db)[1]) == len(before[1]) + 1,
                 "full disk: with room again, the next write succeeds", describe(p))

    # A real ENOSPC where unprivileged user namespaces allow a tiny tmpfs.
    mnt = os.path.join(tmp, "full", "tmpfs")
    os.makedirs(mnt)
    script = (
        'set -e; mount -t tmpfs -o size=160k tmpfs "$MNT"; cp "$SRC" "$MNT/kindly.db"; '
        'set +e; KINDLY_DB="$MNT/kindly.db" "$KINDLY" note company-3 "$BIG" 2>"$OUT.err"; echo $? > "$OUT.rc"; '
        'cp "$MNT/kindly.db" "$OUT"; ls "$MNT" > "$OUT.ls"'
    )
    src = os.path.join(tmp, "full", "src.db")
    out = os.path.join(tmp, "full", "after-enospc.db")
    shutil.copy(db, src)
    env = k.env(None, MNT=mnt, SRC=src, OUT=out, KINDLY=k.binary, BIG=big)
    try:
        p = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                           env=env, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        checks.skip("full disk (tmpfs ENOSPC)", str(e))
        return
    if p.returncode != 0 or not os.path.exists(out + ".rc"):
        checks.skip("full disk (tmpfs ENOSPC)", f"no user namespace with a tmpfs here ({p.stderr.strip()[:100]})")
        return
    if os.path.getsize(src) + len(big) < 160 * 1024 - 40 * 1024:
        checks.skip("full disk (tmpfs ENOSPC)", "the tmpfs would not fill up")
        return
    rc = int(open(out + ".rc").read())
    err = open(out + ".err").read()
    checks.check(rc == 3 and "full" in err, "full disk (tmpfs ENOSPC): exit 3, 'database or disk is full'",
                 f"exit {rc}; stderr: {err.strip()!r}")
    got = snapshot(out)
    want = snapshot(src)
    checks.check(got[2] == [("ok",)] and got[0] == want[0] and got[1] == want[1],
                 "full disk (tmpfs ENOSPC): the database is intact with the earlier data",
                 f"integrity {got[2]}, {len(got[1])} log entries (want {len(want[1])})")


def main():
    args = command_line(__doc__.splitlines()[0])

    checks = Checks()
    tmp = tempfile.mkdtemp(prefix="kindly-storage-errors-")
    k = Kindly(os.path.abspath(args.kindly), tmp)
    try:
        for test in (test_newer_schema, test_damaged_files, test_paths, test_read_only, test_full_disk):
            print(f"# {test.__name__}")
            sub = os.path.join(tmp, test.__name__)
            os.makedirs(sub)
            try:
                test(checks, Kindly(k.binary, sub), sub)
            except Exception as e:  # a broken step is a failure, not a crash of the whole script
                checks.check(False, f"{test.__name__} ran to the end", repr(e))
    finally:
        for dirpath, dirnames, _ in os.walk(tmp):
            for d in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, d), 0o755)
                except OSError:
                    pass
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed" +
          (f" ({checks.skipped} skipped)" if checks.skipped else ""))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
