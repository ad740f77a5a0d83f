"""Shared pieces of the end-to-end scripts: the fixed clock, a clean environment, and the
pass/fail tally whose closing line ('N passed, M failed') CI reads."""
import argparse
import os

NOW = "2026-03-02T09:00:00Z"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            detail = str(detail).replace("\n", "\n      ")
            print(f"FAIL  {name}" + (f"\n      {detail}" if detail else ""))
        return ok

    def skip(self, name, why):
        self.skipped += 1
        print(f"skip  {name}: {why}")


def kindly_env(tmp, db):
    """The environment every kindly run gets: its own database, a fixed clock and zone, no
    settings leaking in from the machine."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KINDLY_") and not k.startswith("XDG_")}
    env.update({"KINDLY_DB": db, "KINDLY_NOW": NOW, "TZ": "Europe/Berlin",
                "HOME": os.path.join(tmp, "home"), "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
    return env


def command_line(doc=None, extra=None):
    """The arguments every script takes (--kindly BINARY --source DIR) and any `extra` adds to
    the parser, with both paths made absolute."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--kindly", required=True, help="the kindly binary")
    ap.add_argument("--source", required=True, help="the source tree")
    if extra:
        extra(ap)
    args = ap.parse_args()
    args.kindly = os.path.abspath(args.kindly)
    args.source = os.path.abspath(args.source)
    return args
