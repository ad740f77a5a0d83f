// JSON for advice, drafts and saved messages.
#include "app/compose_json.h"

#include "core/error.h"

namespace kindly {

namespace {

Json when(const std::optional<Instant>& t) { return t ? Json(format_iso_utc(*t)) : Json(nullptr); }

std::optional<Instant> when_from(const Json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  auto t = j[key].is_string() ? parse_iso_utc(j[key].get<std::string>()) : std::nullopt;
  if (!t) throw_usage(where + "." + key + ": expected a UTC time like 2026-03-02T09:00:00Z, or null");
  return t;
}

std::string text_of(const Json& j, const char* key, const std::string& where, bool required = false) {
  if (!j.contains(key)) {
    if (required) throw_usage(where + "." + key + ": missing");
    return {};
  }
  if (!j[key].is_string()) throw_usage(where + "." + key + ": expected text");
  return j[key].get<std::string>();
}

}  // namespace

Json to_json(const AdviseResult& r, const date::time_zone* tz) {
  const auto& a = r.advice;
  Json steps = Json::array();
  for (const auto& s : a.steps) {
    steps.push_back({{"channel", s.channel},
                     {"kind", s.kind},
                     {"to", s.to},
                     {"contact_id", s.contact_id ? Json(*s.contact_id) : Json(nullptr)},
                     {"purpose", s.purpose},
                     {"prepare", s.prepare},
                     {"if_unreachable", s.if_unreachable},
                     {"rule", s.rule}});
  }
  return {{"id", r.opportunity.id},
          {"verdict",
           {{"action", std::string(decide::action_name(r.verdict.action))},
            {"message_kind", r.verdict.next.message_kind},
            {"reason", r.verdict.next.reason_code},
            {"from_answers", r.from_answers}}},
          {"rule", {{"id", a.rule.id}, {"explanation", a.rule.explanation}, {"evidence", a.rule.evidence}}},
          {"steps", steps},
          {"now", a.now},
          {"send_by", when(a.send_by)},
          {"send_by_local", a.send_by ? Json(format_local(*a.send_by, tz)) : Json(nullptr)},
          {"send_by_rule", a.send_by_rule},
          {"also_held", a.skipped}};
}

Json to_json(const compose::Message& m) {
  Json parts = Json::array();
  for (const auto& p : m.parts) parts.push_back({{"part", p.part}, {"text", p.text}});
  return {{"kind", m.kind}, {"channel", m.channel}, {"subject", m.subject}, {"body", m.body}, {"parts", parts}};
}

Json to_json(const SavedMessage& m) {
  return {{"id", m.id},
          {"opportunity_id", m.opportunity_id},
          {"kind", m.kind},
          {"channel", m.channel},
          {"tone", m.tone},
          {"reason", m.reason},
          {"variant", m.variant},
          {"recipient", m.recipient},
          {"subject", m.subject},
          {"body", m.body},
          {"status", m.status},
          {"origin", m.origin},
          {"created_at", format_iso_utc(m.created_at)},
          {"send_by", when(m.send_by)},
          {"sent_at", when(m.sent_at)}};
}

SavedMessage saved_message_from_json(const Json& j, const std::string& where) {
  if (!j.is_object()) throw_usage(where + ": expected an object");
  SavedMessage m;
  if (j.contains("id")) {
    if (!j["id"].is_number_integer() || j["id"].get<std::int64_t>() < 1) {
      throw_usage(where + ".id: expected a whole number of 1 or more");
    }
    m.id = j["id"].get<std::int64_t>();
  }
  m.opportunity_id = text_of(j, "opportunity_id", where, true);
  m.kind = text_of(j, "kind", where, true);
  m.channel = text_of(j, "channel", where, true);
  m.tone = text_of(j, "tone", where);
  m.reason = text_of(j, "reason", where);
  if (j.contains("variant")) {
    if (!j["variant"].is_number_integer()) throw_usage(where + ".variant: expected a whole number");
    m.variant = j["variant"].get<std::int64_t>();
  }
  m.recipient = text_of(j, "recipient", where);
  m.subject = text_of(j, "subject", where);
  m.body = text_of(j, "body", where);
  m.status = text_of(j, "status", where);
  if (m.status.empty()) m.status = "draft";
  if (m.status != "draft" && m.status != "sent") throw_usage(where + ".status: expected draft or sent");
  m.origin = text_of(j, "origin", where);
  if (m.origin.empty()) m.origin = "draft";
  m.created_at = when_from(j, "created_at", where).value_or(Instant{});
  m.send_by = when_from(j, "send_by", where);
  m.sent_at = when_from(j, "sent_at", where);
  return m;
}

}  // namespace kindly
