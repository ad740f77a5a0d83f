// kindly weights [CRITERION=WEIGHT…] [--ahp FILE | --pairwise]: the criteria weights, set
// directly or from pairwise comparisons (AHP, with its consistency check).
#include <CLI/CLI.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/decide.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/suggest.h"
#include "decide/compare.h"

namespace kindly::cli {

namespace {

struct WeightsOptions {
  std::vector<std::string> weights;
  std::string ahp;
  bool pairwise = false;
  bool dry_run = false;
};

std::string num(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

Json ahp_json(const decide::AhpResult& r, bool saved) {
  Json j;
  Json w = Json::object();
  for (std::size_t i = 0; i < r.criteria.size(); ++i) w[r.criteria[i]] = r.weights[i];
  j["weights"] = w;
  j["lambda_max"] = r.lambda_max;
  j["ci"] = r.consistency_index;
  j["cr"] = r.consistency_ratio;
  j["random_index"] = r.random_index;
  Json table = Json::object();
  for (std::size_t n = 1; n <= 10; ++n) table[std::to_string(n)] = decide::random_index(n);
  j["random_index_table"] = table;
  // Exactly the documented shape; whether the set is consistent and saved is said on stderr and in
  // the exit code.
  (void)saved;
  return j;
}

// A judgement as written on Saaty's scale: "3", "1/3", or "2.4" between the steps.
std::string saaty(double v) {
  auto near_whole = [](double x) { return std::fabs(x - std::round(x)) < 0.05; };
  if (v >= 1) return near_whole(v) ? std::to_string(static_cast<long>(std::lround(v))) : num(v, 1);
  double inv = 1 / v;
  return near_whole(inv) ? "1/" + std::to_string(static_cast<long>(std::lround(inv))) : num(v, 2);
}

std::string ahp_text(const decide::AhpResult& r) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < r.criteria.size(); ++i) rows.push_back({"  " + r.criteria[i], num(r.weights[i])});
  std::string out = "Weights from your comparisons:\n" + format_table(rows);
  out += "consistency: lambda_max " + num(r.lambda_max) + ", CI " + num(r.consistency_index) + ", RI " + num(r.random_index, 2) +
         ", CR " + num(r.consistency_ratio) + (r.consistent ? " (consistent: at most 0.10)\n" : " (above 0.10: inconsistent)\n");
  if (!r.consistent && r.most_inconsistent) {
    const auto& d = *r.most_inconsistent;
    out += "revisit " + d.row + " vs " + d.column + ": you said " + saaty(d.given) + ", your other answers imply about " +
           saaty(d.implied) + "\n";
  }
  return out;
}

decide::AhpResult ahp_from_file(const std::string& path) {
  Json j = read_json_input(path, "see docs/commands/weights.md for the shape");
  if (!j.is_object() || !j.contains("criteria") || !j["criteria"].is_array() || !j.contains("pairwise") || !j["pairwise"].is_array())
    throw_usage(path + ": expected {\"criteria\":[…],\"pairwise\":[[…],…]}", "see docs/commands/weights.md");
  std::vector<std::string> names;
  for (const auto& c : j["criteria"]) {
    if (!c.is_string()) throw_usage("criteria: expected names (strings)");
    names.push_back(c.get<std::string>());
  }
  std::vector<std::vector<decide::Judgement>> matrix;
  for (std::size_t r = 0; r < j["pairwise"].size(); ++r) {
    const auto& row = j["pairwise"][r];
    if (!row.is_array()) throw_usage("pairwise[" + std::to_string(r) + "]: expected a row (a list)");
    std::vector<decide::Judgement> out;
    for (const auto& v : row) {
      if (v.is_number()) {
        out.emplace_back(v.get<double>());
      } else if (v.is_string()) {
        out.emplace_back(v.get<std::string>());
      } else {
        throw_usage("pairwise[" + std::to_string(r) + "]: entries are numbers or fractions like \"1/3\"");
      }
    }
    matrix.push_back(std::move(out));
  }
  return decide::ahp(names, matrix);
}

decide::AhpResult ahp_on_terminal(Services& s, const std::vector<std::string>& names) {
  std::size_t n = names.size();
  std::vector<std::vector<decide::Judgement>> m(n, std::vector<decide::Judgement>(n, decide::Judgement(1)));
  s.output.err << "Compare the criteria two at a time. 1 = equally important, 3 = moderately more,\n"
                  "5 = strongly, 7 = very strongly, 9 = extremely. A negative number means the second\n"
                  "one matters more (-3: the second moderately more).\n";
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = i + 1; k < n; ++k) {
      for (;;) {
        std::string line = s.ask("  " + names[i] + " vs " + names[k] + "? ");
        char* end = nullptr;
        long v = std::strtol(line.c_str(), &end, 10);
        if (!line.empty() && *end == '\0' && v != 0 && std::labs(v) <= 9) {
          double value = v > 0 ? static_cast<double>(v) : 1.0 / static_cast<double>(-v);
          if (v == -1) value = 1;
          m[i][k] = decide::Judgement(value);
          m[k][i] = decide::Judgement(1.0 / value);
          break;
        }
        if (line.empty() && std::cin.eof()) throw_usage("no answer: stopped");
        s.output.err << "    a whole number from 1 to 9, or -9 to -1\n";
      }
    }
  }
  return decide::ahp(names, m);
}

void show_current(Services& s) {
  Context& ctx = s.context();
  Profile p = ctx.store.profile();
  auto criteria = decide::criteria_for(s.playbook(), p);
  if (s.output.json) {
    Json w = Json::object();
    for (const auto& c : criteria) w[c.name] = c.weight;
    s.output.print_json({{"weights", w}, {"source", p.weights.empty() ? "playbook defaults" : "profile"}});
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : criteria) rows.push_back({"  " + c.name, num(c.weight, 2)});
  s.output.out << (p.weights.empty() ? "Weights (the playbook's defaults):\n" : "Weights (yours):\n") << format_table(rows);
}

std::vector<std::string> criterion_names(Services& s) {
  std::vector<std::string> names;
  for (const auto& c : decide::criteria_for(s.playbook(), s.context().store.profile())) names.push_back(c.name);
  return names;
}

// After new weights are saved: which criteria are no longer compared, and which new names look
// like a typo of a known one (they are kept: users may add their own criteria).
void tell_changes(Services& s, const std::vector<std::string>& before, const std::map<std::string, double>& now) {
  std::vector<std::string> known = before;
  for (const auto& c : s.playbook().compare.criteria) {
    if (std::find(known.begin(), known.end(), c.name) == known.end()) known.push_back(c.name);
  }
  for (const auto& [name, weight] : now) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string close;
    for (const auto& k : known) {
      if (edit_distance(name, k) <= std::max<std::size_t>(1, k.size() / 4)) close += (close.empty() ? "" : "' or '") + k;
    }
    s.output.notice("'" + name + "' is a new criterion" + (close.empty() ? "" : " (did you mean '" + close + "'?)") +
                    "; score it with: kindly score ID " + name + "=1..5");
  }
  std::string dropped;
  for (const auto& name : before) {
    if (!now.count(name)) dropped += (dropped.empty() ? "" : ", ") + name;
  }
  if (!dropped.empty()) s.output.notice("not compared any more (give them a weight to keep them): " + dropped);
}

void run_weights(const WeightsOptions& opts, Services& s) {
  if (!opts.ahp.empty() || opts.pairwise) {
    decide::AhpResult r;
    if (!opts.ahp.empty()) {
      r = ahp_from_file(opts.ahp);
    } else {
      if (!s.interactive) throw_usage("--pairwise asks on a terminal", "use --ahp FILE in scripts");
      Context& ctx = s.context();
      std::vector<std::string> names;
      for (const auto& c : decide::criteria_for(s.playbook(), ctx.store.profile())) names.push_back(c.name);
      r = ahp_on_terminal(s, names);
    }
    bool save = !opts.dry_run && r.consistent;
    std::vector<std::string> before;
    std::map<std::string, double> w;
    if (save) {
      before = criterion_names(s);
      for (std::size_t i = 0; i < r.criteria.size(); ++i) w[r.criteria[i]] = r.weights[i];
      set_weights(s.context(), w);
    }
    if (s.output.json) {
      s.output.print_json(ahp_json(r, save));
    } else {
      s.output.out << ahp_text(r);
    }
    if (!r.consistent) {
      std::string pair = r.most_inconsistent ? r.most_inconsistent->row + " vs " + r.most_inconsistent->column : "the comparisons";
      throw Error(ErrorKind::conflict,
                  "the comparisons are inconsistent (CR " + num(r.consistency_ratio) + ", above 0.10): the weights were not saved",
                  "revisit " + pair + " first, then run it again");
    }
    if (save) {
      s.output.notice("weights saved to your profile");
      tell_changes(s, before, w);
    } else {
      s.output.notice("dry run: the weights were not saved");
    }
    return;
  }
  if (opts.weights.empty()) {
    show_current(s);
    return;
  }
  for (const auto& word : opts.weights) {
    if (auto eq = word.find('='); eq == std::string::npos || eq == 0) {
      throw_usage("expected CRITERION=WEIGHT, got '" + word + "'", "for example: kindly weights compensation=0.4 role=0.3 culture=0.3");
    }
  }
  auto assignments = parse_assignments(opts.weights);
  std::map<std::string, double> w;
  for (const auto& [k, v] : assignments) {
    char* end = nullptr;
    double x = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || !std::isfinite(x)) throw_usage(k + ": '" + v + "' is not a number", "e.g. " + k + "=0.25");
    w[k] = x;
  }
  auto current = criterion_names(s);
  std::string notice = set_weights(s.context(), w);
  if (!notice.empty()) s.output.notice(notice);
  tell_changes(s, current, w);
  show_current(s);
}

}  // namespace

void setup_weights(CLI::App& app, Services& s) {
  auto opts = std::make_shared<WeightsOptions>();
  auto* cmd = app.add_subcommand("weights", "Show or set the criteria weights for comparing offers.");
  cmd->add_option("weights", opts->weights, "CRITERION=WEIGHT pairs; normalised to sum 1")->type_name("CRITERION=WEIGHT");
  cmd->add_option("--ahp", opts->ahp, "derive the weights from a pairwise comparison matrix (JSON; - for stdin)")->type_name("FILE");
  cmd->add_flag("--pairwise", opts->pairwise, "derive the weights by answering pairwise questions on the terminal");
  cmd->add_flag("--dry-run", opts->dry_run, "compute without saving");
  cmd->footer(R"(
Direct weights replace the current set; any criterion name is allowed (add your own). With AHP,
you compare the criteria two at a time on Saaty's 1-9 scale; kindly derives the weights (the
principal eigenvector) and checks that the comparisons agree with each other: a consistency
ratio above 0.10 is flagged with the pair to revisit, such weights are not saved, and kindly
exits with 1.

The AHP file: {"criteria":["A","B","C"],"pairwise":[[1,3,5],["1/3",1,2],["1/5","1/2",1]]};
--json prints {"weights","lambda_max","ci","cr","random_index","random_index_table",
"consistent","most_inconsistent":{"row","column","given","implied"}|null,"saved"}.

Examples:
  kindly weights
  kindly weights compensation=0.4 role=0.2 trajectory=0.2 culture=0.2
  kindly weights --ahp pairwise.json --json
  kindly weights --pairwise)");
  cmd->callback([opts, &s] { run_weights(*opts, s); });
}

}  // namespace kindly::cli
