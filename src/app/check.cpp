// Checking a draft: settings from the config folder, the tracker's context, the checker.
#include "app/check.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "app/compose.h"
#include "app/paths.h"
#include "core/files.h"
#include "app/tracker.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/suggest.h"

namespace kindly {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void check_word(const std::string& w) {
  bool bad = w.empty() || w.size() > 64;
  for (char c : w) bad = bad || c == ' ' || c == '\t' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  if (bad)
    throw_usage("'" + w + "' is not one word (no spaces, at most 64 characters)",
                "add the words of a name one by one: --add-word Globex --add-word Ltd");
}

void write_words(const std::vector<std::string>& words) {
  std::string text = "# Words kindly check accepts as correctly spelled; one a line. Edit freely.\n";
  for (const auto& w : words) text += w + "\n";
  std::error_code ec;
  fs::create_directories(fs::path(words_path()).parent_path(), ec);
  if (ec) {
    throw Error(ErrorKind::io, "cannot create " + fs::path(words_path()).parent_path().string() + ": " + ec.message(),
                "check the folder's permissions");
  }
  write_file_atomically(words_path(), text);
}

std::vector<std::string> rule_ids(const playbook::Playbook& pb) {
  std::vector<std::string> ids;
  for (const auto& c : pb.check.checks) {
    if (std::find(ids.begin(), ids.end(), c.rule) == ids.end()) ids.push_back(c.rule);
  }
  return ids;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::string words_path() { return config_dir() + "/words.txt"; }
std::string check_settings_path() { return config_dir() + "/check.toml"; }

std::vector<std::string> read_words() {
  std::string path = words_path();
  std::error_code ec;
  if (!fs::exists(path, ec)) return {};
  std::vector<std::string> out;
  std::istringstream in(read_file(path, "check the file's permissions"));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    out.push_back(line.substr(b));
  }
  return out;
}

std::vector<std::string> add_words(const std::vector<std::string>& words) {
  for (const auto& w : words) check_word(w);
  auto list = read_words();
  std::vector<std::string> added;
  for (const auto& w : words) {
    bool known = std::any_of(list.begin(), list.end(), [&](const std::string& x) { return lower(x) == lower(w); });
    if (known) continue;
    list.push_back(w);
    added.push_back(w);
  }
  if (!added.empty()) {
    std::sort(list.begin(), list.end(), [](const std::string& a, const std::string& b) { return lower(a) < lower(b); });
    write_words(list);
  }
  return added;
}

std::vector<std::string> remove_words(const std::vector<std::string>& words) {
  auto list = read_words();
  std::vector<std::string> removed;
  std::erase_if(list, [&](const std::string& x) {
    bool hit = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return lower(x) == lower(w); });
    if (hit) removed.push_back(x);
    return hit;
  });
  if (!removed.empty()) write_words(list);
  return removed;
}

CheckSettings read_check_settings(const playbook::Playbook& pb) {
  CheckSettings s;
  s.words = read_words();
  std::string path = check_settings_path();
  std::error_code ec;
  if (!fs::exists(path, ec)) return s;
  toml::table t;
  try {
    t = toml::parse(read_file(path, "check the file's permissions"), path);
  } catch (const toml::parse_error& e) {
    throw_usage(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
                "the file holds one line: disable = [\"door-closed\"]");
  }
  auto ids = rule_ids(pb);
  for (const auto& [key, node] : t) {
    if (key.str() != "disable")
      throw_usage(path + ": unknown key '" + std::string(key.str()) + "'", "the file holds one line: disable = [\"door-closed\"]");
    const auto* arr = node.as_array();
    if (!arr) throw_usage(path + ": disable must be a list of rule ids", "disable = [\"door-closed\", \"spelling\"]");
    for (const auto& e : *arr) {
      auto id = e.value<std::string>();
      if (!id) throw_usage(path + ": disable must be a list of rule ids", "disable = [\"door-closed\", \"spelling\"]");
      if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        std::string hint = did_you_mean(*id, ids);
        throw_usage(path + ": '" + *id + "' is not a rule of kindly check", hint.empty() ? "the rules: " + joined(ids) : hint);
      }
      s.disabled.push_back(*id);
    }
  }
  return s;
}

DraftChecker make_draft_checker(const playbook::Playbook& pb) {
  DraftChecker d;
  bool spelling_on = std::any_of(pb.check.checks.begin(), pb.check.checks.end(),
                                 [](const playbook::CheckSpec& c) { return c.type == "spelling" && c.enabled; });
  if (spelling_on) {
    std::string path = check::Speller::find_default();
    if (!path.empty()) d.speller = std::make_unique<check::Speller>(path);
  }
  d.checker = std::make_unique<check::Checker>(pb.check, d.speller.get());
  return d;
}

CheckDraftResult check_draft(Context* ctx, const playbook::Playbook& pb, const DraftChecker& checker,
                             const CheckSettings& settings, const CheckDraftRequest& request) {
  const auto& book = pb.phrasebook;
  if (!request.kind.empty() && !book.kind(request.kind)) {
    std::vector<std::string> kinds;
    for (const auto& k : book.kinds) kinds.push_back(k.id);
    std::string hint = did_you_mean(request.kind, kinds);
    throw_usage("--kind: '" + request.kind + "' is not a message kind", hint.empty() ? "the kinds: " + joined(kinds) : hint);
  }
  if (!request.channel.empty() && !book.channel(request.channel)) {
    std::vector<std::string> chans;
    for (const auto& c : book.channels) chans.push_back(c.id);
    std::string hint = did_you_mean(request.channel, chans);
    throw_usage("--channel: '" + request.channel + "' is not a channel", hint.empty() ? "the channels: " + joined(chans) : hint);
  }
  auto ids = rule_ids(pb);
  for (const auto& id : request.disabled) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      std::string hint = did_you_mean(id, ids);
      throw_usage("--disable: '" + id + "' is not a rule of kindly check", hint.empty() ? "the rules: " + joined(ids) : hint);
    }
  }

  CheckDraftResult result;
  check::Request req;
  req.text = request.text;
  req.kind = request.kind;
  req.channel = request.channel;
  req.known_words = settings.words;
  req.disabled = settings.disabled;
  req.disabled.insert(req.disabled.end(), request.disabled.begin(), request.disabled.end());

  check::TrackerFacts facts;
  if (ctx) {
    // Names the tracker knows are spelled right: open opportunities, their contacts, the profile
    // (not every contact ever: a long history would make every check slow).
    Profile profile = ctx->store.profile();
    req.known_words.push_back(profile.name);
    for (const auto& o : ctx->store.list({Scope::open, std::nullopt})) {
      req.known_words.push_back(o.company);
      req.known_words.push_back(o.role);
    }
    for (const auto& c : ctx->store.contacts_in({Scope::open, std::nullopt})) req.known_words.push_back(c.name);
  }
  if (!request.for_id.empty()) {
    if (!ctx) throw Error(ErrorKind::internal, "check --for needs the tracker");
    Opportunity o = load(*ctx, request.for_id);
    result.opportunity_id = o.id;
    req.known_words.push_back(o.company);
    req.known_words.push_back(o.role);
    for (const auto& c : ctx->store.contacts(o.id)) req.known_words.push_back(c.name);
    for (Stage st : {Stage::accepted, Stage::started}) {
      for (const auto& other : ctx->store.list({Scope::all, st})) {
        if (other.id != o.id) facts.accepted_offer = true;
      }
    }
    try {
      AdviseResult advice = advise_opportunity(*ctx, pb, o.id);
      if (advice.advice.send_by && *advice.advice.send_by < ctx->now())
        facts.send_by_passed = format_local(*advice.advice.send_by, ctx->tz);
      // An offer deadline that has passed makes any answer late (the advice then says "now").
      if (o.offer_deadline && *o.offer_deadline < ctx->now() &&
          (o.stage == Stage::offer || o.stage == Stage::negotiating))
        facts.send_by_passed = format_local(*o.offer_deadline, ctx->tz);
      bool called = false;  // a call recorded with 'kindly sent': this is its written confirmation
      for (const auto& m : ctx->store.messages(o.id)) called = called || (m.status == "sent" && m.channel == "phone");
      if (!advice.advice.steps.empty() && !called) {
        const auto& ch = advice.advice.steps.front().channel;
        if (ch == "phone" || ch == "video") facts.call_first = ch;
      }
      req.tracker = &facts;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::conflict) throw;
      // Closed: nothing is due, so timing and channel are not checked; the reason still is.
      facts.send_by_passed.reset();
      facts.call_first.reset();
      req.tracker = &facts;
      result.notes.push_back(o.id + " is closed (" + std::string(to_string(o.stage)) +
                             "), so the timing and the channel were not checked");
    }
  }
  result.diagnostics = checker.checker->check(req);
  result.summary = check::summarize(result.diagnostics);
  return result;
}

}  // namespace kindly
