// The composer: picks a phrase for each part of the channel from the phrasebook, fills it with
// the facts (kainjow mustache, no HTML escaping), and lays the parts out for the channel.
#include "compose/compose.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <kainjow/mustache.hpp>

#include "core/error.h"

namespace kindly::compose {

namespace {

using Vars = std::map<std::string, std::string>;

std::uint32_t fnv1a(std::string_view s, std::uint32_t h = 2166136261u) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return s;
}

std::string trim(std::string s) {
  auto ws = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && ws(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

/// The variable names a template refers to ({{name}}, {{#name}}, {{{name}}}).
std::vector<std::string> variables_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    auto end = text.find("}}", pos);
    if (end == std::string::npos) break;
    std::string var = text.substr(pos + 2, end - pos - 2);
    while (!var.empty() && std::string_view(" #^/{&").find(var.front()) != std::string_view::npos) var.erase(0, 1);
    while (!var.empty() && (var.back() == ' ' || var.back() == '}')) var.pop_back();
    if (!var.empty() && var.front() != '!') out.push_back(var);
    pos = end + 2;
  }
  return out;
}

}  // namespace

/// The parsed templates of one Composer, by text: each distinct template is parsed once.
struct Composer::Templates {
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed;

  std::string render(const std::string& text, const Vars& vars) {
    using kainjow::mustache::data;
    using kainjow::mustache::mustache;
    auto it = parsed.find(text);
    if (it == parsed.end()) {
      auto t = std::make_unique<mustache>(text);
      if (!t->is_valid()) {
        throw Error(ErrorKind::internal, "phrasebook template \"" + text + "\": " + t->error_message(),
                    "check it with: kindly playbook check phrasebook.toml");
      }
      t->set_custom_escape([](const std::string& x) { return x; });
      it = parsed.emplace(text, std::move(t)).first;
    }
    data d;
    for (const auto& [k, v] : vars) d.set(k, v);
    return it->second->render(d);
  }
};

namespace {

struct Picker {
  Composer::Templates& templates;
  const playbook::Phrasebook& book;
  const ComposeRequest& req;
  const Vars& vars;
  std::uint32_t variant;
  bool explicit_variant;
  std::set<std::string> missing;  ///< variables a best phrase wanted but the facts lack

  bool has(const std::string& var) const {
    auto it = vars.find(var);
    return it != vars.end() && !it->second.empty();
  }

  std::size_t index(const std::string& part, std::size_t n) const {
    std::uint32_t h = explicit_variant ? variant
                                       : fnv1a(part, fnv1a(lower(req.facts.company) + "\x1f" + lower(req.facts.role) + "\x1f"));
    return h % n;
  }

  /// The most specific phrase for `part` whose variants the facts can fill, rendered.
  std::optional<std::string> pick(const std::string& part, const std::string& channel) {
    std::vector<std::pair<int, std::size_t>> candidates;
    for (std::size_t i = 0; i < book.phrases.size(); ++i) {
      const auto& p = book.phrases[i];
      if (p.part != part) continue;
      if (!p.kind.empty() && p.kind != req.kind) continue;
      if (!p.channel.empty() && p.channel != channel) continue;
      if (!p.stage.empty() && p.stage != req.stage) continue;
      if (!p.reason.empty() && p.reason != req.reason_code) continue;
      if (!p.tone.empty() && p.tone != req.tone) continue;
      // The more specific, the better: kind, then channel, stage, reason, tone.
      int score = (p.kind.empty() ? 0 : 16) + (p.channel.empty() ? 0 : 8) + (p.stage.empty() ? 0 : 4) +
                  (p.reason.empty() ? 0 : 2) + (p.tone.empty() ? 0 : 1);
      candidates.emplace_back(score, i);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    bool best = true;
    for (const auto& [score, i] : candidates) {
      std::vector<const std::string*> usable;
      for (const auto& v : book.phrases[i].text) {
        bool ok = true;
        for (const auto& var : variables_of(v)) {
          if (!has(var)) {
            ok = false;
            if (best) missing.insert(var);
          }
        }
        if (ok) usable.push_back(&v);
      }
      best = false;
      if (!usable.empty()) return trim(templates.render(*usable[index(part, usable.size())], vars));
    }
    return std::nullopt;
  }
};

std::string first_word(const std::string& s) {
  auto t = trim(s);
  auto sp = t.find(' ');
  return sp == std::string::npos ? t : t.substr(0, sp);
}

std::string join_parts(const std::vector<Part>& parts, const std::string& channel) {
  std::string out;
  if (channel == "phone") {
    for (const auto& p : parts) out += (out.empty() ? "" : "\n\n") + p.text;
    return out;
  }
  if (channel == "voicemail") {
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p.text;
    return out;
  }
  if (channel == "linkedin") {
    for (const auto& p : parts) {
      bool own_line = p.part == "sign-off" || (!parts.empty() && &p == &parts[1] && parts[0].part == "greeting");
      out += (out.empty() ? "" : own_line ? "\n" : " ") + p.text;
    }
    return out;
  }
  // Email: paragraphs start at the greeting, acknowledge, gratitude, logistics and sign-off.
  static const std::set<std::string> starts = {"acknowledge", "gratitude", "logistics", "sign-off"};
  std::string previous;
  for (const auto& p : parts) {
    if (out.empty()) {
      out = p.text;
    } else if (previous == "greeting" || starts.count(p.part)) {
      out += "\n\n" + p.text;
    } else {
      out += " " + p.text;
    }
    previous = p.part;
  }
  return out;
}

const std::map<std::string, std::string>& fact_names() {
  static const std::map<std::string, std::string> m = {
      {"contact_first_name", "contact name"}, {"name", "your name"},          {"signature", "signature"},
      {"terms", "terms to negotiate"},        {"answer_by", "answer-by date"}, {"personal", "a personal sentence"},
      {"reason_line", "reason"},              {"company", "company"},          {"role", "role"},
  };
  return m;
}

Missing missing_for(const std::string& var, const std::string& id) {
  if (var == "contact_first_name") return {"contact name", "kindly contact add " + id + " NAME"};
  if (var == "name") return {"your name", "kindly profile set name=\"YOUR NAME\""};
  if (var == "signature") return {"signature", "kindly profile set signature=\"TEXT\""};
  if (var == "terms") return {"terms to negotiate", "kindly counter " + id + " TERM=VALUE"};
  if (var == "answer_by") return {"answer-by date", "kindly set " + id + " offer_deadline=DATE"};
  if (var == "company") return {"company", "kindly set " + id + " company=NAME"};
  if (var == "role") return {"role", "kindly set " + id + " role=TITLE"};
  auto it = fact_names().find(var);
  return {it == fact_names().end() ? var : it->second, "kindly set " + id};
}

bool over(const Message& m, const playbook::ChannelShape& shape) {
  return (shape.max_chars > 0 && char_count(m.body) > static_cast<std::size_t>(shape.max_chars)) ||
         (shape.max_words > 0 && word_count(m.body) > static_cast<std::size_t>(shape.max_words));
}

}  // namespace

std::size_t word_count(const std::string& text) {
  std::size_t n = 0;
  bool in = false;
  for (unsigned char c : text) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!ws && !in) ++n;
    in = !ws;
  }
  return n;
}

std::size_t char_count(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::uint32_t variant_for(const std::string& company, const std::string& role) {
  return fnv1a(lower(company) + "\x1f" + lower(role));
}

Composer::Composer(const playbook::Playbook& pb) : m_pb(pb), m_templates(std::make_unique<Templates>()) {}
Composer::~Composer() = default;

Message compose(const playbook::Playbook& playbook, const ComposeRequest& request) {
  return Composer(playbook).compose(request);
}

std::vector<std::string> Composer::questions(const std::string& kind, const Facts& facts) {
  Vars vars = {{"company", trim(facts.company)}, {"role", trim(facts.role)},
               {"contact_first_name", first_word(facts.contact_name)}, {"name", trim(facts.name)},
               {"terms", trim(facts.terms)}, {"answer_by", trim(facts.answer_by)}};
  return likely_questions(kind, vars, nullptr);
}

std::vector<std::string> Composer::likely_questions(const std::string& kind, const Vars& vars,
                                                    std::set<std::string>* missing) {
  std::vector<std::string> out;
  auto add = [&](const playbook::PhoneQuestion& q) {
    if (out.size() >= 3) return;
    for (const auto& var : variables_of(q.ask + q.answer)) {
      auto it = vars.find(var);
      if (it == vars.end() || it->second.empty()) {
        if (missing) missing->insert(var);
        return;
      }
    }
    out.push_back("If asked \"" + trim(m_templates->render(q.ask, vars)) + "\": " +
                  trim(m_templates->render(q.answer, vars)));
  };
  for (const auto& q : m_pb.phrasebook.questions) {
    if (q.kind == kind) add(q);
  }
  for (const auto& q : m_pb.phrasebook.questions) {
    if (q.kind.empty()) add(q);
  }
  return out;
}

Message Composer::compose(const ComposeRequest& req) {
  const playbook::Playbook& playbook = m_pb;
  const auto& book = playbook.phrasebook;
  auto names = [](const auto& v, auto key) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x.*key;
    return s;
  };
  const auto* kind = book.kind(req.kind);
  if (!kind) throw Error(ErrorKind::usage, "unknown message kind '" + req.kind + "'", "known: " + names(book.kinds, &playbook::MessageKind::id));
  const auto* shape = book.channel(req.channel);
  if (!shape || std::find(kind->channels.begin(), kind->channels.end(), req.channel) == kind->channels.end()) {
    std::string known;
    for (const auto& c : kind->channels) known += (known.empty() ? "" : ", ") + c;
    throw Error(ErrorKind::usage, "a " + req.kind + " message cannot go out by '" + req.channel + "'", "use one of: " + known);
  }
  if (std::find(book.tones.begin(), book.tones.end(), req.tone) == book.tones.end()) {
    std::string known;
    for (const auto& t : book.tones) known += (known.empty() ? "" : ", ") + t;
    throw Error(ErrorKind::usage, "unknown tone '" + req.tone + "'", "use one of: " + known);
  }
  std::string reason_code = req.reason_code.empty() ? "none" : req.reason_code;
  const auto* reason = playbook.reason(reason_code);
  if (!reason) throw Error(ErrorKind::usage, "unknown reason '" + reason_code + "'", "known: " + names(playbook.reasons, &playbook::Reason::code));
  const std::string id = req.facts.opportunity_id.empty() ? "ID" : req.facts.opportunity_id;
  if (trim(req.facts.company).empty() || trim(req.facts.role).empty()) {
    throw Error(ErrorKind::usage, "a draft needs the company and the role",
                "set them with: kindly set " + id + " company=NAME role=TITLE");
  }

  Vars vars = {
      {"company", trim(req.facts.company)},
      {"role", trim(req.facts.role)},
      {"contact_first_name", first_word(req.facts.contact_name)},
      {"name", trim(req.facts.name)},
      {"signature", trim(req.facts.signature)},
      {"personal", trim(req.facts.personal)},
      {"terms", trim(req.facts.terms)},
      {"answer_by", trim(req.facts.answer_by)},
      {"reason_line", kind->reason ? trim(reason->say) : std::string()},
  };

  Message m;
  m.kind = req.kind;
  m.channel = req.channel;
  m.tone = req.tone;
  m.variant = req.variant ? *req.variant : variant_for(req.facts.company, req.facts.role);
  Picker picker{*m_templates, book, req, vars, m.variant, req.variant.has_value(), {}};
  auto skipped = [&](const std::string& part) {
    return std::find(kind->skip.begin(), kind->skip.end(), part) != kind->skip.end();
  };

  for (const auto& part : shape->parts) {
    if (skipped(part)) continue;
    if (part == "reason" && vars["reason_line"].empty()) continue;
    if (part == "recap" && !req.after_call) continue;
    if (part == "questions") {
      std::string text;
      for (const auto& line : likely_questions(req.kind, vars, &picker.missing)) text += (text.empty() ? "" : "\n") + line;
      if (!text.empty()) m.parts.push_back({part, text});
      continue;
    }
    auto text = picker.pick(part, req.channel);
    if (!text || text->empty()) continue;
    if (part == "subject") {
      m.subject = *text;
      continue;
    }
    if (part == "gratitude" && req.channel == "email" && !vars["personal"].empty()) *text += " " + vars["personal"];
    if (part == "sign-off" && req.channel == "email") {
      // The signature is optional: contact lines under the name (phone, profile link).
      if (!vars["signature"].empty()) *text += "\n" + vars["signature"];
    }
    m.parts.push_back({part, *text});
  }

  m.body = join_parts(m.parts, req.channel);
  for (const auto& part : shape->drop) {
    if (!over(m, *shape)) break;
    auto it = std::find_if(m.parts.begin(), m.parts.end(), [&](const Part& p) { return p.part == part; });
    if (it == m.parts.end()) continue;
    m.parts.erase(it);
    m.body = join_parts(m.parts, req.channel);
    m.notes.push_back("left out the " + part + " part to keep the " + req.channel + " message short enough");
  }
  if (over(m, *shape)) {
    m.notes.push_back("the draft is still longer than a " + req.channel + " message should be (" +
                      (shape->max_chars > 0 ? std::to_string(shape->max_chars) + " characters" : std::to_string(shape->max_words) + " words") +
                      "); shorten the facts");
  }

  static const std::vector<std::string> fact_order = {"company", "role", "contact_first_name", "name", "signature",
                                                      "terms", "answer_by"};
  for (const auto& var : fact_order) {
    if (picker.missing.count(var)) m.missing.push_back(missing_for(var, id));
  }
  return m;
}

}  // namespace kindly::compose
