// Reading non-negotiables and checking offers against them.
#include "decide/non_negotiables.h"

#include <cctype>
#include <cmath>

#include "core/fields.h"

namespace kindly::decide {

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The first amount in the text: "120000", "120,000", "120k".
std::optional<std::int64_t> amount_in(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
    std::string digits;
    std::size_t j = i;
    bool dot = false;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == ',' || (s[j] == '.' && !dot))) {
      if (s[j] == '.') dot = true;
      if (s[j] != ',') digits += s[j];
      ++j;
    }
    double v = std::stod(digits);
    if (j < s.size() && (s[j] == 'k' || s[j] == 'K')) v *= 1000;
    return static_cast<std::int64_t>(std::llround(v));
  }
  return std::nullopt;
}

bool has(const std::string& s, std::string_view word) { return s.find(word) != std::string::npos; }

}  // namespace

NonNegotiable parse_non_negotiable(const std::string& text) {
  NonNegotiable nn;
  nn.text = text;
  std::string s = lower(text);
  if ((has(s, "base") || has(s, "salary")) && amount_in(s)) {
    nn.kind = "min-base";
    nn.amount = amount_in(s);
    nn.concern = "salary";
  } else if (has(s, "visa") || has(s, "sponsor")) {
    nn.kind = "visa-sponsorship";
    nn.concern = "visa-support";
  } else if (has(s, "no relocation") || has(s, "no move") || has(s, "not relocate") || has(s, "no relocating")) {
    nn.kind = "no-relocation";
    nn.concern = "relocation-package";
  } else if (has(s, "remote") || has(s, "hybrid") || has(s, "onsite") || has(s, "on-site")) {
    nn.kind = "work-mode";
    nn.concern = "remote";
    if (has(s, "onsite") || has(s, "on-site")) nn.modes.push_back(WorkMode::onsite);
    if (has(s, "hybrid")) nn.modes.push_back(WorkMode::hybrid);
    if (has(s, "remote")) nn.modes.push_back(WorkMode::remote);
  } else {
    nn.kind = "free-text";
  }
  return nn;
}

NonNegotiableCheck check_non_negotiable(const NonNegotiable& nn, const Opportunity& o) {
  auto money = [&](std::int64_t v) {
    return group_thousands(v) + (o.currency.empty() ? "" : " " + o.currency);
  };
  if (nn.kind == "min-base") {
    if (!o.base) return {Answer::unanswered, "the base salary is not recorded yet"};
    if (*o.base < *nn.amount)
      return {Answer::no, "base " + money(*o.base) + " is below your minimum of " + group_thousands(*nn.amount)};
    return {Answer::yes, "base " + money(*o.base) + " meets your minimum of " + group_thousands(*nn.amount)};
  }
  if (nn.kind == "visa-sponsorship") {
    if (!o.visa) return {Answer::unanswered, "visa sponsorship is not recorded yet"};
    switch (*o.visa) {
      case Visa::offered:
        return {Answer::yes, "visa sponsorship is offered"};
      case Visa::not_needed:
        return {Answer::yes, "no visa is needed"};
      case Visa::uncertain:
        return {Answer::unsure, "visa sponsorship is uncertain"};
      case Visa::none:
        return {Answer::no, "no visa sponsorship"};
    }
  }
  if (nn.kind == "work-mode") {
    if (!o.work_mode) return {Answer::unanswered, "the way of working is not recorded yet"};
    std::string wanted;
    for (std::size_t i = 0; i < nn.modes.size(); ++i)
      wanted += (i ? (i + 1 == nn.modes.size() ? " or " : ", ") : "") + std::string(enum_name(nn.modes[i], kWorkModeNames));
    std::string is(enum_name(*o.work_mode, kWorkModeNames));
    for (WorkMode m : nn.modes) {
      if (m == *o.work_mode) return {Answer::yes, "the offer is " + is + ", as you need"};
    }
    return {Answer::no, "the offer is " + is + "; you need " + wanted};
  }
  if (nn.kind == "no-relocation") {
    if (!o.relocation) return {Answer::unanswered, "whether you must move is not recorded yet"};
    if (*o.relocation) return {Answer::no, "the job needs you to move"};
    return {Answer::yes, "no move is needed"};
  }
  return {Answer::unanswered, "kindly cannot check this one; your answer counts"};
}

}  // namespace kindly::decide
