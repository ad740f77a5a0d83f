// kindly compare [ID…] | --matrix FILE: a weighted decision matrix over the offers, the ranking
// with bars, year-by-year compensation, and how far each weight may move before the winner changes.
#include <CLI/CLI.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/decide.h"
#include "app/decide_json.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/fields.h"

namespace kindly::cli {

namespace {

struct CompareCliOptions {
  std::vector<std::string> ids;
  std::string method = "wsm";
  std::string normalize = "vector";
  std::string matrix;
  std::string currency;
  std::vector<std::string> rates;
  std::vector<std::string> col;
};

std::string num(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::map<std::string, double> pairs(const std::vector<std::string>& words, const std::string& option) {
  std::map<std::string, double> out;
  for (const auto& w : words) {
    auto eq = w.rfind('=');
    char* end = nullptr;
    double v = eq == std::string::npos ? 0 : std::strtod(w.c_str() + eq + 1, &end);
    if (eq == std::string::npos || eq == 0 || !end || *end != '\0' || v <= 0) {
      throw_usage(option + ": expected NAME=NUMBER above 0, got '" + w + "'",
                  option == "--rate" ? "e.g. --rate USD=0.92 (1 USD in your --currency)" : "e.g. --col Berlin=100 --col London=135");
    }
    out[w.substr(0, eq)] = v;
  }
  return out;
}

decide::Method method_of(const std::string& m) {
  if (m == "wsm" || m == "weighted-sum") return decide::Method::weighted_sum;
  if (m == "topsis") return decide::Method::topsis;
  throw_usage("--method: unknown method '" + m + "'", "use wsm (weighted sum) or topsis");
}

decide::Normalisation normalisation_of(const std::string& n) {
  if (n == "vector") return decide::Normalisation::vector;
  if (n == "minmax" || n == "min-max") return decide::Normalisation::min_max;
  throw_usage("--normalize: unknown normalisation '" + n + "'", "use vector (default) or minmax");
}

// A weight in the robustness table: three decimals, more when that would round a point just
// inside (0, 1) to 0.000 or 1.000 and hide where the winner changes.
std::string weight_text(double w) {
  for (int decimals = 3; decimals <= 9; ++decimals) {
    std::string t = num(w, decimals);
    double back = std::strtod(t.c_str(), nullptr);
    if ((back != 0 || w == 0) && (back != 1 || w == 1)) return t;
  }
  return num(w, 9);
}

Json sensitivity_json(const decide::Sensitivity& s) {
  Json arr = Json::array();
  for (const auto& c : s.criteria) {
    Json flip = c.nearest_flip ? Json{{"weight", c.nearest_flip->weight}, {"new_top", c.nearest_flip->new_winner}} : Json(nullptr);
    arr.push_back({{"criterion", c.criterion}, {"weight", c.weight}, {"stable_from", c.stable_from}, {"stable_to", c.stable_to}, {"nearest_flip", flip}});
  }
  return arr;
}

std::string sensitivity_text(const decide::Sensitivity& s) {
  std::string out = "\nHow robust is the winner (" + s.winner + ")? How far each weight may move, the others rescaled\n";
  std::vector<std::vector<std::string>> rows{{"  CRITERION", "WEIGHT", "WINNER STAYS", "THEN"}};
  for (const auto& c : s.criteria) {
    bool always = c.stable_from <= 1e-12 && c.stable_to >= 1 - 1e-12;
    std::string range = always ? "at any weight" : "from " + weight_text(c.stable_from) + " to " + weight_text(c.stable_to);
    std::string flip;
    if (c.nearest_flip) {
      bool below = c.nearest_flip->weight <= c.weight;
      flip = (below ? "below " : "above ") + weight_text(c.nearest_flip->weight) + ", " + c.nearest_flip->new_winner + " takes the lead";
    }
    rows.push_back({"  " + c.criterion, num(c.weight), range, flip});
  }
  return out + format_table(rows);
}

std::string bar(double score, double max) {
  int n = max > 0 ? static_cast<int>(std::lround(24.0 * score / max)) : 0;
  std::string b;
  for (int i = 0; i < n; ++i) b += "█";
  return b;
}


// The general mode: criteria and alternatives straight from a file, for coaches and scripts.
void run_matrix(const CompareCliOptions& opts, Services& s) {
  Json j = read_json_input(opts.matrix, "see docs/commands/compare.md for the shape");
  if (!j.is_object() || !j.contains("criteria") || !j["criteria"].is_array() || !j.contains("alternatives") || !j["alternatives"].is_array())
    throw_usage(opts.matrix + ": expected {\"criteria\":[…],\"alternatives\":[…]}", "see docs/commands/compare.md");
  std::vector<decide::Criterion> criteria;
  for (std::size_t i = 0; i < j["criteria"].size(); ++i) {
    const auto& c = j["criteria"][i];
    std::string where = "criteria[" + std::to_string(i) + "]";
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) throw_usage(where + ": needs a \"name\"");
    if (!c.contains("weight") || !c["weight"].is_number()) throw_usage(where + " (" + c["name"].get<std::string>() + "): needs a numeric \"weight\"");
    decide::Criterion cr{c["name"].get<std::string>(), c["weight"].get<double>(), decide::Direction::benefit};
    if (c.contains("direction")) {
      auto d = c["direction"].is_string() ? c["direction"].get<std::string>() : "";
      if (d == "cost") cr.direction = decide::Direction::cost;
      else if (d != "benefit") throw_usage(where + " (" + cr.name + "): direction must be \"benefit\" or \"cost\"");
    }
    for (const char* k : {"name", "weight", "direction"}) (void)k;
    for (const auto& [k, v] : c.items()) {
      if (k != "name" && k != "weight" && k != "direction") throw_usage(where + ": unknown key '" + k + "'", "criteria take name, weight, direction");
    }
    criteria.push_back(cr);
  }
  std::vector<decide::Alternative> alts;
  for (std::size_t i = 0; i < j["alternatives"].size(); ++i) {
    const auto& a = j["alternatives"][i];
    std::string where = "alternatives[" + std::to_string(i) + "]";
    if (!a.is_object() || !a.contains("name") || !a["name"].is_string()) throw_usage(where + ": needs a \"name\"");
    std::string name = a["name"].get<std::string>();
    if (!a.contains("scores") || !a["scores"].is_array()) throw_usage(where + " (" + name + "): needs \"scores\", a list of numbers");
    decide::Alternative alt{name, {}};
    for (const auto& v : a["scores"]) {
      if (!v.is_number()) throw_usage(where + " (" + name + "): scores must be numbers");
      alt.scores.push_back(v.get<double>());
    }
    if (alt.scores.size() != criteria.size()) {
      throw_usage(where + " (" + name + "): " + std::to_string(alt.scores.size()) + (alt.scores.size() == 1 ? " score" : " scores") + " for " +
                      std::to_string(criteria.size()) + (criteria.size() == 1 ? " criterion" : " criteria"),
                  "give one score per criterion, in the criteria's order");
    }
    alts.push_back(alt);
  }
  auto method = method_of(opts.method);
  auto norm = normalisation_of(opts.normalize);
  if (method == decide::Method::weighted_sum && !alts.empty()) {
    // The weighted sum adds the scores as given: a criterion in the thousands drowns one in units.
    std::size_t big = 0, small = 0;
    std::vector<double> span(criteria.size(), 0.0);
    for (const auto& a : alts) {
      for (std::size_t k = 0; k < a.scores.size() && k < span.size(); ++k) span[k] = std::max(span[k], std::fabs(a.scores[k]));
    }
    for (std::size_t k = 0; k < span.size(); ++k) {
      if (span[k] > span[big]) big = k;
      if (span[k] > 0 && (span[small] == 0 || span[k] < span[small])) small = k;
    }
    if (span[small] > 0 && span[big] / span[small] > 10) {
      s.output.notice("the scores of '" + criteria[big].name + "' and '" + criteria[small].name +
                      "' are on very different scales; the weighted sum adds them as given, so rescale them (e.g. to 1-5) or use --method topsis");
    }
  }
  decide::Result result = method == decide::Method::topsis ? decide::topsis(criteria, alts, norm) : decide::weighted_sum(criteria, alts);
  for (const auto& n : result.notices) s.output.notice(n);
  for (std::size_t k = 0; k < criteria.size(); ++k) criteria[k].weight = result.weights[k];
  auto sens = decide::sensitivity(criteria, alts, method, norm);
  if (s.output.json) {
    Json out;
    out["method"] = method == decide::Method::topsis ? "topsis" : "wsm";
    out["alternatives"] = Json::array();
    for (std::size_t i = 0; i < alts.size(); ++i) out["alternatives"].push_back({{"name", alts[i].name}, {"score", result.scores[i]}, {"rank", result.ranks[i]}});
    out["ranking"] = result.ranking;
    out["sensitivity"] = sensitivity_json(sens);
    s.output.print_json(out);
    return;
  }
  double max = *std::max_element(result.scores.begin(), result.scores.end());
  std::vector<std::vector<std::string>> rows{{"RANK", "ALTERNATIVE", "SCORE", ""}};
  for (const auto& name : result.ranking) {
    auto i = static_cast<std::size_t>(std::find_if(alts.begin(), alts.end(), [&](const auto& a) { return a.name == name; }) - alts.begin());
    rows.push_back({std::to_string(result.ranks[i]), name, num(result.scores[i], 4), bar(result.scores[i], max)});
  }
  s.output.out << format_table(rows) << sensitivity_text(sens);
}

void run_compare(const CompareCliOptions& opts, Services& s) {
  if (!opts.matrix.empty()) {
    if (!opts.ids.empty()) throw_usage("--matrix compares the file's alternatives; leave out the ids");
    run_matrix(opts, s);
    return;
  }
  decide::CompareOptions options;
  options.method = method_of(opts.method);
  options.normalisation = normalisation_of(opts.normalize);
  options.math.reference = opts.currency;
  options.math.rates = pairs(opts.rates, "--rate");
  options.math.cost_of_living = pairs(opts.col, "--col");
  if (!options.math.rates.empty() && options.math.reference.empty()) {
    throw_usage("--rate needs --currency, the currency to compare in", "e.g. --currency EUR --rate USD=0.92");
  }
  Context& ctx = s.context();
  auto cmp = compare(ctx, s.playbook(), opts.ids, options);
  if (s.output.json) {
    Json j;
    j["method"] = options.method == decide::Method::topsis ? "topsis" : "wsm";
    j["criteria"] = Json::array();
    for (const auto& c : cmp.criteria) j["criteria"].push_back({{"name", c.name}, {"weight", c.weight}});
    j["alternatives"] = Json::array();
    for (std::size_t i = 0; i < cmp.rows.size(); ++i) {
      Json scores = Json::object();
      for (std::size_t k = 0; k < cmp.criteria.size(); ++k)
        scores[cmp.criteria[k].name] = {{"score", cmp.rows[i].scores[k]}, {"source", cmp.rows[i].sources[k]}};
      j["alternatives"].push_back({{"name", cmp.rows[i].id}, {"score", cmp.result.scores[i]}, {"rank", cmp.result.ranks[i]},
                                   {"scores", scores}, {"compensation", to_json(cmp.rows[i].math)}});
    }
    j["ranking"] = cmp.result.ranking;
    j["gated"] = Json::array();
    for (const auto& g : cmp.gated) j["gated"].push_back({{"name", g.id}, {"reasons", g.reasons}});
    j["sensitivity"] = sensitivity_json(cmp.sensitivity);
    j["notices"] = cmp.notices;
    s.output.print_json(j);
    return;
  }
  auto& out = s.output.out;
  out << "Offers compared by " << (options.method == decide::Method::topsis ? "TOPSIS" : "weighted sum") << "; weights: ";
  for (std::size_t k = 0; k < cmp.criteria.size(); ++k) out << (k ? ", " : "") << cmp.criteria[k].name << " " << num(cmp.criteria[k].weight);
  out << "\n\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"RANK", "OFFER"};
  for (const auto& c : cmp.criteria) head.push_back(c.name);
  head.push_back("SCORE");
  head.push_back("");
  rows.push_back(head);
  double max = *std::max_element(cmp.result.scores.begin(), cmp.result.scores.end());
  for (const auto& name : cmp.result.ranking) {
    std::size_t i = 0;
    while (cmp.rows[i].id != name) ++i;
    std::vector<std::string> row{std::to_string(cmp.result.ranks[i]), name};
    for (std::size_t k = 0; k < cmp.criteria.size(); ++k)
      row.push_back(num(cmp.rows[i].scores[k], cmp.rows[i].sources[k] == "offer math" ? 2 : 0) + (cmp.rows[i].sources[k] == "assumed" ? "?" : ""));
    row.push_back(num(cmp.result.scores[i], 3));
    row.push_back(bar(cmp.result.scores[i], max));
    rows.push_back(row);
  }
  out << format_table(rows);
  if (!cmp.gated.empty()) {
    out << "\nLeft out: a non-negotiable is not met\n";
    for (const auto& g : cmp.gated) {
      std::string reasons;
      for (const auto& r : g.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
      out << "  " << g.id << ": " << reasons << "\n";
    }
  }
  out << "\nTotal compensation per year";
  if (!options.math.reference.empty()) out << " (comparable figures in " << options.math.reference << ")";
  out << "\n";
  std::vector<std::vector<std::string>> money{{"  OFFER"}};
  int years = cmp.rows.empty() ? 0 : static_cast<int>(cmp.rows[0].math.years.size());
  for (int y = 1; y <= years; ++y) money[0].push_back("YEAR " + std::to_string(y));
  money[0].push_back("AVERAGE");
  money[0].push_back("COMPARABLE");
  for (const auto& r : cmp.rows) {
    std::vector<std::string> row{"  " + r.id};
    for (const auto& y : r.math.years) row.push_back(group_thousands(std::llround(y.total)));
    row.push_back(group_thousands(std::llround(r.math.average)) + (r.math.currency.empty() ? "" : " " + r.math.currency));
    row.push_back(group_thousands(std::llround(r.math.comparable)));
    money.push_back(row);
  }
  out << format_table(money);
  for (const auto& r : cmp.rows) {
    for (const auto& risk : r.math.risks) out << "  ! " << r.id << ": " << risk << "\n";
    for (const auto& a : r.math.assumptions) out << "  · " << r.id << ": " << a << "\n";
  }
  out << sensitivity_text(cmp.sensitivity);
  for (const auto& n : cmp.notices) s.output.notice(n);
}

}  // namespace

void setup_compare(CLI::App& app, Services& s) {
  auto opts = std::make_shared<CompareCliOptions>();
  auto* cmd = app.add_subcommand("compare", "Rank offers on weighted criteria.");
  cmd->add_option("ids", opts->ids, "the opportunities to compare (default: every open offer)");
  cmd->add_option("--method,-m", opts->method, "wsm (weighted sum, default) or topsis")->type_name("METHOD");
  cmd->add_option("--normalize", opts->normalize, "for topsis: vector (default) or minmax")->type_name("NORM");
  cmd->add_option("--currency", opts->currency, "compare compensation in this currency")->type_name("CUR");
  cmd->add_option("--rate", opts->rates, "exchange rate: 1 CUR in --currency, e.g. USD=0.92")->type_name("CUR=VALUE");
  cmd->add_option("--col", opts->col, "cost-of-living index per location, e.g. London=135 (100 = your baseline)")->type_name("PLACE=INDEX");
  cmd->add_option("--matrix", opts->matrix, "compare the criteria and alternatives in a JSON file instead (- for stdin)")->type_name("FILE");
  cmd->footer(R"(
Non-negotiables come first: an offer that breaks one is left out, with the reason. The others
are scored 1-5 per criterion: compensation from the offer math (yearly totals relative to the
best offer, after currency and cost of living), the rest from 'kindly score' (3 when unscored,
marked '?'). Weights come from 'kindly weights' (defaults: compensation 0.30, role 0.20,
trajectory 0.20, culture 0.15, mobility 0.15). The robustness table says how far each weight
can move, the others rescaled in proportion, before another offer wins.

The general mode reads {"criteria":[{"name","weight","direction"}],"alternatives":[{"name",
"scores":[…]}]}; with --json it prints {"method","alternatives":[{"name","score","rank"}],
"ranking","sensitivity":[{"criterion","weight","stable_from","stable_to","nearest_flip"}]}.

Examples:
  kindly compare
  kindly compare acme globex --method topsis
  kindly compare --currency EUR --rate USD=0.92 --col Berlin=100 --col "New York=160"
  kindly compare --matrix options.json --json)");
  cmd->callback([opts, &s] { run_compare(*opts, s); });
}

}  // namespace kindly::cli
