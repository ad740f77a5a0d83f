// JSON conversion driven by the field table.
#include "app/json.h"

#include "core/error.h"
#include "core/fields.h"
#include "core/stage.h"

namespace kindly {

namespace {

Json field_json(const Field& f, const std::optional<std::string>& v) {
  if (!v) return nullptr;
  switch (f.type) {
    case FieldType::count:
    case FieldType::money:
      return std::stoll(*v);
    case FieldType::flag:
      return *v == "yes";
    default:
      return *v;
  }
}

std::string text_of(const Json& v, const Field& f, const std::string& where) {
  switch (f.type) {
    case FieldType::count:
    case FieldType::money:
      if (!v.is_number_integer()) throw_usage(where + ": expected a whole number");
      return std::to_string(v.get<long long>());
    case FieldType::flag:
      if (!v.is_boolean()) throw_usage(where + ": expected true or false");
      return v.get<bool>() ? "yes" : "no";
    default:
      if (!v.is_string()) throw_usage(where + ": expected a string");
      return v.get<std::string>();
  }
}

std::string str(const Json& j, const char* key, const std::string& where, bool required = false) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw_usage(where + "." + key + ": missing");
    return {};
  }
  if (!it->is_string()) throw_usage(where + "." + key + ": expected a string");
  return it->get<std::string>();
}

Instant instant(const Json& j, const char* key, const std::string& where) {
  auto s = str(j, key, where, true);
  auto t = parse_iso_utc(s);
  if (!t) throw_usage(where + "." + key + ": '" + s + "' is not a UTC time like 2026-03-06T17:00:00Z");
  return *t;
}

void require_object(const Json& j, const std::string& where) {
  if (!j.is_object()) throw_usage(where + ": expected an object");
}

}  // namespace

Json to_json(const Opportunity& o) {
  Json j;
  j["id"] = o.id;
  j["stage"] = std::string(to_string(o.stage));
  for (const auto& f : opportunity_fields()) j[std::string(f.name)] = field_json(f, f.get(o));
  j["created_at"] = format_iso_utc(o.created_at);
  j["updated_at"] = format_iso_utc(o.updated_at);
  return j;
}

Json to_json(const Contact& c) {
  Json j;
  j["id"] = c.id;
  j["opportunity_id"] = c.opportunity_id;
  j["name"] = c.name;
  j["role"] = std::string(enum_name(c.role, kContactRoleNames));
  j["email"] = c.email.empty() ? Json(nullptr) : Json(c.email);
  j["phone"] = c.phone.empty() ? Json(nullptr) : Json(c.phone);
  j["linkedin"] = c.linkedin.empty() ? Json(nullptr) : Json(c.linkedin);
  j["agency"] = c.agency;
  j["notes"] = c.notes.empty() ? Json(nullptr) : Json(c.notes);
  return j;
}

Json to_json(const LogEntry& e) {
  Json j;
  j["id"] = e.id;
  j["at"] = format_iso_utc(e.at);
  j["opportunity_id"] = e.opportunity_id.empty() ? Json(nullptr) : Json(e.opportunity_id);
  j["kind"] = e.kind;
  j["text"] = e.text;
  return j;
}

Json to_json(const Profile& p) {
  Json j;
  auto opt = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  j["name"] = opt(p.name);
  j["email"] = opt(p.email);
  j["phone"] = opt(p.phone);
  j["signature"] = opt(p.signature);
  j["timezone"] = opt(p.timezone);
  j["goals"] = opt(p.goals);
  j["non_negotiables"] = p.non_negotiables;
  Json w = Json::object();
  for (const auto& [k, v] : p.weights) w[k] = v;
  j["weights"] = w;
  return j;
}

Json to_json(const Assessment& a) {
  Json j;
  j["id"] = a.id;
  j["opportunity_id"] = a.opportunity_id;
  j["at"] = format_iso_utc(a.at);
  j["kind"] = a.kind;
  j["framework"] = a.framework;
  j["answers"] = Json::parse(a.answers);
  j["verdict"] = Json::parse(a.verdict);
  return j;
}

Json to_json(const Score& s) {
  Json j;
  j["opportunity_id"] = s.opportunity_id;
  j["criterion"] = s.criterion;
  j["score"] = s.score;
  return j;
}

Assessment assessment_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  Assessment a;
  if (!j.contains("id") || !j["id"].is_number_integer() || j["id"].get<std::int64_t>() < 1)
    throw_usage(where + ".id: expected a whole number of 1 or more");
  a.id = j["id"].get<std::int64_t>();
  a.opportunity_id = str(j, "opportunity_id", where, true);
  a.at = instant(j, "at", where);
  a.kind = str(j, "kind", where, true);
  a.framework = str(j, "framework", where, true);
  for (const char* key : {"answers", "verdict"}) {
    if (!j.contains(key) || !j[key].is_object()) throw_usage(where + "." + key + ": expected an object");
  }
  a.answers = j["answers"].dump();
  a.verdict = j["verdict"].dump();
  return a;
}

Score score_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  Score s;
  s.opportunity_id = str(j, "opportunity_id", where, true);
  s.criterion = str(j, "criterion", where, true);
  if (!j.contains("score") || !j["score"].is_number()) throw_usage(where + ".score: expected a number from 1 to 5");
  s.score = j["score"].get<double>();
  if (s.score < 1 || s.score > 5) throw_usage(where + ".score: " + j["score"].dump() + " is not between 1 and 5");
  return s;
}

Opportunity opportunity_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  Opportunity o;
  o.id = str(j, "id", where, true);
  if (o.id.empty()) throw_usage(where + ".id: cannot be empty");
  o.stage = parse_stage(str(j, "stage", where, true), where + ".stage");
  for (const auto& [key, value] : j.items()) {
    if (key == "id" || key == "stage" || key == "created_at" || key == "updated_at") continue;
    const Field* f = find_field(key);
    if (!f) throw_usage(where + ": unknown field '" + key + "'");
    if (value.is_null()) continue;
    std::string text = text_of(value, *f, where + "." + key);
    try {
      check_canonical(*f, text);
    } catch (const Error& e) {
      throw_usage(where + "." + e.what());
    }
    f->put(o, text);
  }
  if (o.company.empty()) throw_usage(where + ".company: missing");
  o.created_at = instant(j, "created_at", where);
  o.updated_at = instant(j, "updated_at", where);
  return o;
}

Contact contact_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  Contact c;
  if (!j.contains("id") || !j["id"].is_number_integer()) throw_usage(where + ".id: expected a whole number");
  c.id = j["id"].get<std::int64_t>();
  c.opportunity_id = str(j, "opportunity_id", where, true);
  c.name = str(j, "name", where, true);
  auto role = str(j, "role", where, true);
  auto r = parse_enum<ContactRole>(role, kContactRoleNames);
  if (!r) throw_usage(where + ".role: unknown contact role '" + role + "'", "accepted: " + join_names(kContactRoleNames));
  c.role = *r;
  c.email = str(j, "email", where);
  if (!c.email.empty() && !valid_email(c.email)) throw_usage(where + ".email: '" + c.email + "' is not an email address");
  c.phone = str(j, "phone", where);
  c.linkedin = str(j, "linkedin", where);
  c.agency = j.value("agency", false);
  c.notes = str(j, "notes", where);
  return c;
}

LogEntry log_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  LogEntry e;
  if (!j.contains("id") || !j["id"].is_number_integer()) throw_usage(where + ".id: expected a whole number");
  e.id = j["id"].get<std::int64_t>();
  e.at = instant(j, "at", where);
  e.opportunity_id = str(j, "opportunity_id", where);
  e.kind = str(j, "kind", where, true);
  e.text = str(j, "text", where, true);
  return e;
}

Profile profile_from_json(const Json& j, const std::string& where) {
  require_object(j, where);
  Profile p;
  p.name = str(j, "name", where);
  p.email = str(j, "email", where);
  p.phone = str(j, "phone", where);
  p.signature = str(j, "signature", where);
  p.timezone = str(j, "timezone", where);
  p.goals = str(j, "goals", where);
  if (j.contains("non_negotiables") && !j["non_negotiables"].is_null()) {
    for (const auto& item : j["non_negotiables"]) {
      if (!item.is_string()) throw_usage(where + ".non_negotiables: expected strings");
      p.non_negotiables.push_back(item.get<std::string>());
    }
  }
  if (j.contains("weights") && !j["weights"].is_null()) {
    if (!j["weights"].is_object()) throw_usage(where + ".weights: expected an object");
    for (const auto& [k, v] : j["weights"].items()) {
      if (!v.is_number() || v.get<double>() < 0) throw_usage(where + ".weights." + k + ": expected a number of 0 or more");
      p.weights[k] = v.get<double>();
    }
  }
  return p;
}

}  // namespace kindly
