// JSON for answers and verdicts, so the CLI, the web and stored assessments share one shape.
#include "app/decide_json.h"

#include "core/error.h"
#include "core/suggest.h"

namespace kindly {

namespace {

using decide::Answer;

Answer answer_of(const Json& v, const std::string& where) {
  if (v.is_boolean()) return v.get<bool>() ? Answer::yes : Answer::no;
  if (v.is_string()) {
    auto s = v.get<std::string>();
    if (s == "yes" || s == "y" || s == "true") return Answer::yes;
    if (s == "no" || s == "n" || s == "false") return Answer::no;
    if (s == "unsure" || s == "?" || s == "not sure") return Answer::unsure;
    if (s.empty() || s == "unanswered") return Answer::unanswered;
  }
  throw_usage(where + ": expected yes, no or unsure, got " + v.dump());
}

std::map<std::string, Answer> answer_map(const Json& j, const std::string& key) {
  std::map<std::string, Answer> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_object()) throw_usage(key + ": expected an object of id: yes|no|unsure");
  for (const auto& [k, v] : j[key].items()) out[k] = answer_of(v, key + "." + k);
  return out;
}

std::vector<std::string> string_list(const Json& j, const std::string& key) {
  std::vector<std::string> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_array()) throw_usage(key + ": expected a list of strings");
  for (const auto& v : j[key]) {
    if (!v.is_string()) throw_usage(key + ": expected a list of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Json answer_map_json(const std::map<std::string, Answer>& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = std::string(decide::kAnswerNames[static_cast<int>(v)]);
  return j;
}

}  // namespace

decide::Answers answers_from_json(const Json& j) {
  if (!j.is_object()) throw_usage("the answers must be a JSON object", "see docs/decide.md for the shape");
  static const std::vector<std::string> keys = {"framework", "lean", "keen", "checklist", "quick_filter", "reflection",
                                                "questions", "non_negotiables", "mobility", "concerns", "false_alarms",
                                                "reason", "notes", "want_out", "sure"};
  for (const auto& [k, v] : j.items()) {
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
      std::string hint = did_you_mean(k, keys);
      throw_usage("answers: unknown key '" + k + "'", hint.empty() ? "see docs/decide.md for the shape" : hint);
    }
  }
  decide::Answers a;
  if (!j.contains("framework") || !j["framework"].is_string())
    throw_usage("answers: \"framework\" is missing", "one of invitation, after-accepting, offer, accepted");
  auto fw = parse_enum<decide::Framework>(j["framework"].get<std::string>(), decide::kFrameworkNames);
  if (!fw) throw_usage("framework: unknown framework '" + j["framework"].get<std::string>() + "'",
                       "one of invitation, after-accepting, offer, accepted");
  a.framework = *fw;
  if (j.contains("lean") && !j["lean"].is_null()) {
    if (!j["lean"].is_string()) throw_usage("lean: expected accept, decline or unsure");
    a.lean = j["lean"].get<std::string>();
  }
  auto flag = [&](const char* key) -> std::optional<bool> {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    if (!j[key].is_boolean()) throw_usage(std::string(key) + ": expected true or false");
    return j[key].get<bool>();
  };
  a.keen = flag("keen");
  a.want_out = flag("want_out");
  a.sure = flag("sure");
  a.checklist = answer_map(j, "checklist");
  a.quick_filter = answer_map(j, "quick_filter");
  a.reflection = answer_map(j, "reflection");
  a.questions = answer_map(j, "questions");
  a.non_negotiables = answer_map(j, "non_negotiables");
  a.mobility = answer_map(j, "mobility");
  a.concerns = string_list(j, "concerns");
  a.false_alarms = string_list(j, "false_alarms");
  if (j.contains("reason") && !j["reason"].is_null()) {
    if (!j["reason"].is_string()) throw_usage("reason: expected a reason code");
    a.reason = j["reason"].get<std::string>();
  }
  if (j.contains("notes") && !j["notes"].is_null()) {
    if (!j["notes"].is_object()) throw_usage("notes: expected an object of step: text");
    for (const auto& [k, v] : j["notes"].items()) {
      if (!v.is_string()) throw_usage("notes." + k + ": expected text");
      a.notes[k] = v.get<std::string>();
    }
  }
  return a;
}

Json to_json(const decide::Answers& a) {
  Json j;
  j["framework"] = std::string(decide::kFrameworkNames[static_cast<int>(a.framework)]);
  if (!a.lean.empty()) j["lean"] = a.lean;
  if (a.keen) j["keen"] = *a.keen;
  if (!a.checklist.empty()) j["checklist"] = answer_map_json(a.checklist);
  if (!a.quick_filter.empty()) j["quick_filter"] = answer_map_json(a.quick_filter);
  if (!a.reflection.empty()) j["reflection"] = answer_map_json(a.reflection);
  if (!a.questions.empty()) j["questions"] = answer_map_json(a.questions);
  if (!a.non_negotiables.empty()) j["non_negotiables"] = answer_map_json(a.non_negotiables);
  if (!a.mobility.empty()) j["mobility"] = answer_map_json(a.mobility);
  if (!a.concerns.empty()) j["concerns"] = a.concerns;
  if (!a.false_alarms.empty()) j["false_alarms"] = a.false_alarms;
  if (!a.reason.empty()) j["reason"] = a.reason;
  if (!a.notes.empty()) {
    Json n = Json::object();
    for (const auto& [k, v] : a.notes) n[k] = v;
    j["notes"] = n;
  }
  if (a.want_out) j["want_out"] = *a.want_out;
  if (a.sure) j["sure"] = *a.sure;
  return j;
}

Json to_json(const decide::Verdict& v, const std::string& id) {
  Json j;
  j["opportunity"] = id;
  j["action"] = std::string(decide::action_name(v.action));
  j["framework"] = std::string(decide::kFrameworkNames[static_cast<int>(v.framework)]);
  j["headline"] = v.headline;
  j["explanation"] = Json::array();
  for (const auto& f : v.findings) {
    j["explanation"].push_back({{"rule", f.rule},
                                {"evidence", f.evidence},
                                {"conclusion", f.conclusion},
                                {"supports", f.supports.empty() ? Json(nullptr) : Json(f.supports)},
                                {"decisive", f.decisive}});
  }
  auto concerns = [](const std::vector<decide::ConcernFound>& list) {
    Json arr = Json::array();
    for (const auto& c : list) {
      arr.push_back({{"id", c.id}, {"label", c.label}, {"evidence", c.evidence}, {"non_negotiable", c.non_negotiable}});
    }
    return arr;
  };
  j["concerns"] = {{"fixable", concerns(v.fixable)}, {"structural", concerns(v.structural)}};
  j["negotiate_for"] = v.negotiate_for;
  j["warnings"] = Json::array();
  for (const auto& w : v.warnings) j["warnings"].push_back({{"id", w.id}, {"text", w.text}});
  Json next;
  next["message_kind"] = v.next.message_kind.empty() ? Json(nullptr) : Json(v.next.message_kind);
  next["reason_code"] = v.next.reason_code.empty() ? Json(nullptr) : Json(v.next.reason_code);
  next["by"] = v.next.by ? Json(format_iso_utc(*v.next.by)) : Json(nullptr);
  next["timing_rule"] = v.next.timing_rule;
  next["channel_hint"] = v.next.channel_hint.empty() ? Json(nullptr) : Json(v.next.channel_hint);
  j["next_step"] = next;
  return j;
}

Json to_json(const decide::OfferMath& m) {
  Json j;
  j["id"] = m.id;
  j["currency"] = m.currency.empty() ? Json(nullptr) : Json(m.currency);
  j["known"] = m.known;
  j["years"] = Json::array();
  for (const auto& y : m.years) {
    j["years"].push_back({{"year", y.year}, {"base", y.base}, {"bonus", y.bonus}, {"equity", y.equity},
                          {"sign_on", y.sign_on}, {"total", y.total}});
  }
  j["average"] = m.average;
  j["rate"] = m.rate ? Json(*m.rate) : Json(nullptr);
  j["cost_of_living"] = m.cost_of_living ? Json(*m.cost_of_living) : Json(nullptr);
  j["comparable"] = m.comparable;
  j["assumptions"] = m.assumptions;
  j["risks"] = m.risks;
  return j;
}

}  // namespace kindly
