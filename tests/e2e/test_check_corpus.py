#!/usr/bin/env python3
"""`kindly check` against the labelled corpus in tests/lint/corpus (see its README.md).

Every message listed in tests/lint/corpus/labels.toml is run through

    kindly check FILE --kind KIND --channel CHANNEL --json

and the rule ids it reports are compared with the rule ids the label expects. Per rule, a file
counts as a true positive (expected and reported), a false positive (reported, not expected) or a
false negative (expected, not reported); a rule reported several times in one file counts once.
The script prints a table per rule (tp, fp, fn, precision, recall), then every mismatch with the
file, the rule and what kindly said, then "N passed, M failed" as its last line.

It fails (exit 1) when
  * a rule with at least one expected or reported case is below 95% precision or 90% recall;
  * a good message gets a diagnostic of severity error or warning;
  * the corpus has fewer than 60 good or 60 flawed messages, a label names an unknown rule id,
    kind or channel, a file has no label or a label no file, a good message expects anything
    but an info rule, or a flawed message expects nothing;
  * kindly does not answer with the JSON document (exit status aside: a draft with errors may
    well exit non-zero), or a diagnostic points outside its file.

Mismatches on single flawed messages are reported but do not fail the run by themselves: the
thresholds decide.

    test_check_corpus.py --kindly build/kindly --source .
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import tomllib

from harness import Checks, kindly_env, command_line  # noqa: E402

# The rule ids of `kindly check` that the corpus can exercise (no tracker involved).
KNOWN_RULES = [
    "decision-missing", "decision-hedged", "gratitude-missing", "apology-excess", "criticism",
    "over-explaining", "negotiation-in-decline", "placeholder", "subject-missing",
    "subject-vague", "door-closed", "channel-length", "spelling",
]
# Rules that need a tracker; they must never fire on a bare file, and labels may not name them.
CONTEXT_RULES = ["reason-mismatch", "late", "channel-mismatch"]
# Rules of severity info: the only ones a good message may expect.
INFO_RULES = {"door-closed"}

KINDS = {
    "decline-offer": {"email", "phone", "voicemail", "linkedin"},
    "withdraw-application": {"email", "phone", "voicemail", "linkedin"},
    "decline-interview": {"email", "phone", "voicemail", "linkedin"},
    "rescind-acceptance": {"email", "phone", "voicemail"},
    "decline-after-counteroffer": {"email", "phone", "voicemail", "linkedin"},
    "follow-up-after-call": {"email"},
    "referral": {"email", "linkedin"},
    "keep-in-touch": {"email", "linkedin"},
    "repair": {"email", "linkedin"},
    "re-engage": {"email", "phone", "linkedin"},
    "ask-for-time": {"email", "phone", "voicemail", "linkedin"},
    "negotiate": {"email", "phone"},
    "defer": {"email", "phone", "linkedin"},
    "expedite": {"email", "phone", "linkedin"},
}
TONES = {"formal", "warm", "detailed"}

MIN_GOOD = 60
MIN_FLAWED = 60
MIN_PRECISION = 0.95
MIN_RECALL = 0.90
JOBS = 4


def load_labels(corpus, c):
    with open(os.path.join(corpus, "labels.toml"), "rb") as fh:
        doc = tomllib.load(fh)
    entries = doc.get("message", [])
    seen = set()
    for e in entries:
        name = e.get("file", "?")
        c.check(name not in seen, f"labels: {name} is labelled once", "labelled twice")
        seen.add(name)
        exp = e.get("expect")
        ok = (isinstance(exp, list) and e.get("kind") in KINDS and e.get("tone") in TONES
              and e.get("channel") in KINDS.get(e.get("kind"), ()))
        if not ok:
            c.check(False, f"labels: {name}",
                    f"needs kind (one of {sorted(KINDS)}), a channel that kind uses, "
                    f"tone (one of {sorted(TONES)}) and an expect list; got {e}")
            continue
        unknown = [r for r in exp if r not in KNOWN_RULES]
        if unknown:
            c.check(False, f"labels: {name}", f"unknown rule id(s) {unknown}; known: {KNOWN_RULES}")
        if name.startswith("good/"):
            extra = [r for r in exp if r not in INFO_RULES]
            if extra:
                c.check(False, f"labels: {name}",
                        f"a good message may only expect info rules {sorted(INFO_RULES)}; got {extra}")
        elif name.startswith("flawed/"):
            if not exp:
                c.check(False, f"labels: {name}", "a flawed message must expect at least one rule")
        else:
            c.check(False, f"labels: {name}", "files live under good/ or flawed/")
        if not os.path.isfile(os.path.join(corpus, name)):
            c.check(False, f"labels: {name}", "file not found")
    for d in ("good", "flawed"):
        folder = os.path.join(corpus, d)
        for fn in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if fn.endswith(".txt") and f"{d}/{fn}" not in seen:
                c.check(False, f"labels: {d}/{fn}", "file has no [[message]] entry in labels.toml")
    good = [e for e in entries if str(e.get("file", "")).startswith("good/")]
    flawed = [e for e in entries if str(e.get("file", "")).startswith("flawed/")]
    c.check(len(good) >= MIN_GOOD, f"corpus has at least {MIN_GOOD} good messages ({len(good)})")
    c.check(len(flawed) >= MIN_FLAWED,
            f"corpus has at least {MIN_FLAWED} flawed messages ({len(flawed)})")
    return [e for e in entries
            if e.get("kind") in KINDS and isinstance(e.get("expect"), list)
            and os.path.isfile(os.path.join(corpus, e["file"]))]


def run_one(kindly, corpus, entry, env, cwd):
    path = os.path.join(corpus, entry["file"])
    cmd = [kindly, "check", path, "--kind", entry["kind"], "--channel", entry["channel"], "--json"]
    try:
        proc = subprocess.run(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timed out after 60 s"
    out = proc.stdout.decode("utf-8", "replace")
    try:
        doc = json.loads(out)
        diags = doc["diagnostics"]
        if not isinstance(diags, list) or not all(isinstance(d, dict) and "rule" in d for d in diags):
            raise ValueError("diagnostics is not a list of objects with a rule")
    except (ValueError, KeyError, TypeError) as exc:
        err = proc.stderr.decode("utf-8", "replace").strip()
        return None, (f"exit {proc.returncode}, no usable JSON ({exc}): "
                      f"stdout {out.strip()[:200]!r} stderr {err[:300]!r}")
    return diags, None


def position_problems(path, diags):
    """Diagnostics must point inside the file: 1-based lines, columns within the line (counted
    generously in bytes, so code-point and byte columns both pass); an end may sit just past the
    final newline. A diagnostic about the whole message may leave line/column out or set them
    to 0."""
    with open(path, "rb") as fh:
        data = fh.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    problems = []
    for d in diags:
        for lk, ck in (("line", "column"), ("end_line", "end_column")):
            line, col = d.get(lk), d.get(ck)
            if not isinstance(line, int) or line <= 0:
                continue
            # An exclusive end just past the final newline (last line + 1, column 1) is fine.
            if lk == "end_line" and line == len(lines) + 1 and col in (None, 0, 1) \
                    and data.endswith(b"\n"):
                continue
            if line > max(len(lines), 1):
                problems.append(f"{d.get('rule')}: {lk} {line} past the last line ({len(lines)})")
            elif isinstance(col, int) and col > len(lines[line - 1]) + 1:
                problems.append(f"{d.get('rule')}: {ck} {col} past the end of line {line} "
                                f"({len(lines[line - 1])} bytes)")
        if isinstance(d.get("line"), int) and isinstance(d.get("end_line"), int) \
                and d["line"] > 0 and d["end_line"] > 0 and d["end_line"] < d["line"]:
            problems.append(f"{d.get('rule')}: end_line {d['end_line']} before line {d['line']}")
    return problems


def fmt_diag(d):
    where = f"{d.get('line', '?')}:{d.get('column', '?')}"
    return f"[{d.get('severity', '?')}] {where} {d.get('message', '')}"


def main():
    def options(ap):
        ap.add_argument("--corpus", help="corpus folder (default: SOURCE/tests/lint/corpus)")
    args = command_line(__doc__.split("\n\n")[0], options)
    kindly = os.path.abspath(args.kindly)
    corpus = os.path.abspath(args.corpus or os.path.join(args.source, "tests", "lint", "corpus"))

    c = Checks()
    entries = load_labels(corpus, c)

    results = {}
    with tempfile.TemporaryDirectory(prefix="kindly-corpus-") as tmp:
        os.makedirs(os.path.join(tmp, "home"), exist_ok=True)
        env = kindly_env(tmp, os.path.join(tmp, "kindly.db"))
        with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
            futures = {pool.submit(run_one, kindly, corpus, e, env, tmp): e["file"] for e in entries}
            for fut in concurrent.futures.as_completed(futures):
                results[futures[fut]] = fut.result()

    # Tally per rule.
    rules = list(KNOWN_RULES)
    tally = {r: {"tp": 0, "fp": 0, "fn": 0} for r in rules}
    mismatches = []
    broken = [f"{e['file']}: {results[e['file']][1]}" for e in entries if results[e["file"]][1]]
    c.check(not broken, f"kindly check answers with the JSON document for all {len(entries)} files",
            f"{len(broken)} did not:\n" + "\n".join(broken[:20]) + ("\n…" if len(broken) > 20 else ""))
    for e in entries:
        name = e["file"]
        diags, err = results[name]
        if err is not None:
            continue
        probs = position_problems(os.path.join(corpus, name), diags)
        if probs:
            c.check(False, f"diagnostics point inside the file: {name}", "\n".join(probs))
        fired = {}
        for d in diags:
            fired.setdefault(str(d["rule"]), []).append(d)
        expected = set(e["expect"])
        for r in sorted(set(fired) | expected):
            if r not in tally:
                tally[r] = {"tp": 0, "fp": 0, "fn": 0}
                rules.append(r)
            if r in fired and r in expected:
                tally[r]["tp"] += 1
            elif r in fired:
                tally[r]["fp"] += 1
                for d in fired[r]:
                    mismatches.append((name, r, "false positive", fmt_diag(d)))
            else:
                tally[r]["fn"] += 1
                said = ", ".join(sorted(fired)) or "nothing"
                why = f" — {e['note']}" if e.get("note") else ""
                mismatches.append((name, r, "false negative", f"expected; kindly reported {said}{why}"))
        if name.startswith("good/"):
            loud = [d for d in diags if d.get("severity") in ("error", "warning")]
            c.check(not loud, f"good message has no error or warning: {name}",
                    "\n".join(f"{d['rule']} {fmt_diag(d)}" for d in loud))

    # The table.
    print()
    print(f"{'rule':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    below = []
    for r in rules:
        t = tally[r]
        if t["tp"] + t["fp"] + t["fn"] == 0:
            print(f"{r:24} {0:>4} {0:>4} {0:>4} {'-':>10} {'-':>8}")
            continue
        prec = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        rec = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        flag = ""
        if prec < MIN_PRECISION or rec < MIN_RECALL:
            flag = "  <- below threshold"
            below.append((r, prec, rec))
        print(f"{r:24} {t['tp']:>4} {t['fp']:>4} {t['fn']:>4} {prec:>10.1%} {rec:>8.1%}{flag}")
    print()
    if mismatches:
        print(f"{len(mismatches)} mismatch(es):")
        for name, r, what, detail in sorted(mismatches):
            print(f"  {name}: {r}: {what}: {detail}")
        print()
    for r in rules:
        t = tally[r]
        if t["tp"] + t["fp"] + t["fn"] == 0:
            continue
        prec = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        rec = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        c.check(r in KNOWN_RULES and r not in CONTEXT_RULES, f"rule {r} is a known corpus rule",
                f"kindly reported a rule id the corpus does not know: {r}")
        c.check(prec >= MIN_PRECISION and rec >= MIN_RECALL,
                f"rule {r}: precision {prec:.1%} >= {MIN_PRECISION:.0%}, recall {rec:.1%} >= {MIN_RECALL:.0%}",
                f"tp {t['tp']}, fp {t['fp']}, fn {t['fn']}")

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
