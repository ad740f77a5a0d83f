// The composer: every kind × reason × tone × channel the phrasebook supports drafts a message
// in the playbook's order, fully filled, within the channel's length, and the same every time.
#include "compose/compose.h"
#include "compose/test_facts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.h"

namespace kindly::compose {
namespace {

const playbook::Playbook& pb() { return playbook::builtin(); }

using compose::test_support::bare_facts;
using compose::test_support::full_facts;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

std::size_t apologies(const Message& m) {
  std::string all = lower(m.subject + "\n" + m.body);
  return count(all, "sorry") + count(all, "apolog") + count(all, "regret");
}

std::string describe(const ComposeRequest& r) {
  return r.kind + " / " + r.reason_code + " / " + r.tone + " / " + r.channel;
}

/// Every request the phrasebook supports, with the given facts.
std::vector<ComposeRequest> matrix(const Facts& facts) { return test_support::every_request(pb(), facts); }

void expect_well_formed(const ComposeRequest& r, const Message& m) {
  SCOPED_TRACE(describe(r) + "\n" + m.subject + "\n" + m.body);
  const auto& book = pb().phrasebook;
  const auto* shape = book.channel(r.channel);
  ASSERT_NE(shape, nullptr);

  // Parts in the channel's order, which follows the playbook's written order.
  std::vector<std::size_t> at;
  for (const auto& p : m.parts) {
    auto it = std::find(shape->parts.begin(), shape->parts.end(), p.part);
    ASSERT_NE(it, shape->parts.end()) << p.part;
    at.push_back(static_cast<std::size_t>(it - shape->parts.begin()));
    EXPECT_FALSE(p.text.empty()) << p.part;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_EQ(std::set<std::size_t>(at.begin(), at.end()).size(), at.size()) << "a part appears twice";
  if (r.channel != "phone") {
    std::vector<std::size_t> written;
    for (const auto& p : m.parts) {
      auto it = std::find(book.order.begin(), book.order.end(), p.part);
      if (it != book.order.end()) written.push_back(static_cast<std::size_t>(it - book.order.begin()));
    }
    EXPECT_TRUE(std::is_sorted(written.begin(), written.end()));
  }
  auto has = [&](const std::string& part) {
    return std::any_of(m.parts.begin(), m.parts.end(), [&](const Part& p) { return p.part == part; });
  };
  EXPECT_TRUE(has("decision"));
  if (r.channel == "email") {
    EXPECT_FALSE(m.subject.empty());
    for (const char* part : {"greeting", "acknowledge", "gratitude", "sign-off"}) EXPECT_TRUE(has(part)) << part;
  } else {
    EXPECT_TRUE(m.subject.empty());
  }

  // Nothing left unfilled.
  for (const auto& s : {m.subject, m.body}) {
    EXPECT_EQ(s.find("{{"), std::string::npos);
    EXPECT_EQ(s.find("}}"), std::string::npos);
  }
  for (const auto& p : m.parts) EXPECT_EQ(p.text.find("{{"), std::string::npos);

  // Within the channel's length.
  if (r.channel == "linkedin") {
    EXPECT_LE(char_count(m.body), 300u);
  }
  if (r.channel == "voicemail") {
    EXPECT_LE(word_count(m.body), 75u);
  }

  // Phone: a script with a pause, at most one reason, a close promising an email.
  if (r.channel == "phone") {
    EXPECT_NE(m.body.find(kPauseMarker), std::string::npos);
    EXPECT_LE(std::count_if(m.parts.begin(), m.parts.end(), [](const Part& p) { return p.part == "reason"; }), 1);
    EXPECT_TRUE(has("open"));
    EXPECT_TRUE(has("close"));
    EXPECT_NE(lower(m.parts.back().text).find("email"), std::string::npos);
  }

  // One apology only, and only when rescinding.
  EXPECT_EQ(apologies(m), r.kind == "rescind-acceptance" ? 1u : 0u);

  // The reason: the neutral line from reasons.toml, never criticism.
  const auto* reason = pb().reason(r.reason_code);
  const auto* kind = book.kind(r.kind);
  if (reason->say.empty() || !kind->reason) {
    EXPECT_FALSE(has("reason"));
  } else if (r.channel == "email" || r.channel == "phone") {
    EXPECT_NE(m.body.find(reason->say), std::string::npos);
  }
  if (!reason->state) {
    std::string body = lower(m.subject + " " + m.body);
    for (const char* word : {"culture", "manager", "toxic", "red flag", "unethical", "values", "legal",
                             "disappoint", "worr", "bad ", "poor", "problem", "lack"}) {
      EXPECT_EQ(body.find(word), std::string::npos) << word;
    }
  }
}

TEST(Compose, EveryCombinationWithAllFacts) {
  auto requests = matrix(full_facts());
  ASSERT_GT(requests.size(), 1000u);
  for (const auto& r : requests) {
    Message m = compose(pb(), r);
    expect_well_formed(r, m);
    EXPECT_TRUE(m.missing.empty()) << describe(r) << ": " << (m.missing.empty() ? "" : m.missing[0].to_string());
    EXPECT_TRUE(m.notes.empty() || r.channel == "linkedin" || r.channel == "voicemail") << describe(r);
    if (r.channel == "email") {
      EXPECT_NE(m.body.find("Alex Morgan"), std::string::npos) << describe(r);
      EXPECT_NE(m.body.find("alex@example.com"), std::string::npos) << describe(r);
      EXPECT_NE(m.body.find("data platform"), std::string::npos) << describe(r);
    }
    if (r.channel != "voicemail" && r.channel != "phone") {
      EXPECT_NE(m.body.find("Dana"), std::string::npos) << describe(r);
    }
    if (testing::Test::HasFailure()) return;  // one broken draft is enough to read
  }
}

TEST(Compose, EveryCombinationWithBareFacts) {
  for (const auto& r : matrix(bare_facts())) {
    Message m = compose(pb(), r);
    expect_well_formed(r, m);
    EXPECT_FALSE(m.missing.empty()) << describe(r);
    if (testing::Test::HasFailure()) return;
  }
}

TEST(Compose, Deterministic) {
  for (const auto& r : matrix(full_facts())) {
    Message a = compose(pb(), r);
    Message b = compose(pb(), r);
    ASSERT_EQ(a.subject, b.subject) << describe(r);
    ASSERT_EQ(a.body, b.body) << describe(r);
    ASSERT_EQ(a.parts.size(), b.parts.size()) << describe(r);
    ASSERT_EQ(a.variant, b.variant);
  }
}

std::string part_text(const Message& m, const std::string& part) {
  for (const auto& p : m.parts) {
    if (p.part == part) return p.text;
  }
  return {};
}

TEST(Compose, DifferentCompaniesGetDifferentWording) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "accepted-other-offer";
  r.facts = full_facts();
  std::set<std::string> acknowledgements, gratitudes;
  for (const char* company : {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries"}) {
    r.facts.company = company;
    Message m = compose(pb(), r);
    std::string ack = part_text(m, "acknowledge");
    std::string at = ack.substr(0, ack.find(company));  // the wording around the company's name
    acknowledgements.insert(at);
    gratitudes.insert(part_text(m, "gratitude"));
  }
  EXPECT_GE(acknowledgements.size(), 2u);
  EXPECT_GE(gratitudes.size(), 2u);

  // Two named companies whose drafts differ in a common part.
  r.facts.company = "Acme";
  Message acme = compose(pb(), r);
  r.facts.company = "Initech";
  Message initech = compose(pb(), r);
  EXPECT_NE(acme.variant, initech.variant);
  bool differs = false;
  for (const char* part : {"greeting", "decision", "gratitude", "door-open", "sign-off"}) {
    differs = differs || part_text(acme, part) != part_text(initech, part);
  }
  EXPECT_TRUE(differs);
}

TEST(Compose, ExplicitVariantOverrides) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "timing";
  r.tone = "formal";
  r.facts = full_facts();
  std::set<std::string> decisions;
  for (std::uint32_t v = 0; v < 3; ++v) {
    r.variant = v;
    Message m = compose(pb(), r);
    EXPECT_EQ(m.variant, v);
    decisions.insert(part_text(m, "decision"));
  }
  EXPECT_EQ(decisions.size(), 3u);
  r.variant = 1;
  Message a = compose(pb(), r);
  r.facts.company = "Another Company";
  Message b = compose(pb(), r);
  EXPECT_EQ(part_text(a, "decision"), part_text(b, "decision"));
}

TEST(Compose, OnlyAnEmailAfterACallRecapsTheCall) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "accepted-other-offer";
  r.facts = full_facts();
  Message plain = compose(pb(), r);
  r.after_call = true;
  Message confirming = compose(pb(), r);
  EXPECT_EQ(part_text(plain, "recap"), "");
  ASSERT_GE(confirming.parts.size(), 2u);
  EXPECT_EQ(confirming.parts[0].part, "greeting");
  EXPECT_EQ(confirming.parts[1].part, "recap");
  EXPECT_NE(confirming.body.find(confirming.parts[1].text), std::string::npos);
  EXPECT_EQ(part_text(confirming, "decision"), part_text(plain, "decision")) << "the decision is repeated as is";
  r.channel = "linkedin";
  EXPECT_EQ(part_text(compose(pb(), r), "recap"), "") << "only email carries the recap";
}

TEST(Compose, CommonPartsHaveThreeVariants) {
  for (const auto& p : pb().phrasebook.phrases) {
    if (p.part == "pause") continue;
    bool common = p.part == "greeting" || p.part == "recap" || p.part == "acknowledge" || p.part == "decision" ||
                  p.part == "gratitude" || p.part == "door-open" || p.part == "sign-off" || p.part == "close";
    bool fallback = p.text.size() == 1;  // a single plain fallback below a richer phrase
    if (common && !fallback) {
      EXPECT_GE(p.text.size(), 3u) << p.part << " " << p.kind << " " << p.tone << " " << p.channel;
    }
  }
}

TEST(Compose, MissingFactsAreNamedWithTheirCommand) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "accepted-other-offer";
  r.tone = "warm";
  r.facts = bare_facts();
  Message m = compose(pb(), r);
  std::vector<std::string> missing;
  for (const auto& x : m.missing) missing.push_back(x.to_string());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "contact name: kindly contact add acme NAME"), missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "your name: kindly profile set name=\"YOUR NAME\""), missing.end());
  // The signature is optional (contact lines under the name): never reported as missing.
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "signature: kindly profile set signature=\"TEXT\""), missing.end());
  EXPECT_EQ(m.parts.front().part, "greeting");
  EXPECT_EQ(m.parts.front().text.find("Hi"), std::string::npos);  // a neutral greeting, no name
  EXPECT_EQ(m.parts.back().part, "sign-off");
  EXPECT_EQ(m.parts.back().text.find('\n'), std::string::npos);  // no empty name line
  EXPECT_EQ(m.subject.find(" - "), std::string::npos);

  r.kind = "negotiate";
  m = compose(pb(), r);
  ASSERT_FALSE(m.missing.empty());
  bool terms = std::any_of(m.missing.begin(), m.missing.end(), [](const Missing& x) {
    return x.fact == "terms to negotiate" && x.command == "kindly counter acme TERM=VALUE";
  });
  EXPECT_TRUE(terms);

  r.kind = "ask-for-time";
  m = compose(pb(), r);
  bool date = std::any_of(m.missing.begin(), m.missing.end(), [](const Missing& x) { return x.fact == "answer-by date"; });
  EXPECT_TRUE(date);
  EXPECT_EQ(m.body.find("{{"), std::string::npos);
}

TEST(Compose, FactsReachTheDraft) {
  ComposeRequest r;
  r.kind = "negotiate";
  r.facts = full_facts();
  Message m = compose(pb(), r);
  EXPECT_NE(m.body.find("two remote days"), std::string::npos) << m.body;
  r.channel = "phone";
  m = compose(pb(), r);
  EXPECT_NE(m.body.find("two remote days"), std::string::npos) << m.body;
  r.kind = "ask-for-time";
  r.channel = "email";
  m = compose(pb(), r);
  EXPECT_NE(m.body.find("Friday 14 March"), std::string::npos) << m.body;
  r.kind = "decline-offer";
  r.channel = "linkedin";
  m = compose(pb(), r);
  EXPECT_EQ(m.body.rfind("Hi Dana", 0) == 0 || m.body.rfind("Hello Dana", 0) == 0 || m.body.rfind("Dana", 0) == 0, true) << m.body;
}

TEST(Compose, NoReasonWhenNoneOrNotAllowed) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "none";
  r.facts = full_facts();
  EXPECT_TRUE(part_text(compose(pb(), r), "reason").empty());
  r.reason_code = "compensation";
  EXPECT_EQ(part_text(compose(pb(), r), "reason"), pb().reason("compensation")->say);
  r.kind = "keep-in-touch";
  EXPECT_TRUE(part_text(compose(pb(), r), "reason").empty());
}

TEST(Compose, UnknownInputsAreUsageErrors) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.facts = full_facts();
  auto usage = [&](ComposeRequest bad) {
    try {
      compose(pb(), bad);
    } catch (const Error& e) {
      return e.kind() == ErrorKind::usage;
    }
    return false;
  };
  EXPECT_FALSE(usage(r));
  auto bad = r;
  bad.kind = "decline-ofer";
  EXPECT_TRUE(usage(bad));
  bad = r;
  bad.tone = "angry";
  EXPECT_TRUE(usage(bad));
  bad = r;
  bad.channel = "fax";
  EXPECT_TRUE(usage(bad));
  bad = r;
  bad.kind = "rescind-acceptance";
  bad.channel = "linkedin";  // never rescind over LinkedIn
  EXPECT_TRUE(usage(bad));
  bad = r;
  bad.reason_code = "nope";
  EXPECT_TRUE(usage(bad));
  bad = r;
  bad.facts.company = "";
  EXPECT_TRUE(usage(bad));
}

std::string builtin_text() {
  for (const auto& f : playbook::files("", nullptr)) {
    if (f.name == "phrasebook") return f.text;
  }
  return {};
}

TEST(Phrasebook, BuiltInPassesTheCheck) {
  std::string text = builtin_text();
  ASSERT_FALSE(text.empty());
  auto problems = playbook::check_text("phrasebook", text, "phrasebook.toml");
  for (const auto& d : problems) ADD_FAILURE() << d.to_string();
  const auto& b = pb().phrasebook;
  EXPECT_EQ(b.kinds.size(), 14u);
  EXPECT_EQ(b.channels.size(), 4u);
  EXPECT_EQ(b.tones.size(), 3u);
}

TEST(Phrasebook, CheckCatchesMistakes) {
  std::string text = builtin_text();
  auto with = [&](const std::string& extra) {
    return playbook::check_text("phrasebook", text + "\n" + extra, "phrasebook.toml");
  };
  auto mentions = [](const std::vector<playbook::Diagnostic>& ds, const std::string& what) {
    return std::any_of(ds.begin(), ds.end(), [&](const auto& d) { return d.message.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greting\"\ntext = [\"Hi\"]\n"), "part 'greting'"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\ntext = [\"Hi {{contact}}\"]\n"), "unknown variable"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\nkind = \"ghost\"\ntext = [\"Hi\"]\n"), "kind 'ghost'"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\ntone = \"angry\"\ntext = [\"Hi\"]\n"), "tone 'angry'"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\ntext = [\"Hi\"]\nmood = 1\n"), "unknown key 'mood'"));
  EXPECT_TRUE(mentions(with("[[channel]]\nid = \"sms\"\nparts = [\"sign-off\", \"greeting\"]\n"), "written order"));
  EXPECT_TRUE(mentions(with("[[channel]]\nid = \"sms\"\nparts = [\"decision\"]\ndrop = [\"dor-open\"]\n"), "drop: part 'dor-open'"));
  EXPECT_TRUE(mentions(with("[[kind]]\nid = \"ghost\"\nlabel = \"x\"\nreason = false\nchannels = [\"email\"]\n"),
                       "no decision phrase"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\nstage = \"hired\"\ntext = [\"Hi\"]\n"), "stage 'hired'"));
  EXPECT_TRUE(mentions(with("[[phrase]]\npart = \"greeting\"\nreason = \"money\"\ntext = [\"Hi\"]\n"), "reason 'money'"));
  EXPECT_TRUE(mentions(with("[[kind]]\nid = \"ghost\"\nlabel = \"x\"\nreason = false\nchannels = [\"email\"]\n"
                            "moves_to = \"hired\"\n"),
                       "moves_to 'hired'"));
}

TEST(Compose, StageAndReasonSpecificPhrasesWinWhereTheyFit) {
  ComposeRequest r;
  r.kind = "decline-offer";
  r.reason_code = "timing";
  r.tone = "warm";
  r.facts = full_facts();
  Message plain = compose(pb(), r);
  EXPECT_NE(part_text(plain, "door-open").find("timing"), std::string::npos) << "the reason's own door-open line";
  EXPECT_EQ(part_text(plain, "acknowledge").find("terms"), std::string::npos);
  r.stage = "negotiating";
  Message negotiated = compose(pb(), r);
  EXPECT_NE(part_text(negotiated, "acknowledge").find("terms"), std::string::npos)
      << "after talking terms, the thanks covers that: " << part_text(negotiated, "acknowledge");
  r.stage = "offer";
  EXPECT_EQ(part_text(compose(pb(), r), "acknowledge"), part_text(plain, "acknowledge")) << "another stage: the usual line";
  r.reason_code = "compensation";
  EXPECT_EQ(part_text(compose(pb(), r), "door-open").find("timing"), std::string::npos);
}

TEST(Phrasebook, AnOverrideChangesTheWords) {
  playbook::Playbook p = pb();
  for (auto& phrase : p.phrasebook.phrases) {
    if (phrase.part == "decision" && phrase.kind == "decline-offer") phrase.text = {"No, thank you, {{contact_first_name}}."};
  }
  ComposeRequest r;
  r.kind = "decline-offer";
  r.facts = full_facts();
  EXPECT_EQ(part_text(compose(p, r), "decision"), "No, thank you, Dana.");
}

}  // namespace
}  // namespace kindly::compose
