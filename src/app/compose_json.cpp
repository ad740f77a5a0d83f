// JSON for advice, drafts and saved messages.
#include "app/compose_json.h"

#include "core/error.h"

namespace kindly {

namespace {

Json when(const std::optional<Instant>& t) { return t ? Json(format_iso_utc(*t)) : Json(nullptr); }

std::optional<Instant> when_from(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (!j[key].is_string()) throw_usage(std::string("message: '") + key + "' must be a UTC time or null", "");
  auto t = parse_iso_utc(j[key].get<std::string>());
  if (!t) throw_usage(std::string("message: '") + key + "' is not a UTC time like 2026-03-02T09:00:00Z", "");
  return t;
}

std::string text_of(const Json& j, const char* key, bool required = false) {
  if (!j.contains(key)) {
    if (required) throw_usage(std::string("message: '") + key + "' is missing", "");
    return {};
  }
  if (!j[key].is_string()) throw_usage(std::string("message: '") + key + "' must be text", "");
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

SavedMessage saved_message_from_json(const Json& j) {
  if (!j.is_object()) throw_usage("message: expected an object", "");
  SavedMessage m;
  if (j.contains("id")) {
    if (!j["id"].is_number_integer()) throw_usage("message: 'id' must be a whole number", "");
    m.id = j["id"].get<std::int64_t>();
  }
  m.opportunity_id = text_of(j, "opportunity_id", true);
  m.kind = text_of(j, "kind", true);
  m.channel = text_of(j, "channel", true);
  m.tone = text_of(j, "tone");
  m.reason = text_of(j, "reason");
  if (j.contains("variant") && j["variant"].is_number_integer()) m.variant = j["variant"].get<std::int64_t>();
  m.recipient = text_of(j, "recipient");
  m.subject = text_of(j, "subject");
  m.body = text_of(j, "body");
  m.status = text_of(j, "status");
  if (m.status.empty()) m.status = "draft";
  if (m.status != "draft" && m.status != "sent") throw_usage("message: 'status' must be draft or sent", "");
  m.origin = text_of(j, "origin");
  if (m.origin.empty()) m.origin = "draft";
  auto created = when_from(j, "created_at");
  m.created_at = created.value_or(Instant{});
  m.send_by = when_from(j, "send_by");
  m.sent_at = when_from(j, "sent_at");
  return m;
}

}  // namespace kindly
