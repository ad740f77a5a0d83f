// The draft checker: each rule on its own (hits, misses and exact spans), the ways to silence a
// rule, UTF-8 columns, every draft kindly itself can write, and random input of any shape.
#include "check/check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "compose/compose.h"
#include "compose/test_facts.h"
#include "core/error.h"

namespace kindly::check {
namespace {

const playbook::Playbook& pb() { return playbook::builtin(); }

const Speller* speller() {
  static const std::unique_ptr<Speller> s = [] {
    std::string path = Speller::find_default();
    return path.empty() ? nullptr : std::make_unique<Speller>(path);
  }();
  return s.get();
}

const Checker& checker() {
  static const Checker c(pb().check, speller());
  return c;
}

std::vector<Diagnostic> run(std::string_view text, const std::string& kind = "decline-offer",
                            const std::string& channel = "", std::vector<std::string> disabled = {"spelling"},
                            const TrackerFacts* tracker = nullptr) {
  Request r;
  r.text = text;
  r.kind = kind;
  r.channel = channel;
  r.disabled = std::move(disabled);
  r.tracker = tracker;
  return checker().check(r);
}

std::vector<Diagnostic> of(const std::vector<Diagnostic>& all, const std::string& rule) {
  std::vector<Diagnostic> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Diagnostic& d) { return d.rule == rule; });
  return out;
}

std::string describe(const std::vector<Diagnostic>& all) {
  std::ostringstream os;
  for (const auto& d : all)
    os << d.line << ":" << d.column << "-" << d.end_line << ":" << d.end_column << " " << to_string(d.severity) << " ["
       << d.rule << "] " << d.message << "\n";
  return os.str();
}

std::string span(std::string_view text, const Diagnostic& d) { return std::string(text.substr(d.begin, d.end - d.begin)); }

// A plain, good decline: the baseline every rule test changes one thing in.
constexpr std::string_view kGood =
    "Subject: My decision on the Data Engineer offer - Sam Lee\n"
    "\n"
    "Hi Dana,\n"
    "\n"
    "Thank you for offering me the Data Engineer role at Acme.\n"
    "After careful thought, I have decided not to accept the offer.\n"
    "I enjoyed meeting the team, and I hope our paths cross again.\n"
    "\n"
    "Kind regards,\n"
    "Sam Lee\n";

TEST(Check, GoodDeclineIsClean) {
  auto d = run(kGood, "decline-offer", "email", {});
  EXPECT_TRUE(d.empty()) << describe(d);
}

TEST(Check, DecisionMissing) {
  std::string text = "Hi Dana,\n\nThank you for the offer and your time. I hope our paths cross again.\n\nSam\n";
  auto d = of(run(text), "decision-missing");
  ASSERT_EQ(d.size(), 1u) << describe(run(text));
  EXPECT_EQ(d[0].severity, Severity::error);
  EXPECT_EQ(d[0].line, 1);
  EXPECT_EQ(span(text, d[0]), "Hi Dana,");
  // Not for kinds that carry no decision.
  EXPECT_TRUE(of(run(text, "keep-in-touch"), "decision-missing").empty());
  // Without --kind, a draft that does not read like a decline is not held to it.
  EXPECT_TRUE(of(run(text, ""), "decision-missing").empty());
  EXPECT_TRUE(of(run(kGood), "decision-missing").empty());
}

TEST(Check, DecisionHedged) {
  std::string text = "Thank you for the offer. I think I might decline it, probably.\n";
  auto d = of(run(text), "decision-hedged");
  ASSERT_EQ(d.size(), 2u) << describe(run(text));
  EXPECT_EQ(span(text, d[0]), "I think I might");
  EXPECT_EQ(d[0].column, 26);
  EXPECT_EQ(d[0].end_column, 41);
  EXPECT_EQ(span(text, d[1]), "probably");
  // "for now" only next to the decision.
  std::string near = "Thank you. I will decline the offer for now.\n";
  auto n = of(run(near), "decision-hedged");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(span(near, n[0]), "for now");
  EXPECT_TRUE(of(run("Thank you. I have decided not to accept. I am taking a different path for now.\n"),
                 "decision-hedged").empty());
  // Asking for time is allowed to be open.
  EXPECT_TRUE(of(run("I am not sure yet; could I have until Friday? Thank you.", "ask-for-time"), "decision-hedged").empty());
}

TEST(Check, GratitudeMissing) {
  std::string text = "Hi Dana,\nI have decided not to accept the offer.\nSam\n";
  auto d = of(run(text), "gratitude-missing");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::warning);
  EXPECT_TRUE(of(run("Thanks so much. I have decided not to accept the offer."), "gratitude-missing").empty());
  EXPECT_TRUE(of(run("I appreciate it. I have decided not to accept the offer."), "gratitude-missing").empty());
}

TEST(Check, ApologyExcess) {
  std::string two = "Thank you. I am so sorry, but I must decline. I apologise for any trouble.\n";
  auto d = of(run(two), "apology-excess");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(span(two, d[0]), "apologise");
  EXPECT_NE(d[0].message.find("2 apologies"), std::string::npos);
  EXPECT_TRUE(of(run("Thank you. I am sorry, but I must decline."), "apology-excess").empty());
  EXPECT_EQ(of(run(two, "rescind-acceptance"), "apology-excess").size(), 1u);
  EXPECT_TRUE(of(run("I am sorry: I must withdraw my acceptance. Thank you.", "rescind-acceptance"), "apology-excess").empty());
}

TEST(Check, Criticism) {
  std::string text = "Thank you. The process was disorganized and the offer was a lowball, so I decline.\n";
  auto d = of(run(text), "criticism");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].severity, Severity::error);
  EXPECT_EQ(span(text, d[0]), "disorganized");
  EXPECT_EQ(span(text, d[1]), "lowball");
  EXPECT_NE(d[0].message.find("\"disorganized\""), std::string::npos);
  EXPECT_TRUE(of(run("Thank you; I was not disappointed at all. I decline."), "criticism").empty());
  std::string toxic = "Thank you. I found the culture TOXIC. I decline.";
  EXPECT_EQ(of(run(toxic), "criticism").size(), 1u);
}

TEST(Check, OverExplaining) {
  std::string text =
      "Hi Dana,\n\nThank you for the offer. I have decided not to accept it. The commute is long. "
      "My partner works nights, our daughter starts school in the autumn, and the train line is closing for "
      "repairs. My current team also offered me a new project, which I have wanted for a long time. "
      "My parents are getting older, too.\n";
  auto d = of(run(text), "over-explaining");
  ASSERT_EQ(d.size(), 1u) << describe(run(text));
  EXPECT_EQ(span(text, d[0]), "My parents are getting older, too");
  EXPECT_NE(d[0].message.find("about 46 words"), std::string::npos) << d[0].message;
  EXPECT_TRUE(of(run("Thank you. I have decided not to accept, because the commute is long. I hope our paths cross."),
                 "over-explaining").empty());
  // Too long for an email.
  std::string long_text = "Thank you. I have decided not to accept.";
  for (int i = 0; i < 60; ++i) long_text += " It was a good time.";
  auto l = of(run(long_text, "decline-offer", "email"), "over-explaining");
  EXPECT_TRUE(std::any_of(l.begin(), l.end(), [](const Diagnostic& x) {
    return x.message.find("the email is 308 words long") != std::string::npos;
  })) << describe(l);
}

TEST(Check, NegotiationInDecline) {
  std::string text = "Thank you. I must decline, unless you could increase the base.\n";
  auto d = of(run(text), "negotiation-in-decline");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(span(text, d[0]), "unless you");
  EXPECT_EQ(span(text, d[1]), "increase the base");
  EXPECT_TRUE(of(run(text, "negotiate"), "negotiation-in-decline").empty());
  EXPECT_TRUE(of(run("Even with your counteroffer, I have decided not to accept. Thank you.", "decline-after-counteroffer"),
                 "negotiation-in-decline").empty());
}

TEST(Check, Placeholder) {
  std::string text = "Hi [Name],\nThank you for the {{role}} offer at <Company>. I decline. Start date TBD, XX.\n";
  auto d = of(run(text), "placeholder");
  ASSERT_EQ(d.size(), 5u) << describe(d);
  EXPECT_EQ(span(text, d[0]), "[Name]");
  EXPECT_EQ(span(text, d[1]), "{{role}}");
  EXPECT_EQ(span(text, d[2]), "<Company>");
  EXPECT_EQ(span(text, d[3]), "TBD");
  EXPECT_EQ(span(text, d[4]), "XX");
  // Not placeholders: the phone script's pause, an address, lower-case words.
  EXPECT_TRUE(of(run("Thank you. I decline. [pause and listen] Sam <sam@example.com>, tbd", "decline-offer", "phone"),
                 "placeholder").empty());
}

TEST(Check, Subject) {
  std::string none = "Hi Dana,\nThank you. I have decided not to accept the offer.\n";
  EXPECT_EQ(of(run(none, "decline-offer", "email"), "subject-missing").size(), 1u);
  EXPECT_TRUE(of(run(none, "decline-offer", ""), "subject-missing").empty());  // no --channel: not required
  std::string vague = "Subject: Update\n\nThank you. I have decided not to accept the offer.\n";
  auto v = of(run(vague), "subject-vague");
  ASSERT_EQ(v.size(), 1u) << describe(run(vague));
  EXPECT_EQ(span(vague, v[0]), "Update");
  EXPECT_EQ(of(run("Subject: Quick question about it\n\nThank you. I decline."), "subject-vague").size(), 0u);
  EXPECT_EQ(of(run("Subject: The offer\n\nThank you. I decline."), "subject-vague").size(), 1u);
  EXPECT_TRUE(of(run(kGood), "subject-vague").empty());
}

TEST(Check, DoorClosed) {
  std::string text = "Hi Dana,\nThank you for the offer. I have decided not to accept it.\nSam\n";
  auto d = of(run(text), "door-closed");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::info);
  EXPECT_EQ(d[0].line, 2);
}

TEST(Check, ChannelLength) {
  std::string text = "Hi Dana, thank you. I have decided not to accept the offer.";
  while (text.size() < 320) text += " Thanks again.";
  auto d = of(run(text, "decline-offer", "linkedin"), "channel-length");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].column, 301);
  EXPECT_TRUE(of(run(text, "decline-offer", "email"), "channel-length").empty());
  std::string voicemail = "Hi Dana, it is Sam. I have decided not to accept the offer. Thank you.";
  for (int i = 0; i < 10; ++i) voicemail += " I wanted to say a few more things about it.";
  auto v = of(run(voicemail, "decline-offer", "voicemail"), "channel-length");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.find("seconds"), std::string::npos);
}

TEST(Check, TrackerRules) {
  std::string text = "Thank you. I have accepted another offer, so I must decline.\n";
  TrackerFacts none;
  auto d = run(text, "decline-offer", "email", {"spelling"}, &none);
  ASSERT_EQ(of(d, "reason-mismatch").size(), 1u);
  EXPECT_EQ(span(text, of(d, "reason-mismatch")[0]), "accepted another offer");
  TrackerFacts accepted;
  accepted.accepted_offer = true;
  EXPECT_TRUE(of(run(text, "decline-offer", "email", {"spelling"}, &accepted), "reason-mismatch").empty());
  EXPECT_TRUE(of(run(text), "reason-mismatch").empty());  // without --for nothing is known
  TrackerFacts late;
  late.accepted_offer = true;
  late.send_by_passed = "Friday 27 February 10:00";
  late.call_first = "phone";
  auto l = run(text, "decline-offer", "email", {"spelling"}, &late);
  ASSERT_EQ(of(l, "late").size(), 1u);
  EXPECT_NE(of(l, "late")[0].message.find("Friday 27 February 10:00"), std::string::npos);
  ASSERT_EQ(of(l, "channel-mismatch").size(), 1u);
  EXPECT_TRUE(of(run(text, "decline-offer", "phone", {"spelling"}, &late), "channel-mismatch").empty());
  EXPECT_TRUE(of(run(text, "follow-up-after-call", "email", {"spelling"}, &late), "channel-mismatch").empty());
}

TEST(Check, Spelling) {
  if (!speller()) GTEST_SKIP() << "no en_US dictionary";
  std::string text = "Thank you for the ofer at Globex. I have decided not to accept. Call me at 555-0100 or "
                     "sam@example.com; see https://example.com/x. NASA, GmbH's CV.\n";
  Request r;
  r.text = text;
  r.kind = "decline-offer";
  r.known_words = {"Globex Corporation", "GmbH"};
  auto d = of(checker().check(r), "spelling");
  ASSERT_EQ(d.size(), 1u) << describe(d);
  EXPECT_EQ(span(text, d[0]), "ofer");
  EXPECT_NE(d[0].suggestion.find("\"offer\""), std::string::npos) << d[0].suggestion;
  EXPECT_NE(d[0].suggestion.find("--add-word ofer"), std::string::npos);
}

TEST(Check, CapitalisedWordsInsideASentenceAreTakenForNames) {
  if (!speller()) GTEST_SKIP() << "no en_US dictionary";
  std::string text = "Hi Priya, thank you. Meeting Tomasz was a joy. Zorblax was kind. I have decided not to accept.\n";
  Request r;
  r.text = text;
  r.kind = "decline-offer";
  auto d = of(checker().check(r), "spelling");
  // "Priya" and "Tomasz" sit inside a sentence: names. "Zorblax" opens one: it could be a typo.
  ASSERT_EQ(d.size(), 1u) << describe(d);
  EXPECT_EQ(span(text, d[0]), "Zorblax");
}

TEST(Check, TheKindOfSomethingIsNotAHedge) {
  for (const char* text : {"Thank you. I have decided to decline; I want the kind of platform work I do now.\n",
                           "Thank you. I decline: it is not the sort of team I am after.\n"}) {
    EXPECT_TRUE(of(run(text), "decision-hedged").empty()) << text << describe(run(text));
  }
  EXPECT_EQ(of(run("Thank you. I kind of want to decline.\n"), "decision-hedged").size(), 1u);
}

TEST(Check, SpellingWithoutDictionary) {
  Checker c(pb().check, nullptr);
  Request r;
  r.text = "Thank you for the ofer.";
  auto d = of(c.check(r), "spelling");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::info);
  EXPECT_NE(d[0].suggestion.find("hunspell-en-us"), std::string::npos);
}

TEST(Check, IgnoreMarker) {
  std::string whole = "kindly:ignore criticism, door-closed\nThank you. The offer was a lowball, so I decline.\n";
  auto d = run(whole);
  EXPECT_TRUE(of(d, "criticism").empty()) << describe(d);
  EXPECT_TRUE(of(d, "door-closed").empty());
  // After text on a line, only that line.
  std::string line = "Thank you. It was a lowball. kindly:ignore criticism\nThe process was chaotic. I decline.\n";
  auto l = of(run(line), "criticism");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].line, 2);
  // An unknown rule id is reported.
  auto u = of(run("kindly:ignore critcism\nThank you. I decline."), "kindly-ignore");
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].column, 15);
}

TEST(Check, DisabledRules) {
  std::string text = "Thank you. The offer was a lowball, so I decline.\n";
  EXPECT_TRUE(of(run(text, "decline-offer", "", {"criticism"}), "criticism").empty());
  playbook::CheckRules rules = pb().check;
  rules.disable = {"criticism"};
  Checker c(rules, nullptr);
  Request r;
  r.text = text;
  EXPECT_TRUE(of(c.check(r), "criticism").empty());
  for (auto& spec : rules.checks) spec.enabled = spec.rule != "gratitude-missing";
  rules.disable.clear();
  Checker c2(rules, nullptr);
  r.text = "I decline.";
  EXPECT_TRUE(of(c2.check(r), "gratitude-missing").empty());
}

TEST(Check, Exceptions) {
  EXPECT_TRUE(of(run("Thank you; I was never disappointed. I decline."), "criticism").empty());
  EXPECT_TRUE(of(run("Thank you. If I may, I will decline."), "decision-hedged").empty());
}

TEST(Check, Utf8Columns) {
  std::string text = "Merci — thank you, José. Ça va: the offer was a lowball. I decline.\n";
  auto d = of(run(text), "criticism");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].column, 49);  // characters, not bytes
  EXPECT_EQ(d[0].end_column, 56);
  EXPECT_EQ(span(text, d[0]), "lowball");
  std::string curly = "Thank you. I don’t think I might… I think I might decline.";
  EXPECT_EQ(of(run(curly), "decision-hedged").size(), 2u);
}

TEST(Check, KindInferredWithoutKind) {
  std::string text = "Thank you. I will decline the offer for now, unless you could raise the base.\n";
  auto d = run(text, "");
  EXPECT_EQ(of(d, "decision-hedged").size(), 1u) << describe(d);
  EXPECT_EQ(of(d, "negotiation-in-decline").size(), 2u);
  EXPECT_TRUE(of(run("Thank you. Could we talk about the base?", ""), "negotiation-in-decline").empty());
}

// ----------------------------------------------------------------------------- kindly's own drafts

using compose::test_support::bare_facts;
using compose::test_support::full_facts;

void expect_clean_drafts(const compose::Facts& facts) {
  std::size_t drafts = 0, failures = 0;
  std::ostringstream report;
  std::set<std::string> distinct;
  compose::Composer composer(pb());
  for (const auto& request : compose::test_support::every_request(pb(), facts)) {
    for (std::uint32_t variant = 0; variant < 3; ++variant) {
      compose::ComposeRequest cr = request;
      cr.variant = variant;
      compose::Message m = composer.compose(cr);
      std::string text = m.subject.empty() ? m.body : "Subject: " + m.subject + "\n\n" + m.body;
      Request r;
      r.text = text;
      r.kind = cr.kind;
      r.channel = cr.channel;
      r.known_words = {facts.company, facts.role, facts.contact_name, facts.name};
      ++drafts;
      for (const auto& d : checker().check(r)) {
        if (d.severity == Severity::info) continue;
        distinct.insert("[" + d.rule + "] " + span(text, d) + " (" + cr.kind + ", " + cr.channel + ")");
        if (++failures <= 3) {
          report << cr.kind << " / " << (cr.stage.empty() ? "any stage" : cr.stage) << " / " << cr.reason_code
                 << " / " << cr.tone << " / " << cr.channel << (cr.after_call ? " after a call" : "") << " / variant "
                 << variant << ": " << d.line << ":" << d.column << " [" << d.rule << "] " << d.message << "\n  \""
                 << span(text, d) << "\"\n" << text << "\n\n";
        }
      }
    }
  }
  EXPECT_GT(drafts, 3000u);
  std::string all;
  for (const auto& d : distinct) all += "  " + d + "\n";
  EXPECT_EQ(failures, 0u) << "distinct:\n" << all << "\nfirst failures:\n" << report.str();
}

TEST(Check, EveryKindlyDraftPassesWithAllFacts) { expect_clean_drafts(full_facts()); }
TEST(Check, EveryKindlyDraftPassesWithBareFacts) { expect_clean_drafts(bare_facts()); }

// ----------------------------------------------------------------------------- any input

TEST(Check, RandomInputNeverBreaks) {
  std::mt19937 rng(20260302);
  const std::vector<std::string> pieces = {"Subject: ", "Subject:", "\n", "\r\n", " ", "[", "]", "{{", "}}", "<", ">",
                                           "kindly:ignore ", "criticism", "thank you", "decline", "sorry", "for now",
                                           "’", "é", "\xE2\x80", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                           ".", "?", "-", "'", "TBD", "lowball", "I might", "*", "\t", "\0"};
  for (int round = 0; round < 150; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 200);
    for (int i = 0; i < n; ++i) {
      if (rng() % 3 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    for (const char* kind : {"", "decline-offer", "rescind-acceptance"}) {
      for (const char* channel : {"", "linkedin", "voicemail"}) {
        TrackerFacts t;
        t.send_by_passed = "yesterday";
        Request r;
        r.text = text;
        r.kind = kind;
        r.channel = channel;
        r.tracker = round % 2 ? &t : nullptr;
        std::vector<Diagnostic> d;
        ASSERT_NO_THROW(d = checker().check(r)) << round;
        for (const auto& x : d) {
          ASSERT_LE(x.begin, x.end);
          ASSERT_LE(x.end, text.size());
          ASSERT_GE(x.line, 1);
          ASSERT_GE(x.column, 1);
          ASSERT_TRUE(x.end_line > x.line || (x.end_line == x.line && x.end_column >= x.column));
        }
      }
    }
  }
}

TEST(Check, OneMegabyteInputs) {
  std::mt19937 rng(7);
  std::string bytes(1 << 20, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng() % 256);
  std::string words;
  const char* vocabulary[] = {"thank", "you", "decline", "sorry", "lowball", "[Name]", "for", "now", "ofer", "\n", ". "};
  while (words.size() < (1u << 20)) {
    words += vocabulary[rng() % 11];
    words += ' ';
  }
  std::string one_line(1 << 20, 'a');
  for (const auto* text : {&bytes, &words, &one_line}) {
    Request r;
    r.text = *text;
    r.kind = "decline-offer";
    r.channel = "linkedin";
    std::vector<Diagnostic> d;
    ASSERT_NO_THROW(d = checker().check(r));
    for (const auto& x : d) ASSERT_LE(x.end, text->size());
  }
}

}  // namespace
}  // namespace kindly::check
