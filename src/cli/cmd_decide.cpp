// kindly decide ID [--answers FILE|-] [--dry-run]: walk through the frameworks for the stage,
// or read the answers from a file, and print the verdict with its explanation.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/decide.h"
#include "app/decide_json.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "cli/verdict_view.h"
#include "core/error.h"

namespace kindly::cli {

namespace {

struct DecideOptions {
  std::string id;
  std::string answers;
  bool dry_run = false;
};


using decide::Answer;

// One line from the terminal; the end of input stops the walk-through without saving, so that
// Ctrl-D never stores a half-answered assessment made of defaults.
std::string ask_line(Services& s, const std::string& prompt) {
  std::string line = s.ask(prompt);
  if (std::cin.fail()) {
    s.output.err << "\n";
    throw Error(ErrorKind::conflict, "the walk-through stopped at the end of input: nothing was saved",
                "run 'kindly decide ID' again on a terminal, or pass the answers with --answers FILE");
  }
  return line;
}

// One question on the terminal: y, n, ? or Enter for the suggestion.
Answer ask_answer(Services& s, const std::string& question, Answer suggestion, const std::string& evidence) {
  // Enter takes the default: the capital letter, or [?] (unsure) when nothing is suggested.
  std::string hint = suggestion == Answer::yes ? "Y/n/?" : suggestion == Answer::no ? "y/N/?" : "y/n/[?]";
  std::string prompt = "  " + question + (evidence.empty() ? "" : "\n    (kindly: " + evidence + ")") + " [" + hint + "] ";
  for (;;) {
    std::string line = ask_line(s, prompt);
    for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (line.empty()) return suggestion == Answer::unanswered ? Answer::unsure : suggestion;
    if (line == "y" || line == "yes") return Answer::yes;
    if (line == "n" || line == "no") return Answer::no;
    if (line == "?" || line == "unsure" || line == "not sure") return Answer::unsure;
    s.output.err << "    please answer y, n or ?\n";
  }
}

std::vector<std::string> ask_ids(Services& s, const std::string& title, const std::vector<std::pair<std::string, std::string>>& choices) {
  s.output.err << "\n" << title << " (numbers separated by spaces; Enter for none)\n";
  for (std::size_t i = 0; i < choices.size(); ++i) s.output.err << "  " << i + 1 << ". " << choices[i].second << "\n";
  for (;;) {
    std::string line = ask_line(s, "  > ");
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string word;
    bool ok = true;
    while (ss >> word) {
      std::size_t n = 0;
      try {
        n = std::stoul(word);
      } catch (...) {
        n = 0;
      }
      if (n < 1 || n > choices.size()) {
        ok = false;
        break;
      }
      out.push_back(choices[n - 1].first);
    }
    if (ok) return out;
    s.output.err << "    give numbers from 1 to " << choices.size() << "\n";
  }
}

std::string ask_choice(Services& s, const std::string& prompt, const std::vector<std::string>& choices, const std::string& def) {
  for (;;) {
    std::string line = ask_line(s, "  " + prompt + " [" + def + "] ");
    if (line.empty()) return def;
    for (const auto& c : choices) {
      if (c == line || (line.size() >= 2 && c.starts_with(line))) return c;
    }
    s.output.err << "    one of: ";
    for (const auto& c : choices) s.output.err << c << " ";
    s.output.err << "\n";
  }
}

decide::Answers walk_through(Services& s, const playbook::Playbook& pb, const DecideSetup& setup) {
  decide::Answers a = setup.previous.value_or(decide::Answers{});
  a.framework = setup.framework;
  const auto& pre = setup.prefill;
  auto suggestion = [&](const std::map<std::string, Answer>& mine, const std::map<std::string, Answer>& tracker, const std::string& id) {
    if (auto it = mine.find(id); it != mine.end()) return it->second;
    if (auto it = tracker.find(id); it != tracker.end()) return it->second;
    return Answer::unanswered;
  };
  // An answer equal to what the tracker says is left to the tracker, so that it follows the
  // facts when they change (e.g. a better base after 'kindly counter'); only the user's own
  // answers are stored.
  auto keep = [](std::map<std::string, Answer>& mine, const std::map<std::string, Answer>& tracker, const std::string& id, Answer ans) {
    if (auto it = tracker.find(id); it != tracker.end() && it->second == ans) {
      mine.erase(id);
    } else {
      mine[id] = ans;
    }
  };
  auto evidence = [&](const std::string& key) {
    auto it = pre.evidence.find(key);
    return it == pre.evidence.end() ? std::string() : it->second;
  };
  auto& err = s.output.err;
  err << "Deciding on " << setup.opportunity.id << " (" << title_of(setup.opportunity) << "), stage "
      << to_string(setup.opportunity.stage) << ".\n"
      << "Answer y (yes), n (no) or ? (unsure); Enter takes the default (the capital letter, or [?]).\n"
      << "Ctrl-C or Ctrl-D stops without saving.\n";
  switch (setup.framework) {
    case decide::Framework::offer: {
      err << "\nCLEAR: a worksheet (write a line, or Enter to skip)\n";
      for (const auto& step : pb.clear) {
        std::string line = ask_line(s, "  " + step.letter + "  " + step.title + ": " + step.prompt + "\n     > ");
        if (!line.empty()) a.notes[step.id] = line;
      }
      if (!setup.profile.non_negotiables.empty()) {
        err << "\nYour non-negotiables: is each one met?\n";
        for (const auto& nn : setup.profile.non_negotiables) {
          Answer ans = ask_answer(s, nn, suggestion(a.non_negotiables, pre.answers.non_negotiables, nn), evidence("non_negotiables." + nn));
          keep(a.non_negotiables, pre.answers.non_negotiables, nn, ans);
        }
      } else {
        err << "\nYou have no non-negotiables yet; set 3-5 with: kindly profile set non_negotiables=\"…; …\"\n";
      }
      err << "\nThe offer checklist (" << pb.offer_checklist.threshold << " or more no's: declining is probably right)\n";
      for (const auto& item : pb.offer_checklist.items) {
        Answer ans = ask_answer(s, item.question, suggestion(a.checklist, pre.answers.checklist, item.id), evidence("checklist." + item.id));
        keep(a.checklist, pre.answers.checklist, item.id, ans);
      }
      err << "\nThe quick filter (any firm no justifies declining)\n";
      for (const auto& item : pb.quick_filter.items) {
        Answer ans = ask_answer(s, item.question, suggestion(a.quick_filter, pre.answers.quick_filter, item.id), evidence("quick_filter." + item.id));
        keep(a.quick_filter, pre.answers.quick_filter, item.id, ans);
      }
      // Mobility: only the questions the offer raises (a visa to wait for, work across a border).
      const Opportunity& o = setup.opportunity;
      bool visa_wait = o.visa && (*o.visa == Visa::offered || *o.visa == Visa::uncertain);
      bool remote = o.work_mode && *o.work_mode == WorkMode::remote;
      if (visa_wait || remote) err << "\nMobility\n";
      if (visa_wait) {
        a.mobility["visa-timeline"] = ask_answer(s, "Will the visa be granted in time for the start date?", suggestion(a.mobility, {}, "visa-timeline"), "");
      }
      if (remote) {
        a.mobility["lawful-payroll"] = ask_answer(s, "Can the employer employ you lawfully where you live (a payroll or an employer of record there)?",
                                                  suggestion(a.mobility, {}, "lawful-payroll"), "");
      }
      err << "\nFive areas for a last look (a line each, or Enter to skip)\n";
      for (const auto& area : pb.five_areas) {
        std::string line = s.ask("  " + area.title + ": " + area.prompt + "\n     > ");
        if (!line.empty()) a.notes[area.id] = line;
      }
      std::vector<std::pair<std::string, std::string>> concerns, alarms;
      for (const auto& c : pb.concerns) concerns.emplace_back(c.id, c.label + " (" + c.kind + ")");
      for (const auto& f : pb.false_alarms) alarms.emplace_back(f.id, f.label);
      a.concerns = ask_ids(s, "Any other concerns?", concerns);
      a.false_alarms = ask_ids(s, "Is any of this also on your mind?", alarms);
      a.lean = ask_choice(s, "Which way do you lean: accept, decline or unsure?", {"accept", "decline", "unsure"}, a.lean.empty() ? "unsure" : a.lean);
      Answer keen = ask_answer(s, "If the fixable concerns were met, would you take it?", a.keen ? (*a.keen ? Answer::yes : Answer::no) : Answer::yes, "");
      if (keen != Answer::unsure) a.keen = keen == Answer::yes;
      break;
    }
    case decide::Framework::after_accepting:
      err << "\nYou accepted another offer. Before you answer this invitation:\n";
      for (const auto& q : pb.after_accepting.questions) {
        a.questions[q.id] = ask_answer(s, q.question, suggestion(a.questions, {}, q.id), "");
      }
      break;
    case decide::Framework::invitation:
      a.lean = ask_choice(s, "Do you want to go on: accept, decline or unsure?", {"accept", "decline", "unsure"}, a.lean.empty() ? "accept" : a.lean);
      break;
    case decide::Framework::accepted: {
      err << "\nBefore rescinding an acceptance:\n";
      for (const auto& c : pb.rescind_checks) err << "  - " << c.text << "\n";
      Answer out = ask_answer(s, "Do you want to get out of this acceptance?", a.want_out.value_or(false) ? Answer::yes : Answer::no, "");
      a.want_out = out == Answer::yes;
      if (*a.want_out) {
        Answer sure = ask_answer(s, "Are you sure, or would revisiting in a few weeks do?", a.sure.value_or(false) ? Answer::yes : Answer::unsure, "");
        a.sure = sure == Answer::yes;
      }
      break;
    }
  }
  bool saying_no = a.lean == "decline" || a.want_out.value_or(false);
  if (saying_no) {
    std::vector<std::string> codes;
    err << "\nThe reason (kindly keeps the true one; messages say only what is wise):\n";
    for (const auto& r : pb.reasons) {
      codes.push_back(r.code);
      err << "  " << r.code << ": " << r.label << "\n";
    }
    a.reason = ask_choice(s, "Which reason?", codes, a.reason.empty() ? "none" : a.reason);
    if (a.reason == "none") a.reason.clear();
  } else {
    a.reason.clear();  // a reason kept from an earlier "no" would no longer be true
  }
  err << "\n";
  return a;
}

// True when stored answers hold nothing the user said (e.g. an earlier run without answers).
bool nothing_answered(const decide::Answers& a) {
  return a.lean.empty() && !a.keen && a.checklist.empty() && a.quick_filter.empty() && a.reflection.empty() &&
         a.questions.empty() && a.non_negotiables.empty() && a.mobility.empty() && a.concerns.empty() &&
         a.false_alarms.empty() && a.reason.empty() && a.notes.empty() && !a.want_out && !a.sure;
}

void run_decide(const DecideOptions& opts, Services& s) {
  Context& ctx = s.context();
  const auto& pb = s.playbook();
  decide::Answers answers;
  if (!opts.answers.empty()) {
    answers = answers_from_json(read_json_input(opts.answers, "see docs/decide.md for the answers' shape"));
  } else {
    DecideSetup setup = prepare_decision(ctx, pb, opts.id);
    if (s.interactive && !s.output.json) {
      answers = walk_through(s, pb, setup);
    } else {
      answers = setup.previous.value_or(decide::Answers{});
      answers.framework = setup.framework;
      if (!setup.previous || nothing_answered(*setup.previous)) {
        s.output.notice("no answers given: deciding on what the tracker knows; answer the questions on a terminal or pass --answers FILE");
      } else if (auto last = ctx.store.latest_assessment(setup.opportunity.id)) {
        s.output.notice("using your answers of " + format_local(last->at, ctx.tz) +
                        "; answer again on a terminal or pass --answers FILE");
      }
    }
  }
  DecideResult r = decide_opportunity(ctx, pb, opts.id, answers, !opts.dry_run);
  if (s.output.json) {
    s.output.print_json(verdict_json(r));
    return;
  }
  s.output.out << format_verdict(r.verdict, r.opportunity, ctx.now(), ctx.tz);
  if (opts.dry_run) s.output.notice("dry run: nothing was saved");
}

}  // namespace

void setup_decide(CLI::App& app, Services& s) {
  auto opts = std::make_shared<DecideOptions>();
  auto* cmd = app.add_subcommand("decide", "Decide what to do about an opportunity, and why.");
  cmd->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  cmd->add_option("--answers,-a", opts->answers, "read the answers from a JSON file (- for standard input)")->type_name("FILE|-");
  cmd->add_flag("--dry-run", opts->dry_run, "decide without saving the assessment");
  cmd->footer(R"(
On a terminal, kindly walks you through the questions that fit the stage: for an offer the
CLEAR worksheet, your non-negotiables, the offer checklist, the quick filter and, when the
offer involves a visa or remote work, the mobility questions; for an invitation after you
accepted another offer, its checklist; for an accepted offer, the considerations before
rescinding. What the tracker knows (base against your minimum, visa, relocation) is filled
in; Enter keeps it. Answers are saved with the verdict, and used again by 'kindly decide' and
'kindly counter'. Ctrl-C or Ctrl-D stops without saving.

The verdict is one action: accept, negotiate, ask-for-time, decline, withdraw,
decline-interview, rescind or defer, with every rule that fired and its evidence, the concerns
(fixable or structural), warnings, and the next step: which message, by when.

Examples:
  kindly decide acme
  kindly decide acme --answers answers.json --json
  echo '{"framework":"offer","lean":"decline","reason":"accepted-other-offer"}' | kindly decide acme -a -

The answers' JSON shape is in docs/decide.md.)");
  cmd->callback([opts, &s] { run_decide(*opts, s); });
}

}  // namespace kindly::cli
