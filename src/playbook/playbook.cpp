// Loading and checking the playbook files with toml++. One schema table per file; the same
// table validates a coach's override (`kindly playbook check`) and reads the values.
#include "playbook/playbook.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "core/enums.h"
#include "core/error.h"
#include "core/files.h"
#include "core/suggest.h"
#include "playbook/embedded.h"

namespace kindly::playbook {

namespace {

enum class T { str, integer, number, boolean, str_array, any_number, any_str };

struct KeySpec {
  std::string_view key;
  T type;
  bool required;
};

struct ArraySpec {
  std::string_view key;  ///< an array of tables: [[key]]
  std::vector<KeySpec> keys;
  bool required;
};

struct TableSpec {
  std::string_view key;  ///< a table: [key]; its keys, or any key of one type (any_*)
  std::vector<KeySpec> keys;
  bool required;
};

struct FileSpec {
  std::string_view name;
  std::string_view summary;
  std::vector<KeySpec> top;
  std::vector<ArraySpec> arrays;
  std::vector<TableSpec> tables;
};

// clang-format off
const std::vector<FileSpec>& specs() {
  static const std::vector<FileSpec> s = {
    {"after_accepting", "an interview invitation after accepting another offer: questions and steps",
     {{"default", T::str, true}, {"reopen_if", T::str_array, true}},
     {{"question", {{"id", T::str, true}, {"text", T::str, true}}, true},
      {"step", {{"text", T::str, true}}, true}}, {}},
    {"channels", "how to deliver a decision: channel rules in priority order, confirming calls in writing",
     {{"close_rapport_rounds", T::integer, true}, {"confirm", T::str, true}, {"unreachable", T::str, false}},
     {{"rule", {{"id", T::str, true}, {"when", T::str, true}, {"channels", T::str_array, true}, {"text", T::str, true},
                {"note", T::str, false}}, true}}, {}},
    {"check", "the rules `kindly check` applies to a draft: words, thresholds, messages and suggestions",
     {{"speech_words_per_minute", T::number, true}, {"decline_kinds", T::str_array, true},
      {"decline_signs", T::str_array, true}, {"accept", T::str_array, false}, {"disable", T::str_array, false}},
     {{"check", {{"rule", T::str, true}, {"type", T::str, true}, {"severity", T::str, true}, {"message", T::str, true},
                 {"suggestion", T::str, true}, {"phrases", T::str_array, false}, {"exceptions", T::str_array, false},
                 {"near", T::str_array, false}, {"skip", T::str_array, false}, {"enclosed", T::str_array, false}, {"kinds", T::str_array, false},
                 {"not_kinds", T::str_array, false}, {"channels", T::str_array, false}, {"when", T::str_array, false},
                 {"in", T::str, false}, {"measure", T::str, false}, {"unit", T::str, false}, {"at", T::str, false},
                 {"min", T::integer, false}, {"max", T::integer, false}, {"case_sensitive", T::boolean, false},
                 {"whole", T::boolean, false}, {"enabled", T::boolean, false}}, true}}, {}},
    {"clear", "the CLEAR worksheet for deciding on an offer",
     {}, {{"step", {{"letter", T::str, true}, {"id", T::str, true}, {"title", T::str, true}, {"prompt", T::str, true}}, true}}, {}},
    {"compare", "the default criteria and weights for comparing offers, and the offer-math settings",
     {{"years", T::integer, true}, {"sign_on_spread_years", T::integer, true}, {"default_vesting", T::str, true}},
     {{"criterion", {{"name", T::str, true}, {"weight", T::number, true}, {"label", T::str, true}}, true}}, {}},
    {"concerns", "what can worry a candidate, fixable or structural, and how to ask for it",
     {}, {{"concern", {{"id", T::str, true}, {"kind", T::str, true}, {"label", T::str, true}, {"ask", T::str, false}}, true}}, {}},
    {"false_alarms", "reactions that should not drive a decline on their own",
     {}, {{"alarm", {{"id", T::str, true}, {"label", T::str, true}}, true}},
     {{"advice", {{"text", T::str, true}}, true}}},
    {"five_areas", "five areas for a last look before deciding",
     {}, {{"area", {{"id", T::str, true}, {"title", T::str, true}, {"prompt", T::str, true}}, true}}, {}},
    {"mobility", "global mobility factors and the rules that make a move too risky",
     {}, {{"factor", {{"id", T::str, true}, {"label", T::str, true}}, true},
          {"rule", {{"id", T::str, true}, {"when", T::str, true}, {"text", T::str, true}}, true}}, {}},
    {"non_negotiables", "the kinds of non-negotiable terms kindly can check",
     {{"min_items", T::integer, true}, {"max_items", T::integer, true}},
     {{"kind", {{"id", T::str, true}, {"pattern", T::str, true}, {"label", T::str, true}, {"concern", T::str, false}}, true}}, {}},
    {"offer_checklist", "eight questions about an offer, and how many concerns mean decline",
     {{"threshold", T::integer, true}},
     {{"item", {{"id", T::str, true}, {"question", T::str, true}, {"concern", T::str, false}, {"check", T::str, false}}, true}}, {}},
    {"phrasebook", "the words kindly drafts messages with: channels, message kinds, phrases, call questions",
     {{"order", T::str_array, true}, {"tones", T::str_array, true}},
     {{"channel", {{"id", T::str, true}, {"parts", T::str_array, true}, {"max_chars", T::integer, false}, {"max_words", T::integer, false}, {"drop", T::str_array, false}}, true},
      {"kind", {{"id", T::str, true}, {"label", T::str, true}, {"reason", T::boolean, true}, {"channels", T::str_array, true}, {"skip", T::str_array, false}, {"stages", T::str_array, false}, {"moves_to", T::str, false}}, true},
      {"phrase", {{"part", T::str, true}, {"kind", T::str, false}, {"stage", T::str, false}, {"reason", T::str, false}, {"tone", T::str, false}, {"channel", T::str, false}, {"text", T::str_array, true}}, true},
      {"question", {{"kind", T::str, false}, {"ask", T::str, true}, {"answer", T::str, true}}, false}}, {}},
    {"quick_filter", "five questions; any firm no justifies declining",
     {}, {{"item", {{"id", T::str, true}, {"question", T::str, true}, {"concern", T::str, false}, {"check", T::str, false}}, true}}, {}},
    {"reasons", "reason codes and what may be said for each",
     {}, {{"reason", {{"code", T::str, true}, {"label", T::str, true}, {"say", T::str, true}, {"state", T::boolean, true}, {"concern", T::str, false}}, true}}, {}},
    {"reflection", "seven reflection questions, and how many misaligned answers mean decline",
     {{"decline_at", T::integer, true}},
     {{"question", {{"id", T::str, true}, {"text", T::str, true}}, true}}, {}},
    {"rescind", "what to check and how to act before rescinding an acceptance",
     {}, {{"check", {{"id", T::str, true}, {"text", T::str, true}, {"field", T::str, false}}, true},
          {"step", {{"text", T::str, true}}, true}}, {}},
    {"stages", "the stages, what no means at each, and related cases",
     {}, {{"stage", {{"name", T::str, true}, {"no", T::str, true}, {"also", T::str_array, false}, {"message", T::str, true}, {"stakes", T::str, true}, {"essentials", T::str, true}}, true},
          {"case", {{"name", T::str, true}, {"action", T::str, true}, {"message", T::str, true}, {"essentials", T::str, true}}, false}}, {}},
    {"timing", "every timing window and warning, in hours",
     {}, {},
     {{"windows", {{"", T::any_number, false}}, true}, {"warnings", {{"", T::any_number, false}}, true},
      {"rules", {{"", T::any_str, false}}, false}}},
  };
  return s;
}
// clang-format on

const FileSpec* spec_for(std::string_view name) {
  for (const auto& s : specs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string type_name(T t) {
  switch (t) {
    case T::str:
    case T::any_str:
      return "a string";
    case T::integer:
      return "a whole number";
    case T::number:
    case T::any_number:
      return "a number";
    case T::boolean:
      return "true or false";
    case T::str_array:
      return "a list of strings";
  }
  return "a value";
}

bool has_type(const toml::node& n, T t) {
  switch (t) {
    case T::str:
    case T::any_str:
      return n.is_string();
    case T::integer:
      return n.is_integer();
    case T::number:
    case T::any_number:
      return n.is_number();
    case T::boolean:
      return n.is_boolean();
    case T::str_array:
      if (!n.is_array()) return false;
      for (const auto& e : *n.as_array()) {
        if (!e.is_string()) return false;
      }
      return true;
  }
  return false;
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

class Checker {
 public:
  Checker(std::string shown_as) : m_file(std::move(shown_as)) {}

  void add(int line, std::string message) { m_out.push_back({m_file, line, std::move(message)}); }

  void keys(const toml::table& t, const std::vector<KeySpec>& spec, std::string_view where,
            int table_line, const std::vector<std::string_view>& extra_known = {}) {
    bool open_map = spec.size() == 1 && spec[0].key.empty();
    std::vector<std::string> known;
    for (const auto& k : spec) known.emplace_back(k.key);
    for (auto k : extra_known) known.emplace_back(k);
    for (const auto& [key, node] : t) {
      std::string name(key.str());
      if (open_map) {
        if (!has_type(node, spec[0].type))
          add(line_of(node), std::string(where) + name + ": expected " + type_name(spec[0].type));
        continue;
      }
      auto it = std::find_if(spec.begin(), spec.end(), [&](const KeySpec& k) { return k.key == name; });
      if (it == spec.end()) {
        if (std::find(extra_known.begin(), extra_known.end(), name) != extra_known.end()) continue;
        std::string hint = did_you_mean(name, known);
        add(static_cast<int>(key.source().begin.line),
            std::string(where) + "unknown key '" + name + "'" + (hint.empty() ? "" : " (" + hint + ")"));
        continue;
      }
      if (!has_type(node, it->type))
        add(line_of(node), std::string(where) + name + ": expected " + type_name(it->type));
    }
    if (open_map) return;
    for (const auto& k : spec) {
      if (k.required && !t.contains(k.key))
        add(table_line, std::string(where) + "missing key '" + std::string(k.key) + "'");
    }
  }

  std::vector<Diagnostic> take() { return std::move(m_out); }

 private:
  std::string m_file;
  std::vector<Diagnostic> m_out;
};

std::vector<Diagnostic> validate(const FileSpec& spec, const toml::table& root,
                                 const std::string& shown_as) {
  Checker c(shown_as);
  std::vector<std::string_view> nested;
  for (const auto& a : spec.arrays) nested.push_back(a.key);
  for (const auto& t : spec.tables) nested.push_back(t.key);
  c.keys(root, spec.top, "", 1, nested);
  for (const auto& a : spec.arrays) {
    const toml::node* n = root.get(a.key);
    if (!n) {
      if (a.required) c.add(1, "missing [[" + std::string(a.key) + "]] entries");
      continue;
    }
    if (!n->is_array_of_tables()) {
      c.add(line_of(*n), std::string(a.key) + ": expected [[" + std::string(a.key) + "]] tables");
      continue;
    }
    std::set<std::string> ids;
    std::size_t index = 0;
    for (const auto& e : *n->as_array()) {
      const auto& t = *e.as_table();
      std::string where = std::string(a.key) + "[" + std::to_string(index++) + "]: ";
      c.keys(t, a.keys, where, line_of(t));
      for (std::string_view idkey : {"id", "code", "name"}) {
        if (auto v = t[idkey].value<std::string>()) {
          if (!ids.insert(*v).second) c.add(line_of(t), where + "duplicate " + std::string(idkey) + " '" + *v + "'");
        }
      }
    }
  }
  for (const auto& ts : spec.tables) {
    const toml::node* n = root.get(ts.key);
    if (!n) {
      if (ts.required) c.add(1, "missing [" + std::string(ts.key) + "] table");
      continue;
    }
    if (!n->is_table()) {
      c.add(line_of(*n), std::string(ts.key) + ": expected a table");
      continue;
    }
    c.keys(*n->as_table(), ts.keys, std::string(ts.key) + ".", line_of(*n));
  }
  return c.take();
}

std::string str(const toml::table& t, std::string_view key) {
  return t[key].value_or(std::string());
}

std::vector<std::string> strs(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = t[key].as_array()) {
    for (const auto& e : *a) out.push_back(e.value_or(std::string()));
  }
  return out;
}

template <typename F>
void each(const toml::table& root, std::string_view key, F&& f) {
  if (const auto* a = root[key].as_array()) {
    for (const auto& e : *a) {
      if (const auto* t = e.as_table()) f(*t);
    }
  }
}

std::vector<Item> items(const toml::table& root, std::string_view key, std::string_view text_key) {
  std::vector<Item> out;
  each(root, key, [&](const toml::table& t) {
    out.push_back({str(t, "id"), str(t, text_key), str(t, "concern"), str(t, "check")});
  });
  return out;
}

// Reads one validated file into the playbook.
void read(Playbook& p, std::string_view name, const toml::table& r) {
  if (name == "stages") {
    p.stages.clear();
    p.cases.clear();
    each(r, "stage", [&](const toml::table& t) {
      p.stages.push_back({str(t, "name"), str(t, "no"), strs(t, "also"), str(t, "message"),
                          str(t, "stakes"), str(t, "essentials")});
    });
    each(r, "case", [&](const toml::table& t) {
      p.cases.push_back({str(t, "name"), str(t, "action"), str(t, "message"), str(t, "essentials")});
    });
  } else if (name == "reasons") {
    p.reasons.clear();
    each(r, "reason", [&](const toml::table& t) {
      p.reasons.push_back({str(t, "code"), str(t, "label"), str(t, "say"), t["state"].value_or(true),
                           str(t, "concern")});
    });
  } else if (name == "compare") {
    p.compare = {};
    p.compare.years = static_cast<int>(r["years"].value_or(4));
    p.compare.sign_on_spread_years = static_cast<int>(r["sign_on_spread_years"].value_or(4));
    p.compare.default_vesting = str(r, "default_vesting");
    each(r, "criterion", [&](const toml::table& t) {
      p.compare.criteria.push_back({str(t, "name"), t["weight"].value_or(0.0), str(t, "label")});
    });
  } else if (name == "concerns") {
    p.concerns.clear();
    each(r, "concern", [&](const toml::table& t) {
      p.concerns.push_back({str(t, "id"), str(t, "kind"), str(t, "label"), str(t, "ask")});
    });
  } else if (name == "offer_checklist") {
    p.offer_checklist = {static_cast<int>(r["threshold"].value_or(3)), items(r, "item", "question")};
  } else if (name == "quick_filter") {
    p.quick_filter = {1, items(r, "item", "question")};
  } else if (name == "reflection") {
    p.reflection = {static_cast<int>(r["decline_at"].value_or(3)), items(r, "question", "text")};
  } else if (name == "clear") {
    p.clear.clear();
    each(r, "step", [&](const toml::table& t) {
      p.clear.push_back({str(t, "id"), str(t, "letter"), str(t, "title"), str(t, "prompt")});
    });
  } else if (name == "five_areas") {
    p.five_areas.clear();
    each(r, "area", [&](const toml::table& t) {
      p.five_areas.push_back({str(t, "id"), "", str(t, "title"), str(t, "prompt")});
    });
  } else if (name == "after_accepting") {
    p.after_accepting = {str(r, "default"), strs(r, "reopen_if"), items(r, "question", "text"), {}};
    each(r, "step", [&](const toml::table& t) { p.after_accepting.steps.push_back(str(t, "text")); });
  } else if (name == "false_alarms") {
    p.false_alarms.clear();
    each(r, "alarm", [&](const toml::table& t) { p.false_alarms.push_back({str(t, "id"), str(t, "label")}); });
    p.false_alarm_advice = r["advice"]["text"].value_or(std::string());
  } else if (name == "mobility") {
    p.mobility_factors.clear();
    p.mobility_rules.clear();
    each(r, "factor", [&](const toml::table& t) { p.mobility_factors.push_back({str(t, "id"), str(t, "label")}); });
    each(r, "rule", [&](const toml::table& t) {
      p.mobility_rules.push_back({str(t, "id"), str(t, "when"), str(t, "text")});
    });
  } else if (name == "non_negotiables") {
    p.non_negotiables_min = static_cast<int>(r["min_items"].value_or(3));
    p.non_negotiables_max = static_cast<int>(r["max_items"].value_or(5));
    p.non_negotiable_kinds.clear();
    each(r, "kind", [&](const toml::table& t) {
      p.non_negotiable_kinds.push_back({str(t, "id"), str(t, "pattern"), str(t, "label"), str(t, "concern")});
    });
  } else if (name == "rescind") {
    p.rescind_checks.clear();
    p.rescind_steps.clear();
    each(r, "check", [&](const toml::table& t) {
      p.rescind_checks.push_back({str(t, "id"), str(t, "text"), str(t, "field")});
    });
    each(r, "step", [&](const toml::table& t) { p.rescind_steps.push_back(str(t, "text")); });
  } else if (name == "channels") {
    p.channels = {};
    p.channels.close_rapport_rounds = static_cast<int>(r["close_rapport_rounds"].value_or(3));
    p.channels.confirm = str(r, "confirm");
    p.channels.unreachable = str(r, "unreachable");
    each(r, "rule", [&](const toml::table& t) {
      p.channels.rules.push_back({str(t, "id"), str(t, "when"), strs(t, "channels"), str(t, "text"), str(t, "note")});
    });
  } else if (name == "phrasebook") {
    auto& b = p.phrasebook;
    b = {};
    b.order = strs(r, "order");
    b.tones = strs(r, "tones");
    each(r, "channel", [&](const toml::table& t) {
      b.channels.push_back({str(t, "id"), strs(t, "parts"), static_cast<int>(t["max_chars"].value_or(int64_t{0})),
                            static_cast<int>(t["max_words"].value_or(int64_t{0})), strs(t, "drop")});
    });
    each(r, "kind", [&](const toml::table& t) {
      b.kinds.push_back({str(t, "id"), str(t, "label"), t["reason"].value_or(true), strs(t, "channels"), strs(t, "skip"),
                         strs(t, "stages"), str(t, "moves_to")});
    });
    each(r, "phrase", [&](const toml::table& t) {
      b.phrases.push_back({str(t, "part"), str(t, "kind"), str(t, "tone"), str(t, "channel"), strs(t, "text"),
                           str(t, "stage"), str(t, "reason")});
    });
    each(r, "question", [&](const toml::table& t) {
      b.questions.push_back({str(t, "kind"), str(t, "ask"), str(t, "answer")});
    });
  } else if (name == "check") {
    auto& k = p.check;
    k = {};
    k.speech_words_per_minute = r["speech_words_per_minute"].value_or(150.0);
    k.decline_kinds = strs(r, "decline_kinds");
    k.decline_signs = strs(r, "decline_signs");
    k.accept = strs(r, "accept");
    k.disable = strs(r, "disable");
    each(r, "check", [&](const toml::table& t) {
      CheckSpec c;
      c.rule = str(t, "rule");
      c.type = str(t, "type");
      c.severity = str(t, "severity");
      c.message = str(t, "message");
      c.suggestion = str(t, "suggestion");
      c.phrases = strs(t, "phrases");
      c.exceptions = strs(t, "exceptions");
      c.near = strs(t, "near");
      c.skip = strs(t, "skip");
      c.enclosed = strs(t, "enclosed");
      c.kinds = strs(t, "kinds");
      c.not_kinds = strs(t, "not_kinds");
      c.channels = strs(t, "channels");
      c.when = strs(t, "when");
      c.in = t["in"].value_or(std::string("all"));
      c.measure = str(t, "measure");
      c.unit = t["unit"].value_or(std::string("match"));
      c.at = t["at"].value_or(std::string("start"));
      c.min = static_cast<int>(t["min"].value_or(int64_t{-1}));
      c.max = static_cast<int>(t["max"].value_or(int64_t{-1}));
      c.case_sensitive = t["case_sensitive"].value_or(false);
      c.whole = t["whole"].value_or(false);
      c.enabled = t["enabled"].value_or(true);
      k.checks.push_back(std::move(c));
    });
  } else if (name == "timing") {
    p.timing = {};
    auto numbers = [&](std::string_view key, std::map<std::string, double>& into) {
      if (const auto* t = r[key].as_table()) {
        for (const auto& [k, v] : *t) into[std::string(k.str())] = v.value_or(0.0);
      }
    };
    numbers("windows", p.timing.windows);
    numbers("warnings", p.timing.warnings);
    if (const auto* t = r["rules"].as_table()) {
      for (const auto& [k, v] : *t) p.timing.rules[std::string(k.str())] = v.value_or(std::string());
    }
  }
}

// phrasebook.toml: known parts, kinds, tones, channels and variables; parts in the written order.
void semantic_phrasebook(const toml::table& r, const Playbook& others, Checker& c) {
  static const std::set<std::string> spoken = {"open", "pause", "questions", "close"};
  static const std::set<std::string> variables = {"company", "role", "contact_first_name", "name", "reason_line",
                                                  "answer_by", "terms", "personal", "signature"};
  auto order = strs(r, "order");
  auto tones = strs(r, "tones");
  std::set<std::string> parts(order.begin(), order.end());
  parts.insert(spoken.begin(), spoken.end());
  std::set<std::string> kinds, channels, reasons;
  std::set<std::string> stages(kStageNames.begin(), kStageNames.end());
  for (const auto& reason : others.reasons) reasons.insert(reason.code);
  each(r, "kind", [&](const toml::table& t) { kinds.insert(str(t, "id")); });
  each(r, "channel", [&](const toml::table& t) { channels.insert(str(t, "id")); });
  auto known = [&](const toml::table& t, std::string_view key, const std::set<std::string>& set,
                   const std::string& where, std::string_view what) {
    auto v = str(t, key);
    if (v.empty() || set.count(v)) return;
    std::string hint = did_you_mean(v, std::vector<std::string>(set.begin(), set.end()));
    c.add(line_of(t), where + std::string(key) + " '" + v + "' is not " + std::string(what) + (hint.empty() ? "" : " (" + hint + ")"));
  };
  auto templ = [&](const toml::table& t, const std::string& where, const std::string& text) {
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string::npos) {
      auto end = text.find("}}", pos);
      if (end == std::string::npos) {
        c.add(line_of(t), where + "'{{' without '}}' in \"" + text + "\"");
        return;
      }
      std::string var = text.substr(pos + 2, end - pos - 2);
      while (!var.empty() && (var.front() == ' ' || var.front() == '#' || var.front() == '^' || var.front() == '/' || var.front() == '{')) var.erase(0, 1);
      while (!var.empty() && (var.back() == ' ' || var.back() == '}')) var.pop_back();
      if (!variables.count(var)) {
        std::string hint = did_you_mean(var, std::vector<std::string>(variables.begin(), variables.end()));
        c.add(line_of(t), where + "unknown variable '{{" + var + "}}'" + (hint.empty() ? "" : " (" + hint + ")"));
      }
      pos = end + 2;
    }
  };
  std::size_t i = 0;
  each(r, "channel", [&](const toml::table& t) {
    std::string where = "channel[" + std::to_string(i++) + "]: ";
    std::size_t last = 0;
    bool ordered = true;
    for (const auto& part : strs(t, "parts")) {
      if (!parts.count(part)) {
        c.add(line_of(t), where + "part '" + part + "' is not a part kindly knows");
        continue;
      }
      auto it = std::find(order.begin(), order.end(), part);
      if (it == order.end()) continue;
      auto at = static_cast<std::size_t>(it - order.begin());
      if (at < last) ordered = false;
      last = at;
    }
    if (!ordered) c.add(line_of(t), where + "parts must follow the written order in `order`");
    for (const auto& part : strs(t, "drop")) {
      if (!parts.count(part)) c.add(line_of(t), where + "drop: part '" + part + "' is not a part kindly knows");
    }
    for (std::string_view key : {"max_chars", "max_words"}) {
      if (t[key].value_or(int64_t{0}) < 0) c.add(line_of(t), where + std::string(key) + " must be 0 or more");
    }
  });
  i = 0;
  each(r, "kind", [&](const toml::table& t) {
    std::string where = "kind[" + std::to_string(i++) + "]: ";
    for (const auto& ch : strs(t, "channels")) {
      if (!channels.count(ch)) c.add(line_of(t), where + "channel '" + ch + "' has no [[channel]] entry");
    }
    for (const auto& part : strs(t, "skip")) {
      if (!parts.count(part)) c.add(line_of(t), where + "skip: part '" + part + "' is not a part kindly knows");
    }
    for (const auto& st : strs(t, "stages")) {
      if (!stages.count(st)) c.add(line_of(t), where + "stages: '" + st + "' is not a stage");
    }
    known(t, "moves_to", stages, where, "a stage");
  });
  i = 0;
  each(r, "phrase", [&](const toml::table& t) {
    std::string where = "phrase[" + std::to_string(i++) + "]: ";
    known(t, "part", parts, where, "a part kindly knows");
    known(t, "stage", stages, where, "a stage");
    known(t, "reason", reasons, where, "a reason code of reasons.toml");
    known(t, "kind", kinds, where, "a [[kind]] of this file");
    known(t, "channel", channels, where, "a [[channel]] of this file");
    known(t, "tone", std::set<std::string>(tones.begin(), tones.end()), where, "one of `tones`");
    if (strs(t, "text").empty()) c.add(line_of(t), where + "text: give at least one variant");
    for (const auto& v : strs(t, "text")) templ(t, where, v);
  });
  i = 0;
  each(r, "question", [&](const toml::table& t) {
    std::string where = "question[" + std::to_string(i++) + "]: ";
    known(t, "kind", kinds, where, "a [[kind]] of this file");
    templ(t, where, str(t, "ask"));
    templ(t, where, str(t, "answer"));
  });
  for (const auto& kind : kinds) {
    bool has = false;
    each(r, "phrase", [&](const toml::table& t) { has = has || (str(t, "part") == "decision" && str(t, "kind") == kind); });
    if (!has) c.add(1, "kind '" + kind + "' has no decision phrase");
  }
}

// check.toml: known types, severities, places, measures, kinds, channels and conditions; each
// type has what it needs; phrases have a word in them.
void semantic_check(const toml::table& r, const Playbook& others, Checker& c) {
  auto list = [](const std::vector<std::string_view>& v) { return std::vector<std::string>(v.begin(), v.end()); };
  std::vector<std::string> kinds;
  for (const auto& k : others.phrasebook.kinds) kinds.push_back(k.id);
  std::vector<std::string> kinds_or_decline = kinds;
  kinds_or_decline.emplace_back("decline");
  std::vector<std::string> chans;
  for (const auto& ch : others.phrasebook.channels) chans.push_back(ch.id);
  auto one_of = [&](const toml::table& t, const std::string& where, std::string_view key, const std::string& value,
                    const std::vector<std::string>& known) {
    if (std::find(known.begin(), known.end(), value) != known.end()) return;
    std::string hint = did_you_mean(value, known);
    std::string all;
    for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
    c.add(line_of(t), where + std::string(key) + " '" + value + "' is not one of " + all +
                          (hint.empty() ? "" : " (" + hint + ")"));
  };
  auto has_word = [](const std::string& phrase) {
    return std::any_of(phrase.begin(), phrase.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
    });
  };
  double wpm = r["speech_words_per_minute"].value_or(0.0);
  if (wpm < 60 || wpm > 300)
    c.add(line_of(*r.get("speech_words_per_minute")), "speech_words_per_minute: must be between 60 and 300");
  for (const auto& k : strs(r, "decline_kinds")) one_of(r, "decline_kinds: ", "kind", k, kinds);
  std::set<std::string> ids;
  each(r, "check", [&](const toml::table& t) { ids.insert(str(t, "rule")); });
  for (const auto& id : strs(r, "disable")) {
    if (!ids.count(id)) one_of(r, "disable: ", "rule", id, std::vector<std::string>(ids.begin(), ids.end()));
  }
  std::size_t i = 0;
  each(r, "check", [&](const toml::table& t) {
    std::string where = "check[" + std::to_string(i++) + "] (" + str(t, "rule") + "): ";
    std::string rule = str(t, "rule");
    if (rule.empty() || !std::all_of(rule.begin(), rule.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
        }))
      c.add(line_of(t), where + "rule '" + rule + "' must be lower-case letters, digits and hyphens");
    std::string type = str(t, "type");
    one_of(t, where, "type", type, list(check_types()));
    one_of(t, where, "severity", str(t, "severity"), {"error", "warning", "info"});
    if (t.contains("in")) one_of(t, where, "in", str(t, "in"), {"all", "body", "subject"});
    if (t.contains("unit")) one_of(t, where, "unit", str(t, "unit"), {"match", "sentence"});
    if (t.contains("at")) one_of(t, where, "at", str(t, "at"), {"start", "end"});
    for (const auto& k : strs(t, "kinds")) one_of(t, where, "kind", k, kinds_or_decline);
    for (const auto& k : strs(t, "not_kinds")) one_of(t, where, "kind", k, kinds_or_decline);
    for (const auto& ch : strs(t, "channels")) one_of(t, where, "channel", ch, chans);
    for (const auto& w : strs(t, "when")) one_of(t, where, "when", w, list(check_conditions()));
    for (std::string_view key : {"phrases", "exceptions", "near", "skip"}) {
      for (const auto& ph : strs(t, key)) {
        if (!has_word(ph)) c.add(line_of(t), where + std::string(key) + ": \"" + ph + "\" has no word in it");
      }
    }
    for (const auto& e : strs(t, "enclosed")) {
      auto sp = e.find(' ');
      if (sp == std::string::npos || sp == 0 || sp + 1 >= e.size() || e.find(' ', sp + 1) != std::string::npos)
        c.add(line_of(t), where + "enclosed: \"" + e + "\" must be an opening and a closing mark with one space between, like \"[ ]\"");
    }
    bool phrases = !strs(t, "phrases").empty();
    auto min = t["min"].value_or(int64_t{-1});
    auto max = t["max"].value_or(int64_t{-1});
    if ((type == "required" || type == "forbidden") && !phrases && strs(t, "enclosed").empty())
      c.add(line_of(t), where + "a " + type + " check needs phrases (or enclosed marks)");
    if (type == "count" && (!phrases || max < 0))
      c.add(line_of(t), where + "a count check needs phrases and a max of 0 or more");
    if (type == "length") {
      if (min < 0 && max < 0) c.add(line_of(t), where + "a length check needs a min or a max");
      one_of(t, where, "measure", str(t, "measure"), {"words", "chars", "seconds", "sentences"});
    }
    if (type == "conditional" && !phrases && strs(t, "when").empty())
      c.add(line_of(t), where + "a conditional check needs phrases or when");
    if (!strs(t, "near").empty() && type != "conditional")
      c.add(line_of(t), where + "near: only a conditional check uses it");
    if (!strs(t, "skip").empty() && type != "length")
      c.add(line_of(t), where + "skip: only a length check uses it");
  });
}

// Checks that go beyond one file's shape: references between files and numbers in range.
std::vector<Diagnostic> semantic(std::string_view name, const toml::table& r, const Playbook& others,
                                 const std::string& shown_as) {
  Checker c(shown_as);
  auto concern_known = [&](const toml::table& t, const std::string& where) {
    auto id = str(t, "concern");
    if (id.empty()) return;
    if (!others.concern(id)) {
      std::vector<std::string> ids;
      for (const auto& k : others.concerns) ids.push_back(k.id);
      std::string hint = did_you_mean(id, ids);
      c.add(line_of(t), where + "concern '" + id + "' is not in concerns.toml" + (hint.empty() ? "" : " (" + hint + ")"));
    }
  };
  if (name == "offer_checklist" || name == "quick_filter") {
    std::size_t n = 0, i = 0;
    each(r, "item", [&](const toml::table& t) {
      ++n;
      concern_known(t, "item[" + std::to_string(i++) + "]: ");
      auto check = str(t, "check");
      if (!check.empty() && check != "base-vs-minimum" && check != "visa" && check != "relocation")
        c.add(line_of(t), "check '" + check + "' is not a rule kindly knows (base-vs-minimum, visa, relocation)");
    });
    if (name == "offer_checklist") {
      auto th = r["threshold"].value_or(int64_t{0});
      if (th < 1 || static_cast<std::size_t>(th) > n)
        c.add(line_of(*r.get("threshold")), "threshold: " + std::to_string(th) + " must be between 1 and the number of items (" + std::to_string(n) + ")");
    }
  } else if (name == "reflection") {
    std::size_t n = 0;
    each(r, "question", [&](const toml::table&) { ++n; });
    auto th = r["decline_at"].value_or(int64_t{0});
    if (th < 1 || static_cast<std::size_t>(th) > n)
      c.add(line_of(*r.get("decline_at")), "decline_at: " + std::to_string(th) + " must be between 1 and the number of questions (" + std::to_string(n) + ")");
  } else if (name == "reasons") {
    std::size_t i = 0;
    each(r, "reason", [&](const toml::table& t) { concern_known(t, "reason[" + std::to_string(i++) + "]: "); });
  } else if (name == "concerns") {
    std::size_t i = 0;
    each(r, "concern", [&](const toml::table& t) {
      auto kind = str(t, "kind");
      if (kind != "fixable" && kind != "structural")
        c.add(line_of(t), "concern[" + std::to_string(i) + "]: kind '" + kind + "' must be fixable or structural");
      ++i;
    });
  } else if (name == "compare") {
    double sum = 0;
    each(r, "criterion", [&](const toml::table& t) {
      double w = t["weight"].value_or(-1.0);
      if (w < 0) c.add(line_of(t), "criterion '" + str(t, "name") + "': weight must be 0 or more");
      sum += w;
    });
    if (std::abs(sum - 1.0) > 1e-6) c.add(1, "criterion weights add up to " + std::to_string(sum) + ", not 1");
    for (std::string_view key : {"years", "sign_on_spread_years"}) {
      auto v = r[key].value_or(int64_t{0});
      if (v < 1 || v > 10) c.add(line_of(*r.get(key)), std::string(key) + ": " + std::to_string(v) + " must be between 1 and 10");
    }
  } else if (name == "timing") {
    for (std::string_view key : {"windows", "warnings"}) {
      if (const auto* t = r[key].as_table()) {
        for (const auto& [k, v] : *t) {
          if (v.value_or(-1.0) < 0) c.add(line_of(v), std::string(key) + "." + std::string(k.str()) + ": must be 0 or more");
        }
      }
    }
    for (std::string_view need : {"outright_no_max", "after_interview_max", "decline_interview_max", "interview_near",
                                  "decision_window_min", "decision_window_max", "rescind_max"}) {
      if (const auto* t = r["windows"].as_table(); t && !t->contains(need))
        c.add(line_of(*t), "windows: missing '" + std::string(need) + "', which kindly's timing rules use");
    }
    for (std::string_view need : {"deadline_close", "visa_window_factor"}) {
      if (const auto* t = r["warnings"].as_table(); t && !t->contains(need))
        c.add(line_of(*t), "warnings: missing '" + std::string(need) + "', which kindly's warnings use");
    }
  } else if (name == "channels") {
    auto rounds = r["close_rapport_rounds"].value_or(int64_t{0});
    if (rounds < 1 || rounds > 20)
      c.add(line_of(*r.get("close_rapport_rounds")), "close_rapport_rounds: " + std::to_string(rounds) + " must be between 1 and 20");
    auto names = [](const std::vector<std::string_view>& v) {
      std::vector<std::string> out(v.begin(), v.end());
      return out;
    };
    std::size_t i = 0;
    each(r, "rule", [&](const toml::table& t) {
      std::string where = "rule[" + std::to_string(i++) + "]: ";
      const auto& conds = channel_conditions();
      auto when = str(t, "when");
      if (std::find(conds.begin(), conds.end(), when) == conds.end()) {
        std::string hint = did_you_mean(when, names(conds));
        c.add(line_of(t), where + "when '" + when + "' is not a condition kindly knows" + (hint.empty() ? "" : " (" + hint + ")"));
      }
      auto chans = strs(t, "channels");
      if (chans.empty()) c.add(line_of(t), where + "channels: name at least one channel");
      for (const auto& ch : chans) {
        const auto& known = channel_names();
        if (std::find(known.begin(), known.end(), ch) == known.end()) {
          std::string hint = did_you_mean(ch, names(known));
          c.add(line_of(t), where + "channel '" + ch + "' is not one kindly knows" + (hint.empty() ? "" : " (" + hint + ")"));
        }
      }
    });
  } else if (name == "check") {
    semantic_check(r, others, c);
  } else if (name == "phrasebook") {
    semantic_phrasebook(r, others, c);
  } else if (name == "stages") {
    static const std::set<std::string> actions = {"accept", "negotiate", "ask-for-time", "decline", "withdraw",
                                                  "decline-interview", "rescind", "defer", "leave", "evaluate", "re-engage"};
    std::size_t i = 0;
    each(r, "stage", [&](const toml::table& t) {
      if (!actions.count(str(t, "no")))
        c.add(line_of(t), "stage[" + std::to_string(i) + "]: no '" + str(t, "no") + "' is not an action kindly knows");
      ++i;
    });
  }
  return c.take();
}

struct Parsed {
  toml::table table;
  std::vector<Diagnostic> problems;
};

Parsed parse(std::string_view name, std::string_view text, const std::string& shown_as,
             const Playbook* others) {
  Parsed out;
  const FileSpec* spec = spec_for(name);
  if (!spec) {
    out.problems.push_back({shown_as, 0, "'" + std::string(name) + ".toml' is not a playbook file (known: " + [] {
      std::string s;
      for (const auto& f : specs()) s += (s.empty() ? "" : ", ") + std::string(f.name);
      return s;
    }() + ")"});
    return out;
  }
  try {
    out.table = toml::parse(text, shown_as);
  } catch (const toml::parse_error& e) {
    out.problems.push_back({shown_as, static_cast<int>(e.source().begin.line), std::string(e.description())});
    return out;
  }
  out.problems = validate(*spec, out.table, shown_as);
  if (out.problems.empty() && others) out.problems = semantic(name, out.table, *others, shown_as);
  return out;
}

Playbook load_builtin(bool with_check) {
  Playbook p;
  // Concerns first: the other files refer to them.
  std::vector<std::pair<std::string_view, toml::table>> tables;
  for (const auto& f : embedded_files()) {
    if (!with_check && f.name == "check") continue;  // the linter's rules: a quarter of the text
    auto parsed = parse(f.name, f.text, "built-in " + std::string(f.name) + ".toml", nullptr);
    if (!parsed.problems.empty()) {
      throw Error(ErrorKind::internal, "the built-in playbook is broken: " + parsed.problems.front().to_string());
    }
    read(p, f.name, parsed.table);
  }
  return p;
}

}  // namespace

const std::vector<std::string_view>& channel_conditions() {
  static const std::vector<std::string_view> v = {
      "rescinding",   "interview-within-24h",  "recruiter-represents", "spoken-offer", "close-rapport",
      "main-channel-linkedin", "emailed-offer", "early-formal",         "always"};
  return v;
}

const std::vector<std::string_view>& channel_names() {
  static const std::vector<std::string_view> v = {"phone", "video", "voicemail", "email", "linkedin"};
  return v;
}

const std::vector<std::string_view>& check_types() {
  static const std::vector<std::string_view> v = {"required", "forbidden", "count", "length", "conditional", "spelling"};
  return v;
}

const std::vector<std::string_view>& check_conditions() {
  static const std::vector<std::string_view> v = {"no-accepted-offer", "send-by-passed", "call-first"};
  return v;
}

std::string Diagnostic::to_string() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

double Timing::window(const std::string& name) const {
  auto it = windows.find(name);
  if (it == windows.end()) throw Error(ErrorKind::internal, "timing window '" + name + "' is missing from the playbook");
  return it->second;
}

double Timing::warning(const std::string& name) const {
  auto it = warnings.find(name);
  if (it == warnings.end()) throw Error(ErrorKind::internal, "timing warning '" + name + "' is missing from the playbook");
  return it->second;
}

template <typename V, typename K>
static const V* find_in(const std::vector<V>& v, K V::*key, std::string_view id) {
  for (const auto& x : v) {
    if (x.*key == id) return &x;
  }
  return nullptr;
}

const StageRule* Playbook::stage(std::string_view name) const { return find_in(stages, &StageRule::name, name); }
const Reason* Playbook::reason(std::string_view code) const { return find_in(reasons, &Reason::code, code); }
const Concern* Playbook::concern(std::string_view id) const { return find_in(concerns, &Concern::id, id); }
const Labelled* Playbook::false_alarm(std::string_view id) const { return find_in(false_alarms, &Labelled::id, id); }
const MobilityRule* Playbook::mobility_rule(std::string_view id) const {
  return find_in(mobility_rules, &MobilityRule::id, id);
}

const MessageKind* Phrasebook::kind(std::string_view id) const { return find_in(kinds, &MessageKind::id, id); }
const ChannelShape* Phrasebook::channel(std::string_view id) const { return find_in(channels, &ChannelShape::id, id); }

const Playbook& builtin() {
  static const Playbook p = load_builtin(true);
  return p;
}

namespace {
const Playbook& builtin_without_check() {
  static const Playbook p = load_builtin(false);
  return p;
}
}  // namespace

std::vector<std::string> file_names() {
  std::vector<std::string> out;
  for (const auto& f : embedded_files()) out.emplace_back(f.name);
  return out;
}

std::vector<FileInfo> files(const std::string& override_dir, std::vector<Diagnostic>* notices) {
  std::vector<FileInfo> out;
  for (const auto& f : embedded_files()) {
    FileInfo info{std::string(f.name), "built-in", std::string(f.text)};
    if (!override_dir.empty()) {
      std::string path = override_dir + "/" + std::string(f.name) + ".toml";
      std::error_code ec;
      if (std::filesystem::exists(path, ec)) {
        try {
          std::string text = read_file(path);
          auto parsed = parse(f.name, text, path, &builtin());
          if (parsed.problems.empty()) {
            info = {std::string(f.name), path, text};
          } else if (notices) {
            for (auto& d : parsed.problems) notices->push_back(d);
            notices->push_back({path, 0, "this override has problems; using the built-in " + std::string(f.name) + ".toml instead"});
          }
        } catch (const Error& e) {
          if (notices) notices->push_back({path, 0, std::string(e.what()) + "; using the built-in file"});
        }
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

Playbook load(const std::string& override_dir, std::vector<Diagnostic>* notices, bool with_check) {
  Playbook p = with_check ? builtin() : builtin_without_check();
  for (const auto& f : files(override_dir, notices)) {
    if (f.origin == "built-in") continue;
    if (!with_check && f.name == "check") continue;
    auto parsed = parse(f.name, f.text, f.origin, &p);
    if (parsed.problems.empty()) read(p, f.name, parsed.table);
  }
  return p;
}

std::vector<Diagnostic> check_text(const std::string& name, const std::string& text, const std::string& shown_as) {
  return parse(name, text, shown_as, &builtin()).problems;
}

std::vector<Diagnostic> check_file(const std::string& path) {
  std::string name = std::filesystem::path(path).stem().string();
  return check_text(name, read_file(path), path);
}

}  // namespace kindly::playbook
