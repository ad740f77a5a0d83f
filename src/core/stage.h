// The stage machine: which stages are open, and which moves are allowed.
#pragma once

#include <string>
#include <vector>

#include "core/enums.h"

namespace kindly {

/// Open stages still need something from the candidate; closed ones are history.
bool is_open(Stage s);

/// The stages a move from `from` may go to, in table order.
const std::vector<Stage>& allowed_moves(Stage from);

bool can_move(Stage from, Stage to);

/// Parses a stage name or throws a usage error listing the stages.
Stage parse_stage(std::string_view text, std::string_view field = "stage");

/// Throws a conflict error naming the allowed moves when `from → to` is not in the table.
void check_move(std::string_view id, Stage from, Stage to);

}  // namespace kindly
