// Text layout of a verdict.
#include "cli/verdict_view.h"

#include "app/decide_json.h"
#include "cli/format.h"

namespace kindly::cli {

namespace {

// Wraps `text` at `width` columns, indenting continuation lines by `indent` spaces.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 96) {
  std::string out, line;
  std::size_t start = 0;
  auto flush = [&] {
    if (!out.empty()) out += "\n" + std::string(indent, ' ');
    out += line;
    line.clear();
  };
  while (start < text.size()) {
    auto sp = text.find(' ', start);
    std::string word = text.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) + indent > width) flush();
    line += (line.empty() ? "" : " ") + word;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  if (!line.empty()) flush();
  return out;
}

}  // namespace

std::string format_verdict(const decide::Verdict& v, const Opportunity& o, Instant now,
                           const date::time_zone* tz) {
  std::string out = o.id + ": " + std::string(decide::action_name(v.action)) + " — " + v.headline + "\n";
  out += "\nWhy (framework: " + std::string(decide::kFrameworkNames[static_cast<int>(v.framework)]) + ")\n";
  for (const auto& f : v.findings) {
    std::string mark = f.decisive ? "»" : f.supports.empty() ? "·" : "-";
    out += "  " + mark + " " + f.rule + (f.decisive ? "  [decisive]" : "") + "\n";
    out += "      " + wrap(f.evidence, 6) + "\n";
    out += "      → " + wrap(f.conclusion, 8) + "\n";
  }
  if (!v.fixable.empty() || !v.structural.empty()) {
    out += "\nConcerns\n";
    for (const auto* list : {&v.fixable, &v.structural}) {
      for (const auto& c : *list) {
        std::string kind = list == &v.fixable ? "fixable   " : "structural";
        out += "  " + kind + "  " + wrap(c.label + " — " + (c.non_negotiable ? "a non-negotiable: " : "") + c.evidence, 14) + "\n";
      }
    }
  }
  if (!v.negotiate_for.empty()) {
    out += "\nNegotiate for\n";
    for (const auto& t : v.negotiate_for) out += "  - " + wrap(t, 4) + "\n";
  }
  if (!v.warnings.empty()) {
    out += "\nWarnings\n";
    for (const auto& w : v.warnings) out += "  ! " + wrap(w.text, 4) + "\n";
  }
  out += "\nNext\n";
  if (!v.next.message_kind.empty()) {
    out += "  message  " + v.next.message_kind + (v.next.reason_code.empty() || v.next.reason_code == "none" ? "" : " (reason: " + v.next.reason_code + ")") + "\n";
  }
  if (v.next.by) {
    bool at_deadline = o.offer_deadline && *o.offer_deadline == *v.next.by;
    out += "  by       " + format_local(*v.next.by, tz) + " (" + format_relative(*v.next.by, now, tz) +
           (at_deadline ? ", the offer deadline" : "") + ")\n";
  }
  if (!v.next.timing_rule.empty()) out += "  rule     " + wrap(v.next.timing_rule, 11) + "\n";
  if (!v.next.channel_hint.empty()) out += "  channel  " + v.next.channel_hint + "\n";
  return out;
}

Json verdict_json(const DecideResult& r) {
  Json j = to_json(r.verdict, r.opportunity.id);
  j["answers"] = to_json(r.answers);
  j["assessment_id"] = r.assessment_id ? Json(r.assessment_id) : Json(nullptr);
  return j;
}

}  // namespace kindly::cli
