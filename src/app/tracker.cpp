// The tracker's use cases: load → change values → save in one transaction → return the result.
#include "app/tracker.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "core/ids.h"
#include "core/stage.h"
#include "core/suggest.h"

namespace kindly {

const date::time_zone* zone_for(const Profile& p) {
  return p.timezone.empty() ? default_zone() : find_zone(p.timezone);
}

namespace {

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}


std::string shown(const Field& f, const std::optional<std::string>& v, const date::time_zone* tz) {
  return v ? display_field(f, *v, tz) : std::string();
}

// Applies assignments to `o`, validating every value before anything changes.
std::vector<Change> apply(Context& ctx, Opportunity& o, const Assignments& fields) {
  struct Pending {
    const Field* field;
    std::optional<std::string> value;
  };
  std::vector<Pending> pending;
  for (const auto& [name, raw] : fields) {
    const Field* f = find_field(name);
    if (!f) {
      if (name == "stage") {
        throw_usage("the stage is changed with 'kindly move ID STAGE', not with set",
                    "try: kindly move " + (o.id.empty() ? std::string("ID") : o.id) + " " + raw);
      }
      if (name == "id") throw_usage("an opportunity's id cannot be changed", "");
      throw_unknown_field(name);
    }
    auto value = parse_field(*f, raw, ctx.parse_context());
    if ((f->name == "company") && !value) {
      throw_usage("company: cannot be empty", "give the employer's name");
    }
    pending.push_back({f, value});
  }
  std::vector<Change> changes;
  for (const auto& p : pending) {
    auto before = p.field->get(o);
    if (before == p.value) continue;
    p.field->put(o, p.value);
    changes.push_back({std::string(p.field->name), shown(*p.field, before, ctx.tz),
                       shown(*p.field, p.value, ctx.tz)});
  }
  return changes;
}

std::string unique_id(Store& store, const std::string& base) {
  if (!store.id_exists(base)) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    if (!store.id_exists(candidate)) return candidate;
  }
}

std::string describe(const Change& c) {
  if (c.before.empty()) return c.field + " = " + c.after;
  if (c.after.empty()) return c.field + " cleared (was " + c.before + ")";
  return c.field + ": " + c.before + " → " + c.after;
}

}  // namespace

std::int64_t log_line(Context& ctx, const std::string& id, std::string kind, std::string text) {
  LogEntry e;
  e.at = ctx.now();
  e.opportunity_id = id;
  e.kind = std::move(kind);
  e.text = std::move(text);
  return ctx.store.append_log(e);
}

Assignments parse_assignments(const std::vector<std::string>& words) {
  Assignments out;
  for (const auto& w : words) {
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw_usage("expected FIELD=VALUE, got '" + w + "'",
                  "for example: base=120000 offer_deadline=friday; an empty value clears a field");
    }
    out.emplace_back(trim(w.substr(0, eq)), w.substr(eq + 1));
  }
  return out;
}

std::string resolve_id(Store& store, const std::string& raw) {
  std::string key = trim(raw);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key.empty()) throw_usage("an opportunity id is needed", "see 'kindly list' for the ids");
  if (store.id_exists(key)) return key;
  auto candidates = store.ids_with_prefix(key, 11);
  if (candidates.size() == 1) return candidates.front();
  if (candidates.size() > 1) {
    std::string list;
    for (std::size_t i = 0; i < candidates.size() && i < 10; ++i) list += (i ? ", " : "") + candidates[i];
    if (candidates.size() > 10) list += ", …";
    throw_usage("'" + key + "' matches several opportunities: " + list,
                "type more of the id to pick one");
  }
  std::string hint = did_you_mean(key, store.all_ids());
  throw Error(ErrorKind::not_found, "no opportunity '" + key + "'",
              hint.empty() ? "see 'kindly list --all' for the ids" : hint);
}

Opportunity load(Context& ctx, const std::string& id_or_prefix) {
  auto id = resolve_id(ctx.store, id_or_prefix);
  auto o = ctx.store.find(id);
  if (!o) throw Error(ErrorKind::not_found, "no opportunity '" + id + "'");
  return *o;
}

Opportunity add_opportunity(Context& ctx, const AddRequest& req) {
  Opportunity o;
  Assignments fields;
  fields.emplace_back("company", req.company);
  if (!req.role.empty()) fields.emplace_back("role", req.role);
  fields.insert(fields.end(), req.fields.begin(), req.fields.end());
  if (trim(req.company).empty()) throw_usage("company: cannot be empty", "kindly add COMPANY --role ROLE");
  if (!req.stage.empty()) o.stage = parse_stage(req.stage);
  WriteTransaction tx(ctx.store);
  apply(ctx, o, fields);
  o.id = unique_id(ctx.store, make_id(o.company, o.role));
  o.created_at = o.updated_at = ctx.now();
  ctx.store.insert(o);
  log_line(ctx, o.id, "created",
           "added " + o.company + (o.role.empty() ? "" : ", " + o.role) + " at stage " +
               std::string(to_string(o.stage)));
  tx.commit();
  return o;
}

SetResult set_fields_within(Context& ctx, const std::string& id, const Assignments& fields) {
  if (fields.empty()) throw_usage("nothing to set", "give FIELD=VALUE pairs, e.g. base=120000");
  Opportunity o = load(ctx, id);
  auto changes = apply(ctx, o, fields);
  if (!changes.empty()) {
    o.updated_at = ctx.now();
    ctx.store.update(o);
    for (const auto& c : changes) log_line(ctx, o.id, "set", describe(c));
  }
  return {o, changes};
}

SetResult set_fields(Context& ctx, const std::string& id, const Assignments& fields) {
  WriteTransaction tx(ctx.store);
  auto r = set_fields_within(ctx, id, fields);
  tx.commit();
  return r;
}

MoveResult move_opportunity(Context& ctx, const std::string& id, const std::string& stage,
                            const std::string& at) {
  Stage to = parse_stage(stage);
  Instant when = ctx.now();
  if (!at.empty()) {
    auto t = parse_when(at, ctx.now(), ctx.tz);
    if (!t) {
      throw_usage("--at: cannot read '" + at + "' as a date",
                  "use 2026-03-06, 2026-03-06 14:00, today, yesterday or 2 days ago");
    }
    when = *t;
  }
  WriteTransaction tx(ctx.store);
  MoveResult r = move_within(ctx, id, to, when);
  tx.commit();
  return r;
}

MoveResult move_within(Context& ctx, const std::string& id, Stage to, Instant when) {
  Opportunity o = load(ctx, id);
  Stage from = o.stage;
  check_move(o.id, from, to);
  o.stage = to;
  if (is_open(to) && !is_open(from)) {
    // Reopened: the earlier decision no longer stands.
    o.decided_at.reset();
    if (to != Stage::accepted && to != Stage::started) o.accepted_at.reset();
  }
  switch (to) {
    case Stage::offer:
      if (!o.offer_received_at) o.offer_received_at = when;
      break;
    case Stage::accepted:
      if (!o.accepted_at) o.accepted_at = when;
      if (!o.decided_at) o.decided_at = when;
      break;
    case Stage::declined:
    case Stage::declined_interview:
    case Stage::withdrawn:
    case Stage::rescinded:
      o.decided_at = when;
      break;
    default:
      break;
  }
  o.updated_at = ctx.now();
  ctx.store.update(o);
  LogEntry e;
  e.at = when;
  e.opportunity_id = o.id;
  e.kind = to == Stage::archived ? "archive" : "move";
  e.text = "moved " + std::string(to_string(from)) + " → " + std::string(to_string(to));
  ctx.store.append_log(e);
  return {o, from, to};
}

Contact add_contact(Context& ctx, const std::string& id, const ContactRequest& req) {
  Contact c;
  c.name = trim(req.name);
  if (c.name.empty()) throw_usage("contact name: cannot be empty", "kindly contact add ID \"Dana Smith\"");
  if (!req.role.empty()) {
    auto r = parse_enum<ContactRole>(req.role, kContactRoleNames);
    if (!r) {
      throw_usage("--role: unknown contact role '" + req.role + "'",
                  "accepted: " + join_names(kContactRoleNames));
    }
    c.role = *r;
  }
  c.email = trim(req.email);
  if (!c.email.empty() && !valid_email(c.email)) {
    throw_usage("--email: '" + c.email + "' is not an email address", "like dana@example.com");
  }
  c.phone = trim(req.phone);
  if (!c.phone.empty()) {
    int digits = 0;
    for (char ch : c.phone) {
      if (std::isdigit(static_cast<unsigned char>(ch))) {
        ++digits;
      } else if (!std::strchr("+-() ./", ch)) {
        digits = -100;
      }
    }
    if (digits < 5 || digits > 20) {
      throw_usage("--phone: '" + c.phone + "' is not a phone number", "like +49 30 1234567");
    }
  }
  c.linkedin = trim(req.linkedin);
  if (!c.linkedin.empty() && !valid_url(c.linkedin)) {
    throw_usage("--linkedin: '" + c.linkedin + "' is not a web address",
                "like https://www.linkedin.com/in/dana-smith");
  }
  c.agency = req.agency;
  c.notes = req.notes;
  WriteTransaction tx(ctx.store);
  Opportunity o = load(ctx, id);
  c.opportunity_id = o.id;
  c.id = ctx.store.add_contact(c);
  o.updated_at = ctx.now();
  ctx.store.update(o);
  log_line(ctx, o.id, "contact",
           "contact " + c.name + " (" + std::string(enum_name(c.role, kContactRoleNames)) +
               (c.agency ? ", agency" : "") + ")");
  tx.commit();
  return c;
}

LogEntry add_note(Context& ctx, const std::string& id, const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) throw_usage("the note is empty", "kindly note ID \"what happened\"");
  WriteTransaction tx(ctx.store);
  Opportunity o = load(ctx, id);
  o.updated_at = ctx.now();
  ctx.store.update(o);
  LogEntry e;
  e.at = ctx.now();
  e.opportunity_id = o.id;
  e.kind = "note";
  e.text = t;
  e.id = ctx.store.append_log(e);
  tx.commit();
  return e;
}

std::string remove_opportunity(Context& ctx, const std::string& id) {
  WriteTransaction tx(ctx.store);
  Opportunity o = load(ctx, id);
  ctx.store.remove(o.id);
  log_line(ctx, o.id, "remove",
           "removed " + o.company + (o.role.empty() ? "" : ", " + o.role));
  tx.commit();
  return o.id;
}

std::vector<Opportunity> list_opportunities(Context& ctx, const ListFilter& filter) {
  auto all = ctx.store.list(filter);
  // Nearest deadline first; undated ones after, most recently touched first.
  std::vector<std::pair<std::optional<Instant>, std::size_t>> keys;
  keys.reserve(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) keys.emplace_back(next_deadline(all[i]), i);
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    if (a.first && b.first) return *a.first < *b.first;
    if (a.first || b.first) return a.first.has_value();
    return all[a.second].updated_at > all[b.second].updated_at;
  });
  std::vector<Opportunity> out;
  out.reserve(all.size());
  for (const auto& k : keys) out.push_back(std::move(all[k.second]));
  return out;
}

std::vector<LogEntry> read_log(Context& ctx, const std::string& id, std::size_t limit) {
  std::string key;
  if (!id.empty()) {
    // A removed opportunity still has its history: accept its exact id.
    key = ctx.store.id_exists(id) ? id : "";
    if (key.empty()) {
      auto entries = ctx.store.log(id, limit);
      if (!entries.empty()) return entries;
      key = resolve_id(ctx.store, id);
    }
  }
  return ctx.store.log(key, limit);
}

const std::vector<std::string>& profile_keys() {
  static const std::vector<std::string> keys = {"name",  "email", "phone",           "signature",
                                                "timezone", "goals", "non_negotiables", "weights"};
  return keys;
}

ProfileResult set_profile(Context& ctx, const Assignments& values) {
  if (values.empty()) throw_usage("nothing to set", "kindly profile set name=\"Sam Lee\" timezone=Europe/Berlin");
  WriteTransaction tx(ctx.store);
  Profile p = ctx.store.profile();
  std::vector<Change> changes;
  for (const auto& [raw_key, raw_value] : values) {
    std::string key = raw_key;
    std::replace(key.begin(), key.end(), '-', '_');
    std::string value = trim(raw_value);
    auto text_change = [&](std::string& slot) {
      if (slot != value) changes.push_back({key, slot, value});
      slot = value;
    };
    if (key == "name") {
      text_change(p.name);
    } else if (key == "email") {
      if (!value.empty() && !valid_email(value)) {
        throw_usage("email: '" + value + "' is not an email address", "like sam@example.com");
      }
      text_change(p.email);
    } else if (key == "phone") {
      text_change(p.phone);
    } else if (key == "signature") {
      // Let "\n" typed on a command line mean a line break.
      std::string v;
      for (std::size_t i = 0; i < raw_value.size(); ++i) {
        if (raw_value[i] == '\\' && i + 1 < raw_value.size() && raw_value[i + 1] == 'n') {
          v += '\n';
          ++i;
        } else {
          v += raw_value[i];
        }
      }
      value = trim(v);
      text_change(p.signature);
    } else if (key == "timezone") {
      if (!value.empty()) find_zone(value);  // throws for an unknown zone
      text_change(p.timezone);
    } else if (key == "goals") {
      text_change(p.goals);
    } else if (key == "non_negotiables") {
      // "; " separates items: min base 120000; visa sponsorship; hybrid or remote
      std::vector<std::string> items;
      std::size_t start = 0;
      while (start <= value.size()) {
        auto semi = value.find(';', start);
        std::string item = trim(value.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
        if (!item.empty()) items.push_back(item);
        if (semi == std::string::npos) break;
        start = semi + 1;
      }
      if (items.size() > 7) {
        throw_usage("non_negotiables: " + std::to_string(items.size()) + " items are too many",
                    "keep the three to five terms you would not give up");
      }
      std::string before, after;
      for (const auto& i : p.non_negotiables) before += (before.empty() ? "" : "; ") + i;
      for (const auto& i : items) after += (after.empty() ? "" : "; ") + i;
      if (before != after) changes.push_back({key, before, after});
      p.non_negotiables = items;
    } else if (key == "weights") {
      // compensation:0.3,role:0.2,… — non-negative numbers; normalised when compared.
      std::map<std::string, double> weights;
      std::size_t start = 0;
      while (!value.empty() && start <= value.size()) {
        auto comma = value.find(',', start);
        std::string item = trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        auto colon = item.find(':');
        if (colon == std::string::npos) {
          throw_usage("weights: '" + item + "' is not CRITERION:WEIGHT",
                      "for example: weights=compensation:0.3,role:0.25,trajectory:0.2,culture:0.15,mobility:0.1");
        }
        std::string name = trim(item.substr(0, colon));
        std::string num = trim(item.substr(colon + 1));
        char* end = nullptr;
        double w = std::strtod(num.c_str(), &end);
        if (name.empty() || num.empty() || *end != '\0' || w < 0 || !std::isfinite(w)) {
          throw_usage("weights: '" + item + "' needs a criterion name and a weight of 0 or more", "");
        }
        weights[name] = w;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      auto fmt = [](const std::map<std::string, double>& m) {
        std::string s;
        for (const auto& [k, v] : m) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%s%s:%g", s.empty() ? "" : ",", k.c_str(), v);
          s += buf;
        }
        return s;
      };
      if (weights != p.weights) changes.push_back({key, fmt(p.weights), fmt(weights)});
      p.weights = weights;
    } else {
      std::string hint = did_you_mean(key, profile_keys());
      throw_usage("unknown profile field '" + raw_key + "'",
                  hint.empty() ? "profile fields: name, email, phone, signature, timezone, goals, "
                                 "non_negotiables, weights"
                               : hint);
    }
  }
  ctx.store.save_profile(p);
  for (const auto& c : changes) log_line(ctx, "", "profile", "profile " + describe(c));
  tx.commit();
  return {p, changes};
}

std::string next_step(const Opportunity& o, Instant now, const date::time_zone* tz) {
  using namespace std::chrono;
  auto when = [&](Instant t) { return format_local(t, tz) + " (" + format_relative(t, now, tz) + ")"; };
  switch (o.stage) {
    case Stage::invited:
      if (o.interview_at && *o.interview_at > now) {
        if (*o.interview_at - now <= hours{24})
          return "the interview is at " + when(*o.interview_at) + "; if you will not go, call them now";
        return "interview on " + when(*o.interview_at) + ": confirm it, or decline it soon";
      }
      return "answer the invitation: accept a slot or decline";
    case Stage::interviewing:
      if (o.interview_at && *o.interview_at > now) return "next interview on " + when(*o.interview_at);
      return "no date set: follow up, or withdraw if it is not a fit";
    case Stage::offer:
    case Stage::negotiating:
      if (o.offer_deadline) {
        if (*o.offer_deadline < now) return "the offer deadline passed on " + when(*o.offer_deadline) + ": answer today, or ask for an extension";
        return "answer the offer by " + when(*o.offer_deadline) + ", or ask for more time before then";
      }
      return "answer the offer, or ask for a date by which you will";
    case Stage::accepted:
      if (o.start_date && *o.start_date > now) return "starts on " + when(*o.start_date) + ": close out the other opportunities";
      return "close out the other opportunities";
    default:
      return {};
  }
}

Status status(Context& ctx) {
  Status s;
  s.total = ctx.store.count({Scope::all, std::nullopt});
  auto open = list_opportunities(ctx, {Scope::open, std::nullopt});
  s.open = open.size();
  for (std::size_t st = 0; st <= static_cast<std::size_t>(Stage::started); ++st) {
    auto stage = static_cast<Stage>(st);
    auto n = static_cast<std::size_t>(std::count_if(open.begin(), open.end(), [&](const Opportunity& o) { return o.stage == stage; }));
    if (n) s.by_stage.emplace_back(stage, n);
  }
  Instant now = ctx.now();
  for (const auto& o : open) {
    auto d = next_deadline(o);
    if (d && *d >= now - std::chrono::hours{24 * 7} && !s.nearest) s.nearest = o;
  }
  for (const auto& o : open) {
    if (s.next_steps.size() == 3) break;
    auto step = next_step(o, now, ctx.tz);
    if (!step.empty()) s.next_steps.push_back(o.id + ": " + step);
  }
  for (auto& m : ctx.store.messages("")) {
    if (m.status == "draft") s.unsent.push_back(std::move(m));
  }
  std::stable_sort(s.unsent.begin(), s.unsent.end(), [](const SavedMessage& a, const SavedMessage& b) {
    if (a.send_by.has_value() != b.send_by.has_value()) return a.send_by.has_value();
    return a.send_by && *a.send_by < *b.send_by;
  });
  return s;
}

}  // namespace kindly
