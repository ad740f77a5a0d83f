// Deciding, countering, scoring and comparing, over the store.
#include "app/decide.h"

#include <cmath>
#include <set>

#include "app/decide_json.h"
#include "core/error.h"
#include "core/fields.h"
#include "core/stage.h"
#include "decide/non_negotiables.h"

namespace kindly {

namespace {


std::int64_t save_assessment(Context& ctx, const std::string& kind, const Opportunity& o,
                             const decide::Answers& a, const decide::Verdict& v) {
  Assessment as;
  as.opportunity_id = o.id;
  as.at = ctx.now();
  as.kind = kind;
  as.framework = std::string(decide::kFrameworkNames[static_cast<int>(v.framework)]);
  as.answers = to_json(a).dump();
  as.verdict = to_json(v, o.id).dump();
  auto id = ctx.store.add_assessment(as);
  std::string why;
  for (const auto& f : v.findings) {
    if (f.decisive) why = f.rule;
  }
  log_line(ctx, o.id, kind, "verdict: " + std::string(decide::action_name(v.action)) + (why.empty() ? "" : " (" + why + ")"));
  return id;
}

}  // namespace

decide::Situation situation_for(Context& ctx, const Opportunity& o, const Profile& profile,
                                std::vector<Opportunity>& others) {
  others = ctx.store.list({Scope::open, std::nullopt});
  return decide::Situation{o, profile, others, ctx.now()};
}

std::optional<decide::Answers> latest_answers(Context& ctx, const std::string& id) {
  auto as = ctx.store.latest_assessment(id);
  if (!as) return std::nullopt;
  return answers_from_json(Json::parse(as->answers));
}

DecideSetup prepare_decision(Context& ctx, const playbook::Playbook& pb, const std::string& id) {
  DecideSetup s{load(ctx, id), ctx.store.profile(), decide::Framework::offer, {}, std::nullopt};
  std::vector<Opportunity> others;
  auto sit = situation_for(ctx, s.opportunity, s.profile, others);
  s.framework = decide::framework_for(sit);
  s.prefill = decide::prefill(pb, sit);
  auto prev = latest_answers(ctx, s.opportunity.id);
  if (prev && prev->framework == s.framework) s.previous = prev;
  return s;
}

DecideResult decide_opportunity(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                                const decide::Answers& answers, bool save) {
  WriteTransaction tx(ctx.store);
  DecideResult r;
  r.opportunity = load(ctx, id);
  Profile profile = ctx.store.profile();
  std::vector<Opportunity> others;
  auto sit = situation_for(ctx, r.opportunity, profile, others);
  r.answers = answers;
  r.prefill = decide::prefill(pb, sit);
  r.verdict = decide::decide(pb, sit, answers);
  if (save) r.assessment_id = save_assessment(ctx, "decide", r.opportunity, answers, r.verdict);
  tx.commit();
  return r;
}

CounterResult counter_offer(Context& ctx, const playbook::Playbook& pb, const std::string& id,
                            const Assignments& terms) {
  if (terms.empty()) {
    throw_usage("no terms given", "for example: kindly counter ID base=130k sign_on=10k work_mode=hybrid");
  }
  for (const auto& [name, value] : terms) {
    const Field* f = find_field(name);
    if (!f) throw_unknown_field(name);
    if (f->group != "offer" && f->group != "mobility") {
      throw_usage("counter: '" + name + "' is not an offer term",
                  "counter takes offer terms (base, bonus, sign_on, equity, vesting, title, work_mode, start_date, "
                  "benefits) and mobility facts; use 'kindly set' for the rest");
    }
  }
  WriteTransaction tx(ctx.store);
  CounterResult r;
  Opportunity o = load(ctx, id);
  if (o.stage != Stage::offer && o.stage != Stage::negotiating) {
    throw Error(ErrorKind::conflict, o.id + " is at stage " + std::string(to_string(o.stage)) + ": counter terms are for offers",
                "record the offer first: kindly move " + o.id + " offer");
  }
  Profile profile = ctx.store.profile();
  decide::Answers answers = latest_answers(ctx, o.id).value_or(decide::Answers{});
  answers.framework = decide::Framework::offer;
  // Terms that change make the tracker's facts the evidence again: drop earlier answers about them.
  std::set<std::string> changed_kinds, changed_checks;
  for (const auto& [name, value] : terms) {
    const Field* f = find_field(name);
    std::string n(f->name);
    if (n == "base") changed_kinds.insert("min-base"), changed_checks.insert("base-vs-minimum");
    if (n == "visa") changed_kinds.insert("visa-sponsorship"), changed_checks.insert("visa");
    if (n == "work_mode") changed_kinds.insert("work-mode");
    if (n == "relocation") changed_kinds.insert("no-relocation"), changed_checks.insert("relocation");
  }
  for (auto it = answers.non_negotiables.begin(); it != answers.non_negotiables.end();) {
    it = changed_kinds.count(decide::parse_non_negotiable(it->first).kind) ? answers.non_negotiables.erase(it) : std::next(it);
  }
  for (const auto& item : pb.offer_checklist.items) {
    if (changed_checks.count(item.check)) answers.checklist.erase(item.id);
  }
  {
    std::vector<Opportunity> others;
    auto sit = situation_for(ctx, o, profile, others);
    r.before = decide::decide(pb, sit, answers);
  }
  r.set = set_fields_within(ctx, o.id, terms);
  std::vector<std::string> changed;
  for (const auto& c : r.set.changes) changed.push_back(c.field + " " + c.after);
  if (o.stage == Stage::offer) {
    r.set.opportunity.stage = Stage::negotiating;
    r.set.opportunity.updated_at = ctx.now();
    ctx.store.update(r.set.opportunity);
    log_line(ctx, o.id, "move", "moved offer → negotiating");
  }
  std::vector<Opportunity> others;
  auto sit = situation_for(ctx, r.set.opportunity, profile, others);
  r.after.opportunity = r.set.opportunity;
  r.after.answers = answers;
  r.after.prefill = decide::prefill(pb, sit);
  r.after.verdict = decide::decide_counter(pb, sit, answers, r.before, changed);
  r.after.assessment_id = save_assessment(ctx, "counter", r.set.opportunity, answers, r.after.verdict);
  tx.commit();
  return r;
}

std::map<std::string, double> set_scores(Context& ctx, const std::string& id, const Assignments& values) {
  if (values.empty()) throw_usage("no scores given", "for example: kindly score ID role=4 culture=3 trajectory=5");
  std::vector<std::pair<std::string, double>> parsed;
  for (const auto& [criterion, raw] : values) {
    char* end = nullptr;
    double v = std::strtod(raw.c_str(), &end);
    if (raw.empty() || *end != '\0' || !std::isfinite(v)) {
      throw_usage(criterion + ": '" + raw + "' is not a score", "scores are 1 to 5, e.g. " + criterion + "=4");
    }
    if (v < 1 || v > 5) {
      throw_usage(criterion + ": " + raw + " is out of range", "scores are 1 (poor) to 5 (excellent)");
    }
    if (criterion == "compensation") {
      // Allowed: it overrides the offer math for this opportunity.
    }
    parsed.emplace_back(criterion, v);
  }
  WriteTransaction tx(ctx.store);
  Opportunity o = load(ctx, id);
  for (const auto& [criterion, v] : parsed) {
    ctx.store.set_score(o.id, criterion, v);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    log_line(ctx, o.id, "score", "score " + criterion + " = " + buf);
  }
  auto all = ctx.store.scores(o.id);
  tx.commit();
  return all;
}

decide::Comparison compare(Context& ctx, const playbook::Playbook& pb, const std::vector<std::string>& ids,
                           const decide::CompareOptions& options) {
  std::vector<Opportunity> offers;
  if (ids.empty()) {
    for (auto& o : ctx.store.list({Scope::open, std::nullopt})) {
      if (o.stage == Stage::offer || o.stage == Stage::negotiating) offers.push_back(std::move(o));
    }
    if (offers.empty()) {
      throw Error(ErrorKind::not_found, "there are no open offers to compare",
                  "add one with 'kindly add COMPANY --stage offer --base …', or name opportunities: kindly compare ID ID");
    }
  } else {
    for (const auto& id : ids) offers.push_back(load(ctx, id));
  }
  decide::Scores scores;
  for (const auto& o : offers) scores[o.id] = ctx.store.scores(o.id);
  return decide::compare_offers(pb, offers, ctx.store.profile(), scores, options);
}

std::string set_weights(Context& ctx, const std::map<std::string, double>& weights) {
  double sum = 0;
  for (const auto& [k, w] : weights) {
    if (w < 0 || !std::isfinite(w)) throw_usage(k + ": a weight must be 0 or more");
    sum += w;
  }
  if (weights.empty() || sum <= 0) throw_usage("the weights must not all be 0", "e.g. kindly weights compensation=0.4 culture=0.6");
  std::string notice;
  std::map<std::string, double> normalised;
  for (const auto& [k, w] : weights) normalised[k] = w / sum;
  if (std::fabs(sum - 1.0) > 1e-9) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", sum);
    notice = std::string("the weights summed to ") + buf + "; normalised to 1";
  }
  WriteTransaction tx(ctx.store);
  Profile p = ctx.store.profile();
  p.weights = normalised;
  ctx.store.save_profile(p);
  std::string text;
  for (const auto& [k, w] : normalised) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s:%.3g", text.empty() ? "" : ",", k.c_str(), w);
    text += buf;
  }
  log_line(ctx, "", "profile", "profile weights = " + text);
  tx.commit();
  return notice;
}

}  // namespace kindly
