#!/usr/bin/env python3
"""Golden tests: run kindly commands in a fresh data directory and compare their output.

A .test file is a sequence of blocks:

    # a comment (only before the first command, or between blocks as '#' lines)
    %file name.csv          creates $DIR/name.csv with the lines up to '%end'
    ...
    %end
    $ kindly add Acme --role "Data Engineer"
    expected stdout line
    ! expected stderr line
    ? 2                     expected exit code (default 0)

Words are split like a shell (shlex); '$DIR' is the test's temporary directory. A leading
NAME=VALUE word sets an environment variable for that command. '< FILE' feeds stdin from a file.
Every command sees KINDLY_DB=$DIR/kindly.db, KINDLY_NOW=2026-03-02T09:00:00Z (a Monday),
TZ=Europe/Berlin and HOME=$DIR/home, so output is reproducible.

Run with --update to rewrite the expected output from what the commands print now.
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile

NOW = "2026-03-02T09:00:00Z"


def parse(path):
    blocks, files = [], []
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    current = None
    while i < len(lines):
        line = lines[i]
        if line.startswith("%file "):
            name = line[len("%file "):].strip()
            body = []
            i += 1
            while i < len(lines) and lines[i] != "%end":
                body.append(lines[i])
                i += 1
            files.append((len(blocks), name, "\n".join(body) + "\n"))
            current = None
        elif line.startswith("$ "):
            current = {"cmd": line[2:], "out": [], "err": [], "code": 0, "line": i + 1}
            blocks.append(current)
        elif current is None:
            pass  # comments and blank lines before the first command
        elif line.startswith("? "):
            current["code"] = int(line[2:])
        elif line == "!" or line.startswith("! "):
            current["err"].append(line[2:])
        elif line.startswith("#") and not current["out"] and not current["err"]:
            pass
        else:
            current["out"].append(line)
        i += 1
    return blocks, files


def run_block(block, tmp, kindly):
    words = shlex.split(block["cmd"].replace("$DIR", tmp))
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("XDG_") or key.startswith("KINDLY_"):
            del env[key]
    env.update({
        "KINDLY_DB": os.path.join(tmp, "kindly.db"),
        "KINDLY_NOW": NOW,
        "TZ": "Europe/Berlin",
        "HOME": os.path.join(tmp, "home"),
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    })
    while words and "=" in words[0] and not words[0].startswith("-"):
        key, value = words.pop(0).split("=", 1)
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    stdin = subprocess.DEVNULL
    if "<" in words:
        k = words.index("<")
        stdin = open(words[k + 1], "rb")
        del words[k:k + 2]
    if words and words[0] == "kindly":
        words[0] = kindly
    proc = subprocess.run(words, env=env, stdin=stdin, capture_output=True, cwd=tmp, timeout=60)
    out = proc.stdout.decode("utf-8", "replace").replace(tmp, "$DIR")
    err = proc.stderr.decode("utf-8", "replace").replace(tmp, "$DIR")
    return out, err, proc.returncode


def lines_of(text):
    if text == "":
        return []
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def render(blocks, files, results):
    out = []
    for index, block in enumerate(blocks):
        for at, name, body in files:
            if at == index:
                out.append("%file " + name)
                out.extend(lines_of(body))
                out.append("%end")
        out.append("$ " + block["cmd"])
        stdout, stderr, code = results[index]
        out.extend(lines_of(stdout))
        out.extend(("! " + l) if l else "!" for l in lines_of(stderr))
        if code != 0:
            out.append("? %d" % code)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kindly", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("tests", nargs="+")
    args = ap.parse_args()
    kindly = os.path.abspath(args.kindly)
    failed = 0
    for path in args.tests:
        blocks, files = parse(path)
        results = []
        with tempfile.TemporaryDirectory(prefix="kindly-golden-") as tmp:
            os.makedirs(os.path.join(tmp, "home"))
            for index, block in enumerate(blocks):
                for at, name, body in files:
                    if at == index:
                        with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
                            f.write(body)
                results.append(run_block(block, tmp, kindly))
        if args.update:
            header = []
            for line in open(path, encoding="utf-8").read().split("\n"):
                if line.startswith("$ ") or line.startswith("%file "):
                    break
                header.append(line)
            while header and header[-1] == "":
                header.pop()
            text = "\n".join(header + ([""] if header else []) + render(blocks, files, results)) + "\n"
            open(path, "w", encoding="utf-8").write(text)
            continue
        for block, (stdout, stderr, code) in zip(blocks, results):
            problems = []
            if lines_of(stdout) != block["out"]:
                problems.append("stdout differs")
            if lines_of(stderr) != block["err"]:
                problems.append("stderr differs")
            if code != block["code"]:
                problems.append("exit code %d, expected %d" % (code, block["code"]))
            if problems:
                failed += 1
                print("%s:%d: %s: %s" % (path, block["line"], block["cmd"], ", ".join(problems)))
                print("--- expected stdout\n" + "\n".join(block["out"]))
                print("--- actual stdout\n" + stdout, end="")
                print("--- expected stderr\n" + "\n".join(block["err"]))
                print("--- actual stderr\n" + stderr, end="")
    total = sum(len(parse(p)[0]) for p in args.tests)
    print("%d passed, %d failed" % (total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
