#pragma once
// The per-State view of a results file (questions/state_outcomes.hpp) as a table for people, CSV
// for spreadsheets and JSON for scripts.
#include <cstdio>
#include <vector>

#include "questions/state_outcomes.hpp"

namespace vtf::views {

using questions::StateRow;

void print_state_table(std::FILE* out, const std::vector<StateRow>& rows, int horizon_year);
void print_state_csv(std::FILE* out, const std::vector<StateRow>& rows);
void print_state_json(std::FILE* out, const std::vector<StateRow>& rows);

}  // namespace vtf::views
