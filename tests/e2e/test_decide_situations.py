#!/usr/bin/env python3
"""`kindly decide` end to end: a table of realistic situations, each run through the real binary.

Every situation starts from an empty tracker: it sets the profile, adds the opportunity (and any
others, e.g. an offer already accepted), may run earlier commands (an earlier `decide`, a
`counter`), then runs `kindly decide ID --answers - --json` with an answers document on stdin
(or no answers), and checks what the playbook (docs/decide.md, playbook/*.toml) says should come
out: the action, the decisive rule, key evidence, the concerns split into fixable and structural,
the warnings, and the next step (message kind, reason code, send-by time, channel).

Covered: every stage (invited, interviewing, offer, negotiating, accepted; started and closed
stages are refused), every reason code of playbook/reasons.toml (read from the source tree, so a
new code is covered automatically), mobility rules and visa windows, non-negotiables at offer and
after negotiating, counteroffers, false alarms, deadlines, interviews within 24 hours, invitations
after accepting another offer, rescinding and deferring. Bad answers (wrong framework, unknown
ids, unknown reason, invalid JSON, unknown key) must exit 2 with a clear message and store
nothing (checked in the database with sqlite3 and in `kindly log`).

A situation marked `known_bug` states what the playbook expects and what kindly does today; it
is reported as XFAIL and does not fail the run, but it does fail (XPASS) once kindly is fixed, so
that the marker gets removed.

    test_decide_situations.py --kindly build/kindly --source .

Prints one line per check group, then "N passed, M failed" last; exits 1 on any failure.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import command_line  # noqa: E402

NOW = "2026-03-02T09:00:00Z"  # a Monday, 10:00 in Berlin

# Send-by times, from playbook/timing.toml and NOW.
AT_ONCE = "2026-03-02T09:00:00Z"
IN_12H = "2026-03-02T21:00:00Z"   # ask-for-time (24 h) with a visa window (x 0.5)
IN_24H = "2026-03-03T09:00:00Z"   # declining an interview; an outright no with a visa window
IN_48H = "2026-03-04T09:00:00Z"   # an outright no; accept, negotiate, defer
IN_72H = "2026-03-05T09:00:00Z"   # withdrawing after an interview

UNSET = object()


# ----------------------------------------------------------------------------------------------
# The situations

def offer(company, *extra):
    return ["add", company, "--stage", "offer", *extra]


ACCEPTED_HOOLI = ["add", "Hooli", "--role", "Backend Engineer", "--stage", "accepted"]
NN_BASE = ["profile", "set", "non_negotiables=base >= 120k; hybrid or remote; visa sponsorship"]
NN_FREE = ["profile", "set", "non_negotiables=base >= 100k; hybrid or remote; no on-call rota"]

SITUATIONS = [
    # --- invited --------------------------------------------------------------------------------
    dict(name="invited, nothing against it: go ahead",
         setup=[["add", "Initech", "--role", "Analyst", "--stage", "invited", "--interview-at", "next monday 10:00"]],
         id="initech", answers=None,
         action="accept", framework="invitation", decisive="no-concerns",
         evidence=["nothing you named stands against going on"], conclusion=["accept the invitation"],
         fixable=[], structural=[], warnings=[], message_kind=None, reason_code=None, by=IN_48H),
    dict(name="invited, taking a different path: decline the interview within a day",
         setup=[["add", "Initech", "--stage", "invited", "--interview-at", "next monday 10:00"]],
         id="initech", answers={"framework": "invitation", "lean": "decline", "reason": "different-path"},
         action="decline-interview", decisive="your-decision",
         evidence=["a different path"], fixable=[], structural=[], warnings=[],
         message_kind="decline-interview", reason_code="different-path", by=IN_24H,
         timing_rule=["within 24 hours"], channel=None),
    dict(name="invited, the interview is tomorrow morning: call now",
         setup=[["add", "Initech", "--stage", "invited", "--interview-at", "tomorrow 9:00"]],
         id="initech", answers={"framework": "invitation", "lean": "decline", "reason": "timing"},
         action="decline-interview", decisive="your-decision",
         message_kind="decline-interview", reason_code="timing", by=AT_ONCE,
         timing_rule=["less than 24 hours away", "call now"], channel="call now, then email"),
    dict(name="invited, going ahead with the interview tomorrow morning: confirm before it",
         setup=[["add", "Initech", "--stage", "invited", "--interview-at", "tomorrow 9:00"]],
         id="initech", answers={"framework": "invitation", "lean": "accept"},
         action="accept", decisive="no-concerns", by_not_after="2026-03-03T08:00:00Z"),
    dict(name="invited, unsure whether to go on: ask for time",
         setup=[["add", "Initech", "--stage", "invited"]],
         id="initech", answers={"framework": "invitation", "lean": "unsure"},
         action="ask-for-time", decisive="open-questions", evidence=["unsure about going on"],
         message_kind="ask-for-time", reason_code=None, by=IN_24H),
    # --- interviewing ---------------------------------------------------------------------------
    dict(name="interviewing, the manager worried me: withdraw, reason kept private",
         setup=[["add", "Umbrella", "--role", "SRE", "--stage", "interviewing", "--rounds", "2"]],
         id="umbrella", answers={"framework": "invitation", "lean": "decline", "reason": "culture-manager"},
         action="withdraw", framework="invitation", decisive="your-decision",
         evidence=["concerns about the manager or culture"], conclusion=["the earlier, the kinder"],
         message_kind="withdraw-application", reason_code="culture-manager", by=IN_72H,
         timing_rule=["after an interview"]),
    dict(name="interviewing, a reason alone (no lean) is a no",
         setup=[["add", "Umbrella", "--stage", "interviewing"]],
         id="umbrella", answers={"framework": "invitation", "reason": "better-aligned"},
         action="withdraw", decisive="your-decision",
         message_kind="withdraw-application", reason_code="better-aligned", by=IN_72H),
    # --- invited or interviewing after accepting another offer ----------------------------------
    dict(name="invited after accepting another offer: decline the interview by default",
         setup=[ACCEPTED_HOOLI, ["add", "Pied Piper", "--stage", "invited", "--interview-at", "next friday 14:00"]],
         id="pied", answers=None,
         action="decline-interview", framework="after-accepting", decisive="after-accepting",
         evidence=["you accepted hooli-backend-engineer (Hooli)"], conclusion=["keep the door open"],
         fixable=[], structural=[], warnings=[],
         message_kind="decline-interview", reason_code="accepted-other-offer", by=IN_24H),
    dict(name="invited after accepting, both reopen questions yes: ask for time, decide the accepted one first",
         setup=[ACCEPTED_HOOLI, ["add", "Pied Piper", "--stage", "invited"]],
         id="pied",
         answers={"framework": "after-accepting",
                  "questions": {"materially-better": "yes", "accepted-doubts": "yes", "cost-of-rescinding": "no"}},
         action="ask-for-time", decisive="after-accepting",
         evidence=["doubt it, and this role is clearly better"],
         conclusion=["kindly decide hooli-backend-engineer"],
         warnings=[], message_kind="ask-for-time", reason_code=None, by=IN_24H),
    dict(name="invited after accepting, only one reopen question yes and still looking: decline, warned",
         setup=[ACCEPTED_HOOLI, ["add", "Pied Piper", "--stage", "invited"]],
         id="pied",
         answers={"framework": "after-accepting",
                  "questions": {"materially-better": "yes", "accepted-doubts": "no", "still-looking": "yes"}},
         action="decline-interview", decisive="after-accepting", warnings=["still-looking"],
         message_kind="decline-interview", reason_code="accepted-other-offer", by=IN_24H),
    dict(name="interviewing after accepting another offer: withdraw",
         setup=[ACCEPTED_HOOLI, ["add", "Pied Piper", "--stage", "interviewing"]],
         id="pied", answers={"framework": "after-accepting"},
         action="withdraw", framework="after-accepting", decisive="after-accepting",
         conclusion=["withdraw promptly"],
         # Accepted elsewhere is an outright no (playbook §5: 24–48 h), even after interviews.
         message_kind="withdraw-application", reason_code="accepted-other-offer", by=IN_48H),
    dict(name="invited after accepting, the interview is in 5 hours: call now",
         setup=[ACCEPTED_HOOLI, ["add", "Pied Piper", "--stage", "invited", "--interview-at", "+5h"]],
         id="pied", answers={"framework": "after-accepting"},
         action="decline-interview", decisive="after-accepting",
         message_kind="decline-interview", reason_code="accepted-other-offer", by=AT_ONCE,
         channel="call now, then email"),
    # --- offer: the frameworks ------------------------------------------------------------------
    dict(name="offer, nothing answered and nothing known: do not accept blindly",
         setup=[offer("Acme")],
         id="acme", answers=None,
         action="ask-for-time"),
    dict(name="offer, everything checks out, another offer still open: accept and close out the rest",
         setup=[NN_BASE,
                offer("Acme", "--role", "Data Engineer", "--base", "130k", "--currency", "EUR",
                      "--work-mode", "hybrid", "--visa", "not-needed"),
                offer("Globex", "--base", "125k", "--currency", "EUR")],
         id="acme",
         answers={"framework": "offer", "lean": "accept", "keen": True,
                  "checklist": {i: "yes" for i in ["total-rewards", "development-plan", "location", "next-role", "values", "energy"]},
                  "quick_filter": {i: "yes" for i in ["goals", "pay", "growth", "no-compromise", "culture"]}},
         action="accept", decisive="no-concerns",
         fixable=[], structural=[], warnings=["close-out"], warning_text={"close-out": "globex"},
         message_kind=None, reason_code=None, by=IN_48H, timing_rule=["promptly"]),
    dict(name="an offer while another offer is already accepted: a prompt, courteous no",
         setup=[ACCEPTED_HOOLI, offer("Acme", "--base", "150k")],
         id="acme", answers={"framework": "offer", "lean": "accept"},
         action="decline", decisive="accepted-elsewhere", evidence=["you accepted hooli-backend-engineer (Hooli)"],
         fixable=[], structural=[], message_kind="decline-offer", reason_code="accepted-other-offer", by=IN_48H),
    dict(name="offer, three checklist items fail: declining is probably right",
         setup=[offer("Soylent", "--base", "100k", "--currency", "EUR")],
         id="soylent",
         answers={"framework": "offer",
                  "checklist": {"total-rewards": "no", "location": "no", "work-authorisation": "no"}},
         action="decline", decisive="offer-checklist", evidence=["3 of 8 items"],
         conclusion=["declining is probably right"],
         fixable=["total-pay", "relocation-package", "visa-support"], structural=[], warnings=[],
         message_kind="decline-offer", reason_code="compensation", by=IN_48H),
    dict(name="offer, two checklist items fail: not enough on its own",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "lean": "accept",
                                "checklist": {"total-rewards": "no", "energy": "yes"}, "keen": True},
         action="negotiate", decisive="fixable-only",
         findings={"offer-checklist": None},
         fixable=["total-pay"], negotiate_for=["a total package closer to the market, e.g. a sign-on bonus or a larger equity grant"],
         message_kind="negotiate", reason_code=None),
    dict(name="offer, a firm no on pay in the quick filter",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "quick_filter": {"pay": "no"}},
         action="decline", decisive="quick-filter", evidence=["a firm no: Are pay and benefits acceptable"],
         fixable=["salary"], structural=[],
         message_kind="decline-offer", reason_code="compensation", by=IN_48H),
    dict(name="offer, three misaligned reflection answers",
         setup=[offer("Soylent")],
         id="soylent",
         answers={"framework": "offer", "reflection": {"goals": "no", "growth": "no", "logistics": "no", "people": "yes"}},
         action="decline", decisive="reflection", evidence=["3 of 7 reflection answers are misaligned"],
         fixable=[], structural=[], message_kind="decline-offer", reason_code="none", by=IN_48H),
    dict(name="offer, one misaligned reflection answer: a conversation, not a no",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "lean": "accept", "reflection": {"mobility": "no"}},
         action="accept", decisive="no-concerns", findings={"reflection": None}),
    dict(name="offer, the manager's style worried me: structural, decline",
         setup=[offer("Soylent", "--base", "140k")],
         id="soylent", answers={"framework": "offer", "concerns": ["manager"], "lean": "accept"},
         action="decline", decisive="structural-concern", evidence=["the manager's style"],
         fixable=[], structural=["manager"],
         message_kind="decline-offer", reason_code="culture-manager", by=IN_48H),
    dict(name="offer, title and start date only, keen: negotiate naming the terms",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "concerns": ["title", "start-date"], "keen": True},
         action="negotiate", decisive="fixable-only",
         fixable=["title", "start-date"], structural=[],
         negotiate_for=["a title that matches the scope we discussed",
                        "a start date that lets me leave my current role properly"],
         message_kind="negotiate", reason_code=None, by=IN_48H),
    dict(name="offer, only fixable concerns but not keen: decline rather than a hollow negotiation",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "concerns": ["salary", "title"], "keen": False},
         action="decline", decisive="not-keen", fixable=["salary", "title"], structural=[],
         negotiate_for=[], message_kind="decline-offer", reason_code="compensation", by=IN_48H),
    # --- false alarms ---------------------------------------------------------------------------
    dict(name="offer, leaning no over nerves and wording only: ask for time, warned",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "lean": "decline", "false_alarms": ["nerves", "wording"]},
         action="ask-for-time", decisive="false-alarms", evidence=["your only concerns: nerves"],
         conclusion=["clarifying questions"],
         fixable=[], structural=[], warnings=["false-alarms-only"],
         warning_text={"false-alarms-only": "outside view"},
         message_kind="ask-for-time", reason_code=None, by=IN_24H),
    dict(name="offer, fear of change only, no lean: ask for time, no warning",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "false_alarms": ["fear-of-change"]},
         action="ask-for-time", decisive="false-alarms", warnings=[], message_kind="ask-for-time"),
    dict(name="offer, leaning yes with a small benefit gap as the only worry: accept",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "lean": "accept", "false_alarms": ["small-benefit-gap"]},
         action="accept", decisive="no-concerns", evidence=["only false alarms"], warnings=[]),
    dict(name="offer, leaning no without any concern or reason: find out why first",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "lean": "decline"},
         action="ask-for-time", decisive="no-concern-named", message_kind="ask-for-time", reason_code=None),
    dict(name="offer, two open answers: ask for a decision window",
         setup=[offer("Soylent")],
         id="soylent", answers={"framework": "offer", "checklist": {"energy": "unsure"}, "quick_filter": {"culture": "unsure"}},
         action="ask-for-time", decisive="open-questions", evidence=["2 answers are unsure"],
         message_kind="ask-for-time", by=IN_24H),
    dict(name="offer, leaning no for pay with no word on keenness",
         setup=[offer("Soylent", "--base", "90k")],
         id="soylent", answers={"framework": "offer", "lean": "decline", "reason": "compensation"},
         action="negotiate", decisive="fixable-only", fixable=["salary"],
         negotiate_for=["a higher base salary"]),
    # --- non-negotiables ------------------------------------------------------------------------
    dict(name="offer below the minimum base: negotiate for exactly that base",
         setup=[NN_BASE, offer("Acme", "--base", "105k", "--currency", "EUR", "--work-mode", "hybrid", "--visa", "not-needed")],
         id="acme", answers={"framework": "offer", "keen": True},
         action="negotiate", decisive="fixable-only",
         findings={"non-negotiable": "negotiate"},
         evidence=["base 105,000 EUR is below your minimum of 120,000"],
         fixable=["salary"], fixable_nn=["salary"], structural=[],
         negotiate_for=["a base salary of at least 120,000 EUR"],
         message_kind="negotiate", reason_code=None, by=IN_48H),
    dict(name="still below the minimum base after negotiating: decline, do not bargain on",
         setup=[NN_BASE, ["add", "Acme", "--stage", "negotiating", "--base", "110k", "--currency", "EUR",
                          "--work-mode", "remote", "--visa", "not-needed"]],
         id="acme", answers={"framework": "offer", "keen": True},
         action="decline", decisive="non-negotiable", evidence=["base 110,000 EUR is below your minimum"],
         conclusion=["still not met after negotiating"],
         fixable=["salary"], warnings=["no-negotiating-after-no"],
         message_kind="decline-offer", reason_code="compensation", by=IN_48H),
    dict(name="offer without visa sponsorship, no move needed: negotiate the sponsorship",
         setup=[NN_BASE, offer("Acme", "--base", "130k", "--work-mode", "hybrid", "--visa", "none", "--relocation", "no")],
         id="acme", answers={"framework": "offer"},
         action="negotiate", decisive="fixable-only", fixable=["visa-support"], fixable_nn=["visa-support"],
         negotiate_for=["visa sponsorship with a firm timeline"], warnings=[]),
    dict(name="still no visa sponsorship after negotiating: decline",
         setup=[NN_BASE, ["add", "Acme", "--stage", "negotiating", "--base", "130k", "--work-mode", "hybrid",
                          "--visa", "none", "--relocation", "no"]],
         id="acme", answers={"framework": "offer"},
         action="decline", decisive="non-negotiable", evidence=["no visa sponsorship"],
         warnings=["no-negotiating-after-no"], message_kind="decline-offer", reason_code="visa"),
    dict(name="onsite offer against 'hybrid or remote': negotiate the way of working",
         setup=[NN_BASE, offer("Acme", "--base", "130k", "--work-mode", "onsite", "--visa", "not-needed")],
         id="acme", answers={"framework": "offer"},
         action="negotiate", decisive="fixable-only",
         evidence=["the offer is onsite; you need hybrid or remote"],
         fixable=["remote"], negotiate_for=["hybrid or remote work"]),
    dict(name="still onsite after negotiating: decline",
         setup=[NN_BASE, ["add", "Acme", "--stage", "negotiating", "--base", "130k", "--work-mode", "onsite",
                          "--visa", "not-needed"]],
         id="acme", answers={"framework": "offer"},
         action="decline", decisive="non-negotiable", reason_code="location",
         warnings=["no-negotiating-after-no"]),
    dict(name="a free-text non-negotiable is not met: decline, negotiation rarely fixes it",
         setup=[NN_FREE, offer("Acme", "--base", "130k", "--work-mode", "remote")],
         id="acme", answers={"framework": "offer", "lean": "accept", "non_negotiables": {"no on-call rota": "no"}},
         action="decline", decisive="non-negotiable", evidence=["'no on-call rota' is not met"],
         conclusion=["negotiation rarely fixes this kind"],
         structural=["non-negotiable"], structural_nn=["non-negotiable"], message_kind="decline-offer", by=IN_48H),
    dict(name="a free-text non-negotiable is not met: the reason is not a red flag",
         setup=[NN_FREE, offer("Acme", "--base", "130k", "--work-mode", "remote")],
         id="acme", answers={"framework": "offer", "non_negotiables": {"no on-call rota": "no"}},
         action="decline", reason_code="none"),
    dict(name="a free-text non-negotiable still not met after negotiating: decline",
         setup=[NN_FREE, ["add", "Acme", "--stage", "negotiating", "--base", "130k", "--work-mode", "remote"]],
         id="acme", answers={"framework": "offer", "non_negotiables": {"no on-call rota": "no"}},
         action="decline", decisive="non-negotiable", conclusion=["still not met after negotiating"],
         warnings=["no-negotiating-after-no"]),
    # --- global mobility ------------------------------------------------------------------------
    dict(name="no visa sponsorship for a job abroad: decline, windows halved",
         setup=[offer("Globex", "--base", "130k", "--relocation", "yes", "--visa", "none")],
         id="globex", answers={"framework": "offer", "lean": "accept"},
         action="decline", decisive="mobility:no-reliable-visa",
         evidence=["no visa sponsorship for a job that needs you to move"],
         conclusion=["stranded"],
         fixable=["visa-support"], warnings=["visa-window"], warning_text={"visa-window": "50%"},
         message_kind="decline-offer", reason_code="visa", by=IN_24H, timing_rule=["within 24 hours"]),
    dict(name="uncertain visa sponsorship for a job abroad: decline, for a visa reason",
         setup=[offer("Globex", "--base", "130k", "--relocation", "yes", "--visa", "uncertain")],
         id="globex", answers={"framework": "offer"},
         action="decline", decisive="mobility:no-reliable-visa",
         evidence=["visa sponsorship is uncertain for a job that needs you to move"],
         warnings=["visa-window"], message_kind="decline-offer", by=IN_24H, reason_code="visa"),
    dict(name="visa timeline longer than the start date: decline",
         setup=[offer("Globex", "--base", "130k", "--relocation", "yes", "--visa", "offered")],
         id="globex", answers={"framework": "offer", "mobility": {"visa-timeline": "no"}},
         action="decline", decisive="mobility:visa-too-slow", evidence=["visa timeline does not fit"],
         conclusion=["negotiate a later start"], warnings=["visa-window"], by=IN_24H),
    dict(name="remote employer without lawful payroll where you live: decline",
         setup=[offer("Remotely", "--base", "100k", "--work-mode", "remote")],
         id="remotely", answers={"framework": "offer", "lean": "accept", "mobility": {"lawful-payroll": "no"}},
         action="decline", decisive="mobility:unlawful-remote",
         evidence=["cannot employ you lawfully where you live"], warnings=[],
         message_kind="decline-offer", by=IN_48H),
    dict(name="a move is required and the relocation package is a concern: the move is not assured",
         setup=[offer("Globex", "--base", "130k", "--relocation", "yes", "--visa", "offered")],
         id="globex", answers={"framework": "offer", "concerns": ["relocation-package"], "keen": True},
         action="decline", decisive="mobility:relocation-not-assured"),
    dict(name="open questions on a job abroad: the decision window is halved",
         setup=[offer("Globex", "--base", "130k", "--relocation", "yes", "--visa", "offered")],
         id="globex", answers={"framework": "offer", "checklist": {"energy": "unsure", "values": "unsure"}},
         action="ask-for-time", decisive="open-questions", warnings=["visa-window"], by=IN_12H),
    # --- deadlines ------------------------------------------------------------------------------
    dict(name="deadline tomorrow noon, ready to accept: the send-by is the deadline",
         setup=[offer("Acme", "--offer-deadline", "tomorrow 12:00")],
         id="acme", answers={"framework": "offer", "lean": "accept"},
         action="accept", warnings=["deadline-close"], warning_text={"deadline-close": "26 hours"},
         by="2026-03-03T11:00:00Z", timing_rule=["before the offer deadline"]),
    dict(name="deadline tomorrow noon, unsure: ask for an extension now",
         setup=[offer("Acme", "--offer-deadline", "tomorrow 12:00")],
         id="acme", answers={"framework": "offer", "lean": "unsure"},
         action="ask-for-time", decisive="open-questions", warnings=["deadline-close"],
         message_kind="ask-for-time", by=IN_24H, timing_rule=["ask for an extension now"]),
    dict(name="deadline already passed: answer today",
         setup=[offer("Acme", "--offer-deadline", "2026-02-27")],
         id="acme", answers={"framework": "offer", "lean": "decline", "reason": "personal"},
         action="decline", decisive="your-decision", warnings=["deadline-passed"],
         warning_text={"deadline-passed": "answer today"}, by=AT_ONCE),
    # --- accepted -------------------------------------------------------------------------------
    dict(name="accepted, not looking to leave: keep it",
         setup=[["add", "Hooli", "--stage", "accepted"]],
         id="hooli", answers=None,
         action="accept", framework="accepted", decisive="keep-acceptance", message_kind=None, warnings=[]),
    dict(name="accepted, wants out but unsure: defer rather than walk away",
         setup=[["add", "Hooli", "--stage", "accepted"]],
         id="hooli", answers={"framework": "accepted", "want_out": True},
         action="defer", decisive="unsure-after-accepting", conclusion=["revisit in a few weeks"],
         message_kind="defer", reason_code="none", by=IN_48H),
    dict(name="rescind with signed paperwork and relocation money paid",
         setup=[["add", "Hooli", "--stage", "accepted", "--paperwork-signed", "yes",
                 "--relocation-paid", "5000", "--currency", "EUR"]],
         id="hooli", answers={"framework": "accepted", "want_out": True, "sure": True, "reason": "better-aligned"},
         action="rescind", decisive="rescind", evidence=["you are sure you want out"],
         warnings=["rescind-contract", "rescind-relocation", "rescind-property", "rescind-counsel", "rescind"],
         warning_text={"rescind-relocation": "5,000 EUR", "rescind": "Apologise once"},
         message_kind="rescind-acceptance", reason_code="better-aligned", by=AT_ONCE,
         channel="call first, then email", timing_rule=["at once"]),
    dict(name="rescind with nothing signed or paid: no contract or repayment warnings",
         setup=[["add", "Hooli", "--stage", "accepted", "--paperwork-signed", "no"]],
         id="hooli", answers={"framework": "accepted", "want_out": True, "sure": True, "reason": "personal"},
         action="rescind", warnings=["rescind-property", "rescind-counsel", "rescind"],
         message_kind="rescind-acceptance", reason_code="personal", by=AT_ONCE),
    # --- counteroffers --------------------------------------------------------------------------
    dict(name="staying with the current employer after its counteroffer",
         setup=[offer("Acme", "--base", "130k")],
         id="acme", answers={"framework": "offer", "lean": "decline", "reason": "counteroffer"},
         action="decline", decisive="your-decision", warnings=["counteroffer-money"],
         message_kind="decline-after-counteroffer", reason_code="counteroffer", by=IN_48H),
    dict(name="more money against a structural concern: still decline, money rarely fixes it",
         setup=[offer("Initrode", "--base", "130k", "--currency", "EUR"),
                (["decide", "initrode", "--answers", "-"], {"framework": "offer", "concerns": ["manager"]})],
         id="initrode", run=["counter", "initrode", "base=150k", "sign_on=20k", "--json"],
         action="decline", decisive="structural-concern",
         findings={"counteroffer": "decline"}, evidence=["new terms: base 150,000, sign_on 20,000"],
         conclusion=["do not touch the structural concerns (the manager's style)"],
         structural=["manager"], warnings=["no-negotiating-after-no", "counteroffer-money"],
         before="decline", stage="negotiating",
         message_kind="decline-offer", reason_code="culture-manager"),
    dict(name="a counter that meets the minimum base: accept",
         setup=[NN_BASE, offer("Acme", "--base", "110k", "--currency", "EUR", "--work-mode", "hybrid", "--visa", "not-needed"),
                (["decide", "acme", "--answers", "-"], {"framework": "offer", "lean": "accept", "keen": True})],
         id="acme", run=["counter", "acme", "base=125k", "--json"],
         action="accept", decisive="no-concerns", findings={"counteroffer": None},
         fixable=[], structural=[], before="negotiate", stage="negotiating", by=IN_48H),
    dict(name="a counter that meets the minimum base, after the user had said the minimum was not met",
         setup=[NN_BASE, offer("Acme", "--base", "110k", "--currency", "EUR", "--work-mode", "hybrid", "--visa", "not-needed"),
                (["decide", "acme", "--answers", "-"],
                 {"framework": "offer", "lean": "accept", "keen": True,
                  "non_negotiables": {"base >= 120k": "no"}, "checklist": {"base-minimum": "no"}})],
         id="acme", run=["counter", "acme", "base=125k", "--json"],
         action="accept", before="negotiate"),
    dict(name="an improved offer that only fixes money, the checklist still says no",
         setup=[offer("Vandelay", "--base", "100k"),
                (["decide", "vandelay", "--answers", "-"],
                 {"framework": "offer", "checklist": {"total-rewards": "no", "location": "no", "work-authorisation": "no"}})],
         id="vandelay", run=["counter", "vandelay", "sign_on=15k", "--json"],
         action="decline", decisive="offer-checklist", before="decline", stage="negotiating"),
    # --- dry run --------------------------------------------------------------------------------
    dict(name="--dry-run decides without saving",
         setup=[offer("Acme")],
         id="acme", answers={"framework": "offer", "lean": "decline", "reason": "timing"},
         run=["decide", "acme", "--answers", "-", "--json", "--dry-run"],
         action="decline", reason_code="timing", saved=False),
]


def reason_codes(source):
    """(code, concern) of playbook/reasons.toml, in file order (a small reader for this file)."""
    text = open(os.path.join(source, "playbook", "reasons.toml"), encoding="utf-8").read()
    out = []
    for block in text.split("[[reason]]")[1:]:
        code = re.search(r'^code\s*=\s*"([^"]+)"', block, re.M).group(1)
        concern = re.search(r'^concern\s*=\s*"([^"]+)"', block, re.M)
        out.append((code, concern.group(1) if concern else None))
    return out


def concern_kinds(source):
    text = open(os.path.join(source, "playbook", "concerns.toml"), encoding="utf-8").read()
    kinds = {}
    for block in text.split("[[concern]]")[1:]:
        cid = re.search(r'^id\s*=\s*"([^"]+)"', block, re.M).group(1)
        kinds[cid] = re.search(r'^kind\s*=\s*"([^"]+)"', block, re.M).group(1)
    return kinds


def reason_situations(source):
    """Every reason code twice: withdrawing after interviews, and declining an offer."""
    kinds = concern_kinds(source)
    out = []
    for code, concern in reason_codes(source):
        out.append(dict(
            name="reason %s: withdraw after interviews" % code,
            setup=[["add", "Umbrella", "--stage", "interviewing"]],
            id="umbrella", answers={"framework": "invitation", "lean": "decline", "reason": code},
            action="withdraw", decisive="your-decision",
            message_kind="withdraw-application", reason_code=code,
            by=IN_48H if code == "accepted-other-offer" else IN_72H))
        # At an offer the reason's concern decides the rule: a structural one is a decline on its
        # own; a fixable one is a decline only when the user is not keen to negotiate it.
        kind = kinds.get(concern) if concern else None
        decisive = {"structural": "structural-concern", "fixable": "not-keen"}.get(kind, "your-decision")
        out.append(dict(
            name="reason %s: decline an offer (not keen to negotiate)" % code,
            setup=[offer("Acme", "--base", "120k")],
            id="acme", answers={"framework": "offer", "lean": "decline", "reason": code, "keen": False},
            action="decline", decisive=decisive,
            fixable=[concern] if kind == "fixable" else [],
            structural=[concern] if kind == "structural" else [],
            message_kind="decline-after-counteroffer" if code == "counteroffer" else "decline-offer",
            reason_code=code, by=IN_48H))
    return out


# Refused stages: exit 1 with a hint, nothing stored.
REFUSED = [
    dict(name="started: leaving a job is out of scope",
         setup=[["add", "Hooli", "--stage", "started"]], id="hooli",
         message="has started: leaving a job is outside what kindly decides", hint="talk to your manager or HR"),
    dict(name="declined: a closed stage, with the way to reopen it",
         setup=[["add", "Acme", "--stage", "declined"]], id="acme",
         message="acme is declined, a closed stage: there is nothing to decide", hint="kindly move acme offer"),
    dict(name="rejected: a closed stage",
         setup=[["add", "Acme", "--stage", "rejected"]], id="acme",
         message="a closed stage", hint="to reopen it: kindly move acme"),
    dict(name="counter on an invitation: counter terms are for offers",
         setup=[["add", "Acme", "--stage", "invited"]], id="acme",
         run=["counter", "acme", "base=100k"],
         message="acme is at stage invited: counter terms are for offers", hint="kindly move acme offer"),
]

# Bad answers: exit 2, a clear message, nothing stored.
BAD_INPUT = [
    dict(name="answers for the wrong framework",
         answers={"framework": "invitation", "lean": "decline"},
         message='the answers are for the invitation framework, but acme is at stage offer, which uses offer',
         hint='set "framework": "offer"'),
    dict(name="an unknown checklist id, with did-you-mean",
         answers={"framework": "offer", "checklist": {"base-minmum": "no"}},
         message="checklist: unknown id 'base-minmum'", hint="did you mean 'base-minimum'?"),
    dict(name="an unknown concern, with did-you-mean",
         answers={"framework": "offer", "concerns": ["salery"]},
         message="concerns: unknown id 'salery'", hint="did you mean 'salary'?"),
    dict(name="an unknown reason",
         answers={"framework": "offer", "lean": "decline", "reason": "money"},
         message="reason: unknown id 'money'", hint=None),
    dict(name="invalid JSON",
         raw='{"framework": "offer", "lean": ',
         message="standard input: not valid JSON", hint="docs/decide.md"),
    dict(name="an unknown key, with did-you-mean",
         answers={"framework": "offer", "quickfilter": {"pay": "no"}},
         message="answers: unknown key 'quickfilter'", hint="did you mean 'quick_filter'?"),
    dict(name="a missing framework",
         answers={"lean": "accept"},
         message='answers: "framework" is missing', hint="one of invitation, after-accepting, offer, accepted"),
    dict(name="an answer that is not yes, no or unsure",
         answers={"framework": "offer", "checklist": {"values": "perhaps"}},
         message='checklist.values: expected yes, no or unsure, got "perhaps"', hint=None),
    dict(name="accepted-framework keys on an offer",
         answers={"framework": "offer", "want_out": True},
         message='"want_out" and "sure" belong to the accepted framework', hint=None),
]


# ----------------------------------------------------------------------------------------------
# Running

class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.xfailed = []

    def group(self, name, problems, known_bug=None):
        if known_bug:
            if problems:
                self.xfailed.append(name)
                print("XFAIL %s\n      known bug: %s\n      %s" % (name, known_bug, "\n      ".join(problems)))
            else:
                self.failed.append(name)
                print("XPASS %s\n      kindly now does what the playbook says: remove known_bug" % name)
            return
        if problems:
            self.failed.append(name)
            print("FAIL  %s\n      %s" % (name, "\n      ".join(problems)))
        else:
            self.passed += 1
            print("ok    %s" % name)


class Kindly:
    def __init__(self, binary, folder):
        self.binary, self.folder = binary, folder
        os.makedirs(os.path.join(folder, "home"), exist_ok=True)
        self.db = os.path.join(folder, "kindly.db")

    def run(self, args, stdin=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KINDLY_", "XDG_"))}
        env.update({"KINDLY_DB": self.db, "KINDLY_NOW": NOW, "TZ": "Europe/Berlin",
                    "HOME": os.path.join(self.folder, "home"), "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
        data = None if stdin is None else (stdin if isinstance(stdin, str) else json.dumps(stdin)).encode()
        p = subprocess.run([self.binary, *args], env=env, cwd=self.folder, input=data,
                           stdin=None if data is not None else subprocess.DEVNULL,
                           capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def assessments(self):
        if not os.path.exists(self.db):
            return 0
        with sqlite3.connect(self.db) as con:
            return con.execute("SELECT count(*) FROM assessments").fetchone()[0]


def setup(k, steps):
    for step in steps:
        args, stdin = (step if isinstance(step, tuple) else (step, None))
        code, _, err = k.run(args, stdin)
        if code != 0:
            return "setup 'kindly %s' exited %d: %s" % (" ".join(args), code, err.strip())
    return None


def check_verdict(s, v):
    """Problems of verdict JSON `v` against situation `s` (empty list: all as expected)."""
    p = []

    def eq(what, got, want):
        if got != want:
            p.append("%s: got %r, want %r" % (what, got, want))

    eq("action", v.get("action"), s["action"])
    if "framework" in s:
        eq("framework", v.get("framework"), s["framework"])
    findings = v.get("explanation", [])
    decisive = [f["rule"] for f in findings if f.get("decisive")]
    if "decisive" in s:
        eq("decisive rule", decisive, [s["decisive"]])
    elif len(decisive) != 1:
        p.append("expected exactly one decisive finding, got %r" % decisive)
    for rule, supports in s.get("findings", {}).items():
        match = [f for f in findings if f["rule"] == rule]
        if not match:
            p.append("no finding %r among %r" % (rule, [f["rule"] for f in findings]))
        elif match[0].get("supports") != supports:
            eq("finding %s supports" % rule, match[0].get("supports"), supports)
    evidence = " | ".join(f["evidence"] for f in findings)
    for text in s.get("evidence", []):
        if text not in evidence:
            p.append("evidence lacks %r: %s" % (text, evidence))
    conclusions = " | ".join(f["conclusion"] for f in findings)
    for text in s.get("conclusion", []):
        if text not in conclusions:
            p.append("conclusions lack %r: %s" % (text, conclusions))
    concerns = v.get("concerns", {})
    for kind in ("fixable", "structural"):
        got = [c["id"] for c in concerns.get(kind, [])]
        if kind in s:
            eq("%s concerns" % kind, got, s[kind])
        if kind + "_nn" in s:
            eq("%s concerns marked non-negotiable" % kind,
               [c["id"] for c in concerns.get(kind, []) if c["non_negotiable"]], s[kind + "_nn"])
    if "negotiate_for" in s:
        eq("negotiate_for", v.get("negotiate_for"), s["negotiate_for"])
    warnings = [w["id"] for w in v.get("warnings", [])]
    if "warnings" in s:
        eq("warnings", sorted(warnings), sorted(s["warnings"]))
    for wid, text in s.get("warning_text", {}).items():
        texts = [w["text"] for w in v.get("warnings", []) if w["id"] == wid]
        if not texts or text not in texts[0]:
            p.append("warning %s lacks %r: %r" % (wid, text, texts))
    nxt = v.get("next_step", {})
    for key, field in (("message_kind", "message_kind"), ("reason_code", "reason_code"), ("by", "by"),
                       ("channel", "channel_hint")):
        if key in s:
            eq("next_step." + field, nxt.get(field), s[key])
    if "by_not_after" in s and not (nxt.get("by") and nxt["by"] <= s["by_not_after"]):
        p.append("next_step.by: got %r, want no later than %r" % (nxt.get("by"), s["by_not_after"]))
    for text in s.get("timing_rule", []):
        if text not in (nxt.get("timing_rule") or ""):
            p.append("next_step.timing_rule lacks %r: %r" % (text, nxt.get("timing_rule")))
    if "before" in s:
        eq("before.action", (v.get("before") or {}).get("action"), s["before"])
    return p


def run_situation(binary, tmp, index, s):
    k = Kindly(binary, os.path.join(tmp, "s%03d" % index))
    problem = setup(k, s.get("setup", []))
    if problem:
        return [problem]
    before = k.assessments()
    args = s.get("run") or ["decide", s["id"], "--answers", "-", "--json"]
    if s.get("answers") is None and not s.get("run"):
        args = ["decide", s["id"], "--json"]
    code, out, err = k.run(args, s.get("answers"))
    if code != 0:
        return ["'kindly %s' exited %d: %s" % (" ".join(args), code, err.strip())]
    try:
        v = json.loads(out)
    except ValueError as e:
        return ["output is not JSON (%s): %s" % (e, out[:200])]
    problems = check_verdict(s, v)
    saved = s.get("saved", True)
    if saved and not v.get("assessment_id"):
        problems.append("the assessment was not saved (assessment_id %r)" % v.get("assessment_id"))
    if not saved and v.get("assessment_id") is not None:
        problems.append("--dry-run saved an assessment (%r)" % v.get("assessment_id"))
    if k.assessments() != before + (1 if saved else 0):
        problems.append("assessments stored: %d before, %d after" % (before, k.assessments()))
    if saved and args[0] == "decide":
        _, log, _ = k.run(["log", s["id"]])
        if "verdict: %s" % s["action"] not in log:
            problems.append("kindly log lacks 'verdict: %s': %s" % (s["action"], log.strip()))
    if "stage" in s:
        _, shown, _ = k.run(["show", s["id"], "--json"])
        stage = json.loads(shown).get("opportunity", {}).get("stage") if shown.strip().startswith("{") else None
        if stage != s["stage"]:
            problems.append("stage after the command: got %r, want %r" % (stage, s["stage"]))
    # The text view of the same stored answers must name the same action (and not crash).
    if saved and args[0] == "decide":
        code, text, err = k.run(["decide", s["id"], "--dry-run"])
        if code != 0 or (": %s — " % s["action"]) not in text.split("\n")[0]:
            problems.append("the text view disagrees (exit %d): %s" % (code, text.split("\n")[0]))
    return problems


def run_refused(binary, tmp, index, s):
    k = Kindly(binary, os.path.join(tmp, "r%03d" % index))
    problem = setup(k, s["setup"])
    if problem:
        return [problem]
    p = []
    args = s.get("run") or ["decide", s["id"], "--json"]
    code, out, err = k.run(args)
    if code != 1:
        p.append("exit code %d, want 1" % code)
    if s["message"] not in err:
        p.append("stderr lacks %r: %r" % (s["message"], err))
    if "hint: " not in err or s["hint"] not in err:
        p.append("stderr lacks the hint %r: %r" % (s["hint"], err))
    if out.strip():
        p.append("stdout should be empty: %r" % out[:200])
    if k.assessments() != 0:
        p.append("an assessment was stored")
    return p


def run_bad(binary, tmp, index, s):
    k = Kindly(binary, os.path.join(tmp, "b%03d" % index))
    problem = setup(k, [offer("Acme", "--base", "120k")])
    if problem:
        return [problem]
    p = []
    stdin = s.get("raw", s.get("answers"))
    code, out, err = k.run(["decide", "acme", "--answers", "-", "--json"], stdin)
    if code != 2:
        p.append("exit code %d, want 2" % code)
    if not err.startswith("kindly: ") or s["message"] not in err:
        p.append("stderr lacks %r: %r" % (s["message"], err))
    if s["hint"] and ("  hint: " not in err or s["hint"] not in err):
        p.append("stderr lacks the hint %r: %r" % (s["hint"], err))
    if out.strip():
        p.append("stdout should be empty: %r" % out[:200])
    if k.assessments() != 0:
        p.append("%d assessment(s) stored" % k.assessments())
    _, log, _ = k.run(["log", "acme"])
    if "verdict" in log:
        p.append("kindly log shows a verdict: %s" % log.strip())
    return p


def main():
    def options(ap):
        ap.add_argument("-k", dest="only", help="run only situations whose name contains this")
    args = command_line(None, options)
    binary = os.path.abspath(args.kindly)
    source = os.path.abspath(args.source)
    checks = Checks()
    situations = SITUATIONS + reason_situations(source)
    with tempfile.TemporaryDirectory(prefix="kindly-situations-") as tmp:
        for i, s in enumerate(situations):
            if args.only and args.only not in s["name"]:
                continue
            checks.group(s["name"], run_situation(binary, tmp, i, s), s.get("known_bug"))
        for i, s in enumerate(REFUSED):
            if args.only and args.only not in s["name"]:
                continue
            checks.group("refused: " + s["name"], run_refused(binary, tmp, i, s))
        for i, s in enumerate(BAD_INPUT):
            if args.only and args.only not in s["name"]:
                continue
            checks.group("bad input: " + s["name"], run_bad(binary, tmp, i, s))
    if checks.xfailed:
        print("%d known bugs (XFAIL, listed above): %s" % (len(checks.xfailed), "; ".join(checks.xfailed)))
    print("%d passed, %d failed" % (checks.passed, len(checks.failed)))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
