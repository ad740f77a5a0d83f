#!/usr/bin/env python3
"""Ties the command table to the golden tests and the documentation.

Fails when a command of the table in src/cli/run.cpp (kCommands), one of its subcommands, or one
of their long options (as `kindly CMD [SUB] --help` lists them) has

  * no golden test in tests/golden/*.test that runs it (a `kindly … --help` run does not count,
    and an option counts only when its long form is typed), or
  * no mention in its page docs/commands/CMD.md (the option as `--name`, a subcommand as
    `CMD SUB`).

The global options of `kindly --help` (--db, --json, --version, …) must appear in some golden
test and in docs/commands/README.md, which must also link every command's page; every stage name
(src/core/enums.h kStageNames) must be explained in docs/glossary.md.

Usage: test_docs_and_goldens.py --kindly PATH --source DIR
Prints one line per problem, then "N passed, M failed"; exits 1 when anything failed.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import command_line, kindly_env  # noqa: E402

# An option line of CLI11's help: "  -r,--role ROLE   the role…" or "  --json   print…".
OPTION_LINE = re.compile(r"^  (?:-\w,)?--([a-z][a-z0-9-]*)(?: (\S+))?(?:\s|$)")
SECTION = re.compile(r"^([A-Z][A-Za-z ]*):$")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, ok, problem):
        if ok:
            self.passed += 1
        else:
            self.failed.append(problem)
            print("FAIL: " + problem)


def run_kindly(kindly, args, tmp):
    env = dict(kindly_env(tmp, os.path.join(tmp, "kindly.db")), COLUMNS="100")
    proc = subprocess.run([kindly] + args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=60, cwd=tmp)
    return proc.returncode, proc.stdout.decode("utf-8", "replace")


def parse_help(text):
    """Long options (name → takes a value) and subcommand names of one help screen."""
    options, subcommands = {}, []
    section = None
    for line in text.split("\n"):
        m = SECTION.match(line)
        if m:
            section = m.group(1)
            continue
        if not line.strip():
            if section == "Subcommands":
                section = None
            continue
        if section == "Subcommands":
            words = line.split()
            if line.startswith("  ") and words:
                subcommands.append(words[0])
            continue
        m = OPTION_LINE.match(line)
        if m:
            options[m.group(1)] = m.group(2) is not None
    return options, subcommands


def table_commands(source):
    """The command names of kCommands in src/cli/run.cpp, in table order."""
    path = os.path.join(source, "src", "cli", "run.cpp")
    text = open(path, encoding="utf-8").read()
    start = text.find("kCommands")
    end = text.find("};", start)
    return re.findall(r'Command\{\s*"([a-z][a-z0-9-]*)"', text[start:end])


def stage_names(source):
    path = os.path.join(source, "src", "core", "enums.h")
    text = open(path, encoding="utf-8").read()
    m = re.search(r"kStageNames\s*=\s*\{(.*?)\};", text, re.S)
    return re.findall(r'"([a-z-]+)"', m.group(1)) if m else []


def golden_commands(source):
    """Every '$ kindly …' line of the golden tests as (file, line number, words after 'kindly')."""
    out = []
    folder = os.path.join(source, "tests", "golden")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".test"):
            continue
        path = os.path.join(folder, name)
        for number, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
            if not line.startswith("$ "):
                continue
            try:
                words = shlex.split(line[2:])
            except ValueError:
                continue
            while words and "=" in words[0] and not words[0].startswith("-"):
                words.pop(0)  # NAME=VALUE environment assignments
            if "<" in words:
                k = words.index("<")
                del words[k:k + 2]
            if words and words[0] == "kindly":
                out.append((name, number, words[1:]))
    return out


def classify(words, global_options, subcommands_of):
    """(command path, long options typed, is a help run) of one invocation."""
    path, typed, is_help = [], set(), False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("-h", "--help"):
            is_help = True
        if w.startswith("--") and len(w) > 2:
            name = w[2:].split("=", 1)[0]
            typed.add(name)
            owner_takes_value = global_options.get(name) if not path else None
            if owner_takes_value and "=" not in w:
                i += 1  # skip the value of a global option such as --db PATH
        elif not w.startswith("-"):
            if not path:
                path.append(w)
            elif len(path) == 1 and w in subcommands_of.get(path[0], ()):
                path.append(w)
        i += 1
    if path and path[0] == "help":
        is_help = True
        path = path[1:3]
    return tuple(path), typed, is_help


def main():
    args = command_line()
    kindly = os.path.abspath(args.kindly)
    source = os.path.abspath(args.source)
    checks = Checks()

    commands = table_commands(source)
    checks.check(len(commands) > 0, "src/cli/run.cpp: no commands found in kCommands")

    with tempfile.TemporaryDirectory(prefix="kindly-docs-") as tmp:
        code, top = run_kindly(kindly, ["--help"], tmp)
        checks.check(code == 0, "'kindly --help' exited with %d" % code)
        global_options, _ = parse_help(top)
        # Per command path: its long options (without --help, which every command has).
        options = {}
        subcommands_of = {}
        for cmd in commands:
            code, text = run_kindly(kindly, [cmd, "--help"], tmp)
            checks.check(code == 0, "'kindly %s --help' exited with %d" % (cmd, code))
            opts, subs = parse_help(text)
            options[(cmd,)] = {o for o in opts if o not in global_options}
            subcommands_of[cmd] = subs
            for sub in subs:
                code, text = run_kindly(kindly, [cmd, sub, "--help"], tmp)
                checks.check(code == 0, "'kindly %s %s --help' exited with %d" % (cmd, sub, code))
                sub_opts, _ = parse_help(text)
                options[(cmd, sub)] = {o for o in sub_opts if o not in global_options}

    # What the golden tests run.
    used_paths = set()
    used_options = {}  # path → long options typed with it
    used_globals = set()
    for _, _, words in golden_commands(source):
        path, typed, is_help = classify(words, global_options, subcommands_of)
        used_globals |= typed & set(global_options)
        if is_help or not path:
            continue
        used_paths.add(path)
        if len(path) == 2:
            used_paths.add(path[:1])
        used_options.setdefault(path, set()).update(typed)

    docs = os.path.join(source, "docs", "commands")
    for path in sorted(options):
        name = " ".join(path)
        page_path = os.path.join(docs, path[0] + ".md")
        page = open(page_path, encoding="utf-8").read() if os.path.exists(page_path) else None
        if len(path) == 1:
            checks.check(page is not None, "docs/commands/%s.md is missing" % path[0])
        checks.check(path in used_paths,
                     "no golden test runs 'kindly %s' (add one to tests/golden/)" % name)
        if len(path) == 2 and page is not None:
            checks.check(re.search(r"\b%s %s\b" % (re.escape(path[0]), re.escape(path[1])), page),
                         "docs/commands/%s.md does not mention '%s'" % (path[0], name))
        for opt in sorted(options[path]):
            checks.check(opt in used_options.get(path, set()),
                         "no golden test runs 'kindly %s' with --%s" % (name, opt))
            if page is not None:
                checks.check(re.search(r"(?<![\w-])--%s(?![\w-])" % re.escape(opt), page),
                             "docs/commands/%s.md does not mention --%s (of 'kindly %s')"
                             % (path[0], opt, name))

    index_path = os.path.join(docs, "README.md")
    index = open(index_path, encoding="utf-8").read() if os.path.exists(index_path) else ""
    checks.check(index != "", "docs/commands/README.md is missing")
    for cmd in commands:
        checks.check("(%s.md)" % cmd in index, "docs/commands/README.md does not link %s.md" % cmd)
    for opt in sorted(global_options):
        if opt != "help":
            checks.check(opt in used_globals, "no golden test uses the global option --%s" % opt)
        checks.check(re.search(r"(?<![\w-])--%s(?![\w-])" % re.escape(opt), index),
                     "docs/commands/README.md does not mention the global option --%s" % opt)

    glossary_path = os.path.join(source, "docs", "glossary.md")
    glossary = open(glossary_path, encoding="utf-8").read() if os.path.exists(glossary_path) else ""
    checks.check(glossary != "", "docs/glossary.md is missing")
    stages = stage_names(source)
    checks.check(len(stages) > 0, "src/core/enums.h: no stage names found in kStageNames")
    for stage in stages:
        checks.check(re.search(r"\*\*%s\*\*" % re.escape(stage), glossary),
                     "docs/glossary.md does not explain the stage %s (as **%s**)" % (stage, stage))

    print("%d passed, %d failed" % (checks.passed, len(checks.failed)))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
