// kindly score ID [CRITERION=1..5 …]: the user's scores for comparing offers.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/decide.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/services.h"
#include "core/error.h"
#include "core/suggest.h"
#include "decide/compare.h"

namespace kindly::cli {

namespace {

struct ScoreOptions {
  std::string id;
  std::vector<std::string> scores;
};

void run_score(const ScoreOptions& opts, Services& s) {
  Context& ctx = s.context();
  std::map<std::string, double> scores;
  std::string id = resolve_id(ctx.store, opts.id);
  if (opts.scores.empty()) {
    scores = ctx.store.scores(id);
  } else {
    for (const auto& w : opts.scores) {
      if (auto eq = w.find('='); eq == std::string::npos || eq == 0) {
        throw_usage("expected CRITERION=SCORE, got '" + w + "'", "for example: kindly score " + opts.id + " role=4 culture=3");
      }
    }
    auto given = parse_assignments(opts.scores);
    scores = set_scores(ctx, id, given);
    // A criterion that is not compared is kept, but said, in case it is a typo.
    std::vector<std::string> names;
    for (const auto& c : decide::criteria_for(s.playbook(), ctx.store.profile())) names.push_back(c.name);
    for (const auto& [name, value] : given) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string close;  // only near misses: a criterion of your own is not a typo
      for (const auto& k : names) {
        if (edit_distance(name, k) <= std::max<std::size_t>(1, k.size() / 4)) close += (close.empty() ? "" : "' or '") + k;
      }
      s.output.notice("'" + name + "' is not one of the criteria you compare on" + (close.empty() ? "" : " (did you mean '" + close + "'?)") +
                      "; kindly compare uses it once it has a weight (kindly weights)");
    }
  }
  if (s.output.json) {
    Json j = Json::object();
    for (const auto& [k, v] : scores) j[k] = v;
    s.output.print_json({{"id", id}, {"scores", j}});
    return;
  }
  if (scores.empty()) {
    s.output.out << id << ": no scores yet (kindly score " << id << " role=4 trajectory=3 culture=5 mobility=4)\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : scores) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    rows.push_back({"  " + k, buf});
  }
  s.output.out << id << " scores (1 poor … 5 excellent):\n" << format_table(rows);
}

}  // namespace

void setup_score(CLI::App& app, Services& s) {
  auto opts = std::make_shared<ScoreOptions>();
  auto* cmd = app.add_subcommand("score", "Score an opportunity 1-5 on the comparison criteria.");
  cmd->add_option("id", opts->id, "the opportunity's id, or any unique start of it")->required();
  cmd->add_option("scores", opts->scores, "CRITERION=SCORE pairs, 1 (poor) to 5 (excellent)")->type_name("CRITERION=SCORE");
  cmd->footer(R"(
'kindly compare' uses these scores; compensation comes from the offer math unless you score it.
The default criteria are compensation, role, trajectory, culture and mobility; you may score
your own criteria too (add them with 'kindly weights').

Examples:
  kindly score acme role=4 trajectory=5 culture=3 mobility=4
  kindly score acme)");
  cmd->callback([opts, &s] { run_score(*opts, s); });
}

}  // namespace kindly::cli
