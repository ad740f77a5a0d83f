// The one transition table of the tracker. Every move goes through check_move().
#include "core/stage.h"

#include <algorithm>
#include <map>

#include "core/error.h"

namespace kindly {

namespace {
using S = Stage;

// One row per stage: where it may go next. Closed stages may be reopened where the
// playbook allows it (re-engaging after a decline, an employer coming back after silence).
const std::map<Stage, std::vector<Stage>>& table() {
  static const std::map<Stage, std::vector<Stage>> t = {
      {S::invited, {S::interviewing, S::declined_interview, S::withdrawn, S::rejected, S::ghosted, S::archived}},
      {S::interviewing, {S::offer, S::withdrawn, S::rejected, S::ghosted, S::archived}},
      {S::offer, {S::negotiating, S::accepted, S::declined, S::rejected, S::ghosted, S::archived}},
      {S::negotiating, {S::offer, S::accepted, S::declined, S::rejected, S::ghosted, S::archived}},
      {S::accepted, {S::started, S::rescinded, S::rejected, S::archived}},
      {S::started, {S::archived}},
      {S::declined_interview, {S::invited, S::archived}},
      {S::withdrawn, {S::interviewing, S::archived}},
      {S::declined, {S::offer, S::archived}},
      {S::rescinded, {S::offer, S::archived}},
      {S::rejected, {S::invited, S::interviewing, S::archived}},
      {S::ghosted, {S::interviewing, S::offer, S::rejected, S::archived}},
      {S::archived, {S::invited, S::interviewing, S::offer}},
  };
  return t;
}
}  // namespace

bool is_open(Stage s) { return static_cast<int>(s) <= static_cast<int>(Stage::started); }

const std::vector<Stage>& allowed_moves(Stage from) { return table().at(from); }

bool can_move(Stage from, Stage to) {
  const auto& to_list = allowed_moves(from);
  return std::find(to_list.begin(), to_list.end(), to) != to_list.end();
}

Stage parse_stage(std::string_view text, std::string_view field) {
  if (auto s = parse_enum<Stage>(text, kStageNames)) return *s;
  throw_usage(std::string(field) + ": unknown stage '" + std::string(text) + "'",
              "stages are " + join_names(kStageNames));
}

void check_move(std::string_view id, Stage from, Stage to) {
  if (from == to) {
    throw Error(ErrorKind::conflict,
                std::string(id) + " is already at stage " + std::string(to_string(to)));
  }
  if (can_move(from, to)) return;
  std::vector<std::string_view> names;
  for (Stage s : allowed_moves(from)) names.push_back(to_string(s));
  // A hint for the moves people most often mean.
  std::string hint;
  if (to == Stage::declined && (from == Stage::invited || from == Stage::interviewing))
    hint = from == Stage::invited ? "to say no to an interview, use declined-interview"
                                  : "to leave an interview process, use withdrawn";
  else if (to == Stage::rescinded)
    hint = "rescinded is for taking back an acceptance; before accepting, use declined or withdrawn";
  else if (to == Stage::accepted && (from == Stage::invited || from == Stage::interviewing))
    hint = "record the offer first: kindly move " + std::string(id) + " offer";
  throw Error(ErrorKind::conflict,
              "cannot move " + std::string(id) + " from " + std::string(to_string(from)) + " to " +
                  std::string(to_string(to)) + " (allowed: " +
                  join_names(names.data(), names.size(), ", ") + ")",
              hint);
}

}  // namespace kindly
