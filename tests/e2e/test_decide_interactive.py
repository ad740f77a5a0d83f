#!/usr/bin/env python3
"""`kindly decide ID` walked through on a pseudo-terminal, as a person would answer it.

kindly asks only when stdin and stderr are terminals, so the child gets the slave side of a pty
as stdin and stderr (the prompts) and a pipe as stdout (the verdict). The test waits for each
prompt, types the answer, and checks:

  - an offer: the CLEAR worksheet lines, the non-negotiables (Enter keeps what the tracker found),
    the offer checklist (a typo re-asks), the quick filter, concerns and false alarms by number
    (an out-of-range number re-asks), the lean, keenness and the reason; the verdict printed on
    stdout; the assessment saved with the user's own answers (what merely repeats the tracker is
    left to the tracker); and a second, non-interactive `kindly decide ID --json` that reuses the
    stored answers and reaches the same verdict;
  - Ctrl-D half-way: exit 1, "nothing was saved", and nothing is saved;
  - a remote offer with a visa: the mobility questions are asked, and no lawful payroll declines;
  - an accepted offer (want out, not sure: defer), an invitation after accepting another offer
    (both reopen questions yes: ask for time; otherwise decline the interview), and an invitation
    declined with the interview within a day (an unreadable choice asked again).

Every wait has a timeout and the child is killed on failure, so the test cannot hang.

    test_decide_interactive.py --kindly build/kindly --source .

Prints "N passed, M failed" last; exits 1 on any failure.
"""
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from harness import NOW, Checks, command_line  # noqa: E402

STEP_TIMEOUT = 10  # seconds to wait for one prompt
RUN_TIMEOUT = 60   # seconds for a whole walk-through


class Kindly:
    def __init__(self, binary, folder):
        self.binary, self.folder = binary, folder
        os.makedirs(os.path.join(folder, "home"), exist_ok=True)
        self.db = os.path.join(folder, "kindly.db")

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KINDLY_", "XDG_"))}
        env.update({"KINDLY_DB": self.db, "KINDLY_NOW": NOW, "TZ": "Europe/Berlin",
                    "HOME": os.path.join(self.folder, "home"), "LC_ALL": "C.UTF-8", "NO_COLOR": "1",
                    "TERM": "dumb", "COLUMNS": "100"})
        return env

    def run(self, *args, stdin=None):
        p = subprocess.run([self.binary, *args], env=self.env(), cwd=self.folder,
                           input=stdin.encode() if stdin is not None else None,
                           stdin=None if stdin is not None else subprocess.DEVNULL,
                           capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def must(self, *args):
        code, out, err = self.run(*args)
        if code != 0:
            raise RuntimeError("kindly %s exited %d: %s" % (" ".join(args), code, err))
        return out

    def assessments(self):
        with sqlite3.connect(self.db) as con:
            return con.execute("SELECT id, kind, framework, answers, verdict FROM assessments ORDER BY id").fetchall()


class Terminal:
    """kindly on a pty: prompts and echo on the master side, stdout through a pipe."""

    def __init__(self, kindly, *args):
        master, slave = os.openpty()
        self.master = master
        self.proc = subprocess.Popen([kindly.binary, *args], env=kindly.env(), cwd=kindly.folder,
                                     stdin=slave, stderr=slave, stdout=subprocess.PIPE,
                                     start_new_session=True)
        os.close(slave)
        self.screen = ""   # everything the terminal showed
        self.cursor = 0    # how far the script has read
        self.deadline = time.monotonic() + RUN_TIMEOUT

    def _read(self, timeout):
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the child closed the terminal
            return None
        if not chunk:
            return None
        self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, text):
        """Waits until `text` appears after the cursor; moves the cursor past it."""
        end = min(time.monotonic() + STEP_TIMEOUT, self.deadline)
        while True:
            at = self.screen.find(text, self.cursor)
            if at >= 0:
                self.cursor = at + len(text)
                return
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("no prompt %r; the terminal shows:\n%s" % (text, self.screen[self.cursor:][-1500:]))
            if self._read(left) is None:
                raise EOFError("kindly ended before prompting %r:\n%s" % (text, self.screen[self.cursor:][-1500:]))

    def settle(self, quiet=0.03):
        """Reads until the terminal has been quiet for `quiet` seconds, so that a prompt written
        in several pieces is complete before the answer is typed (and echoed)."""
        while time.monotonic() < self.deadline and self._read(quiet):
            pass

    def type(self, line):
        os.write(self.master, (line + "\n").encode())

    def answer(self, prompt, line):
        self.expect(prompt)
        self.settle()
        self.type(line)

    def end_of_input(self):
        os.write(self.master, b"\x04")  # Ctrl-D at the start of a line: end of input

    def finish(self):
        """Waits for the exit (reading the rest of the terminal); returns (code, stdout)."""
        try:
            out, _ = self.proc.communicate(timeout=max(1.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        while self._read(0.2):
            pass
        return self.proc.returncode, out.decode("utf-8", "replace")

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def close(self):
        self.kill()
        try:
            os.close(self.master)
        except OSError:
            pass


def walk(kindly, args, script):
    """Runs one walk-through. `script` holds (prompt, answer) pairs: wait for the prompt, then
    type the answer; an answer of None only waits; the prompt "EOF" types Ctrl-D."""
    term = Terminal(kindly, *args)
    try:
        for prompt, line in script:
            if prompt == "EOF":
                term.end_of_input()
            elif line is None:
                term.expect(prompt)
            else:
                term.answer(prompt, line)
        code, out = term.finish()
        return code, out, term.screen
    finally:
        term.close()


# The offer walk-through: every section, with two mistakes that must be asked again.
OFFER_SCRIPT = [
    ("Clarify your non-negotiables", "base >= 120k; hybrid or remote; visa sponsorship"),
    ("List gains and losses", "+8k base on today, 30 minutes less commute, no equity"),
    ("Evaluate the alternatives", ""),
    ("Ask clarifying questions", "on-call expectations; the promotion cycle"),
    ("Respond with intent", ""),
    ("base >= 120k", ""),                     # the tracker says no: Enter keeps it
    ("hybrid or remote", ""),
    ("visa sponsorship", ""),
    ("Does the base salary meet the minimum", ""),
    ("Are the total rewards", "maybe"),       # not an answer: asked again
    ("please answer y, n or ?", None),
    ("fair against the market? [y/n/[?]] ", "y"),
    ("manager's plan for your development", "y"),
    ("location and commute", "yes"),
    ("visa or work-authorisation barrier", ""),
    ("path to your next role", "y"),
    ("values and culture compatible", "?"),
    ("energise you", "y"),
    ("aligned with your 12-24-month goals", "y"),
    ("Are pay and benefits acceptable", "y"),
    ("path to development and promotion", "y"),
    ("compromise you cannot accept", "y"),
    ("culture and leadership match", "y"),
    ("Values and career progression", ""),
    ("Compensation and logistics", ""),
    ("Manager and team fit", ""),
    ("Timing and life", ""),
    ("The cost of the alternative", ""),
    ("Any other concerns?", None),
    ("  > ", "99"),                           # out of range: asked again
    ("give numbers from 1 to 15", None),
    ("  > ", "2"),                            # total pay
    ("Is any of this also on your mind?", None),
    ("  > ", "1"),                            # nerves
    ("Which way do you lean", "decline"),
    ("If the fixable concerns were met, would you take it?", "n"),
    ("Which reason?", "compensation"),
]


def test_offer(binary, tmp, checks):
    k = Kindly(binary, os.path.join(tmp, "offer"))
    k.must("profile", "set", "name=Sam Lee", "non_negotiables=base >= 120k; hybrid or remote; visa sponsorship")
    k.must("add", "Acme", "--role", "Data Engineer", "--stage", "offer", "--base", "110k", "--currency", "EUR",
           "--work-mode", "hybrid", "--visa", "not-needed", "--offer-deadline", "friday 17:00")
    code, out, screen = walk(k, ["decide", "acme"], OFFER_SCRIPT)
    checks.check(code == 0, "offer walk-through exits 0", "exit %d\n%s" % (code, screen[-2000:]))
    checks.check("Deciding on acme-data-engineer (Acme · Data Engineer), stage offer." in screen,
                 "the walk-through names the opportunity and its stage", screen[:400])
    checks.check("(kindly: base 110,000 EUR is below your minimum of 120,000) [y/N/?]" in screen,
                 "the tracker's evidence is shown with its suggestion", screen[:3000])
    checks.check(screen.count("please answer y, n or ?") == 1 and "give numbers from 1 to 15" in screen,
                 "a wrong answer is asked again, once", screen)
    checks.check("red-flags: red flags found in due diligence" in screen, "the reasons are listed with their codes")
    first = out.split("\n")[0]
    checks.check(first == "acme-data-engineer: decline — decline the offer from Acme (Data Engineer)",
                 "the verdict is printed on stdout", out)
    checks.check("» not-keen  [decisive]" in out and "you said you are not keen" in out,
                 "the decisive rule is the one the answers lead to (fixable only, not keen)", out)
    checks.check("message  decline-offer (reason: compensation)" in out, "the next step carries the reason", out)
    checks.check("fixable     base salary — a non-negotiable: base 110,000 EUR is below your minimum" in out
                 and "fixable     total pay" in out, "both fixable concerns are listed", out)
    checks.check("Deciding on" not in out and "Which reason?" not in out, "no prompt leaks into stdout", out)

    rows = k.assessments()
    checks.check(len(rows) == 1, "one assessment saved", repr(rows))
    if rows:
        answers = json.loads(rows[0][3])
        verdict = json.loads(rows[0][4])
        checks.check(rows[0][1] == "decide" and rows[0][2] == "offer", "saved as a decide assessment for an offer", repr(rows[0][:3]))
        checks.check(answers.get("lean") == "decline" and answers.get("keen") is False
                     and answers.get("reason") == "compensation",
                     "the lean, keenness and reason are saved", json.dumps(answers))
        checks.check(answers.get("concerns") == ["total-pay"] and answers.get("false_alarms") == ["nerves"],
                     "the concerns and false alarms are saved by id", json.dumps(answers))
        checks.check(answers.get("notes", {}).get("clarify", "").startswith("base >= 120k")
                     and "list" in answers.get("notes", {}) and "evaluate" not in answers.get("notes", {}),
                     "the CLEAR lines are saved as notes (skipped ones left out)", json.dumps(answers.get("notes")))
        checklist = answers.get("checklist", {})
        checks.check(checklist.get("values") == "unsure" and checklist.get("total-rewards") == "yes"
                     and checklist.get("location") == "yes",
                     "the checklist answers are saved", json.dumps(checklist))
        checks.check("base-minimum" not in checklist and "work-authorisation" not in checklist
                     and "base >= 120k" not in answers.get("non_negotiables", {}),
                     "answers that only repeat the tracker are left to the tracker", json.dumps(answers))
        checks.check(answers.get("quick_filter") == {i: "yes" for i in ["goals", "pay", "growth", "no-compromise", "culture"]},
                     "the quick filter is saved", json.dumps(answers.get("quick_filter")))
        checks.check(verdict.get("action") == "decline", "the saved verdict is the printed one", json.dumps(verdict)[:300])

    # Not on a terminal: the stored answers are used again.
    code, out, err = k.run("decide", "acme", "--json")
    v = json.loads(out) if code == 0 else {}
    checks.check(code == 0 and v.get("action") == "decline"
                 and [f["rule"] for f in v.get("explanation", []) if f["decisive"]] == ["not-keen"]
                 and v.get("next_step", {}).get("reason_code") == "compensation",
                 "a second, non-interactive decide reuses the stored answers", out[:400] + err)
    checks.check("using your answers of 2026-03-02 10:00" in err, "it says whose answers it used", err)
    checks.check(v.get("answers", {}).get("reason") == "compensation", "the reused answers are echoed", out[:300])
    checks.check(len(k.assessments()) == 2, "the second decide is saved too", repr(len(k.assessments())))
    code, log, _ = k.run("log", "acme")
    checks.check(log.count("verdict: decline (not-keen)") == 2, "the log has both verdicts", log)

    # Ctrl-D half-way through: nothing is saved.
    code, out, screen = walk(k, ["decide", "acme"], OFFER_SCRIPT[:10] + [("EOF", None)])
    checks.check(code == 1, "Ctrl-D stops the walk-through with exit 1", "exit %d\n%s" % (code, screen[-800:]))
    checks.check("the walk-through stopped at the end of input: nothing was saved" in screen,
                 "and says that nothing was saved", screen[-800:])
    checks.check(out == "", "no verdict is printed", out)
    checks.check(len(k.assessments()) == 2, "no assessment is saved", repr(len(k.assessments())))

    # Answering again starts from the stored answers: Enter keeps them. This time: lean yes.
    script = []
    skip = False
    for prompt, line in OFFER_SCRIPT:
        if skip or prompt in ("please answer y, n or ?", "give numbers from 1 to 15", "Which reason?"):
            skip = prompt in ("please answer y, n or ?", "give numbers from 1 to 15")  # and the re-ask after it
            continue
        if line is None or prompt == "  > ":
            script.append((prompt, line if line is None else ("2" if script[-1][0] == "Any other concerns?" else "")))
        else:
            script.append((prompt, {"Which way do you lean": "accept",
                                    "If the fixable concerns were met, would you take it?": "y"}.get(prompt, "")))
    code, out, screen = walk(k, ["decide", "acme", "--dry-run"], script)
    checks.check("energise you rather than feel like an obligation? [Y/n/?]" in screen
                 and "values and culture compatible with yours? [y/n/[?]]" in screen
                 and "Which way do you lean: accept, decline or unsure? [decline]" in screen,
                 "a second walk-through suggests the stored answers", screen[-3000:])
    checks.check(code == 0 and out.startswith("acme-data-engineer: negotiate"),
                 "leaning yes with fixable concerns: negotiate", out[:300])
    checks.check("- a base salary of at least 120,000 EUR" in out, "negotiating for the minimum base", out)
    checks.check("your reason:" not in out, "the reason of the earlier no is dropped once leaning yes", out)
    checks.check(len(k.assessments()) == 2, "--dry-run saves nothing", repr(len(k.assessments())))


def test_mobility(binary, tmp, checks):
    k = Kindly(binary, os.path.join(tmp, "mobility"))
    k.must("add", "Remotely", "--stage", "offer", "--base", "95k", "--currency", "EUR",
           "--work-mode", "remote", "--visa", "offered", "--relocation", "no")
    script = [(p, "") for p, _ in OFFER_SCRIPT[:5]]
    script += [(p, "y") for p in ("Does the base salary meet", "Are the total rewards", "manager's plan",
                                  "location and commute", "work-authorisation barrier", "path to your next role",
                                  "values and culture", "energise you")]
    script += [(p, "y") for p in ("aligned with your", "Are pay and benefits", "development and promotion",
                                  "compromise you cannot accept", "culture and leadership")]
    script += [("Mobility", None),
               ("Will the visa be granted in time for the start date?", "y"),
               ("Can the employer employ you lawfully where you live", "n"),
               ("Values and career progression", ""), ("Compensation and logistics", ""),
               ("Manager and team fit", ""), ("Timing and life", ""), ("The cost of the alternative", ""),
               ("Any other concerns?", None), ("  > ", ""),
               ("Is any of this also on your mind?", None), ("  > ", ""),
               ("Which way do you lean", "accept"),
               ("would you take it?", "y")]
    code, out, screen = walk(k, ["decide", "remotely"], script)
    checks.check(code == 0 and out.startswith("remotely: decline"), "no lawful payroll for remote work: decline",
                 "exit %d\n%s%s" % (code, out, screen[-800:]))
    checks.check("» mobility:unlawful-remote  [decisive]" in out, "the mobility rule is decisive", out)
    rows = k.assessments()
    answers = json.loads(rows[-1][3]) if rows else {}
    checks.check(answers.get("mobility") == {"visa-timeline": "yes", "lawful-payroll": "no"},
                 "the mobility answers are saved", json.dumps(answers))


def test_accepted(binary, tmp, checks):
    k = Kindly(binary, os.path.join(tmp, "accepted"))
    k.must("add", "Hooli", "--stage", "accepted", "--paperwork-signed", "yes")
    code, out, screen = walk(k, ["decide", "hooli"], [
        ("Do you want to get out of this acceptance?", "y"),
        ("Are you sure, or would revisiting in a few weeks do?", ""),
        ("Which reason?", "personal"),
    ])
    checks.check("Read the contract" in screen, "the rescind checks are shown before the questions", screen[:800])
    checks.check(code == 0 and out.startswith("hooli: defer — ask Hooli to revisit in a few weeks"),
                 "wanting out but unsure: defer", "exit %d\n%s%s" % (code, out, screen[-600:]))
    rows = k.assessments()
    answers = json.loads(rows[-1][3]) if rows else {}
    checks.check(answers.get("want_out") is True and answers.get("sure") is False and answers.get("reason") == "personal",
                 "the accepted answers are saved", json.dumps(answers))


def test_after_accepting(binary, tmp, checks):
    k = Kindly(binary, os.path.join(tmp, "after"))
    k.must("add", "Hooli", "--stage", "accepted")
    k.must("add", "Pied Piper", "--stage", "invited", "--interview-at", "next friday 14:00")
    code, out, screen = walk(k, ["decide", "pied"], [
        ("clearly better on something you care about", "y"),
        ("real doubts about the offer you accepted", "y"),
        ("what rescinding would cost", "n"),
        ("still looking while having accepted", "n"),
    ])
    checks.check("You accepted another offer." in screen, "the after-accepting questions are asked", screen[:600])
    checks.check(code == 0 and out.startswith("pied-piper: ask-for-time"),
                 "both reopen questions yes: ask for time", "exit %d\n%s" % (code, out))
    checks.check("kindly decide hooli" in out, "and decide about the accepted offer first", out)
    code, out, screen = walk(k, ["decide", "pied"], [
        ("clearly better on something you care about", "n"),
        ("real doubts about the offer you accepted", ""),
        ("what rescinding would cost", ""),
        ("still looking while having accepted", ""),
    ])
    checks.check(code == 0 and out.startswith("pied-piper: decline-interview"),
                 "otherwise: decline the interview", "exit %d\n%s" % (code, out))


def test_invitation(binary, tmp, checks):
    k = Kindly(binary, os.path.join(tmp, "invitation"))
    k.must("add", "Initech", "--stage", "invited", "--interview-at", "tomorrow 9:00")
    code, out, screen = walk(k, ["decide", "initech"], [
        ("Do you want to go on: accept, decline or unsure? [accept]", "nope"),
        ("one of: accept decline unsure", "dec"),
        ("Which reason?", "different-path"),
    ])
    checks.check(code == 0 and out.startswith("initech: decline-interview"), "an invitation declined",
                 "exit %d\n%s%s" % (code, out, screen[-500:]))
    checks.check("channel  call now, then email" in out, "the interview is within a day: call now", out)


def main():
    args = command_line()
    binary = os.path.abspath(args.kindly)
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="kindly-interactive-") as tmp:
        for test in (test_offer, test_mobility, test_accepted, test_after_accepting, test_invitation):
            try:
                test(binary, tmp, checks)
            except (TimeoutError, EOFError, RuntimeError, subprocess.TimeoutExpired, ValueError) as e:
                checks.check(False, test.__name__ + " ran to the end", str(e))
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
