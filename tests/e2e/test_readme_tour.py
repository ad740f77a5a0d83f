#!/usr/bin/env python3
"""The README's five-minute tour, run line by line against the real binary: every kindly
command in it must succeed, in a fresh database, from the source folder."""
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import command_line, kindly_env  # noqa: E402


def tour_lines(readme):
    text = open(readme, encoding="utf-8").read()
    section = text[text.index("## A five-minute tour"):]
    block = section[section.index("```sh") + 5:]
    block = block[:block.index("```")]
    lines, current = [], ""
    for raw in block.split("\n"):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("alias "):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        lines.append(current + line)
        current = ""
    return lines


def main():
    args = command_line()
    kindly = os.path.abspath(args.kindly)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="kindly-tour-") as tmp:
        env = kindly_env(tmp, os.path.join(tmp, "kindly.db"))
        lines = tour_lines(os.path.join(args.source, "README.md"))
        if len(lines) < 15:
            print(f"FAIL  the tour has only {len(lines)} commands; the parser or the README changed")
            failed += 1
        for line in lines:
            # Files the tour writes go to the temporary folder; the fixtures come from the source.
            shell = re.sub(r"(^|\s)kindly(?=\s|$)", lambda m: m.group(1) + shlex.quote(kindly), line)
            shell = shell.replace("answers.json", shlex.quote(os.path.join(tmp, "answers.json")))
            shell = shell.replace("backup.json", shlex.quote(os.path.join(tmp, "backup.json")))
            shell = shell.replace("acme.eml", shlex.quote(os.path.join(tmp, "acme.eml")))
            shell = shell.replace("draft.txt", shlex.quote(os.path.join(tmp, "draft.txt")))
            p = subprocess.run(["bash", "-c", shell], env=env, cwd=args.source, capture_output=True,
                               text=True, timeout=60)
            ok = p.returncode == 0 and bool(p.stdout.strip() or line.startswith("echo"))
            print(("ok    " if ok else "FAIL  ") + line)
            if not ok:
                print(f"      exit {p.returncode}\n      stdout: {p.stdout[:500]}\n      stderr: {p.stderr[:500]}")
            passed += ok
            failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
