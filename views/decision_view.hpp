#pragma once
// The decision (questions/decision_table.hpp, `vtfsim compare --decision`): per year, each fund
// option's mean gain with its 95% CI, the 10-90% spread across futures, the chance of at least
// one extra completion and its money; a table for people, CSV for spreadsheets, JSON for scripts.
#include <cstdio>
#include <string>
#include <vector>

#include "questions/decision_table.hpp"

namespace vtf::views {

// `format` is table, csv or json; `scenarios` the indices shown (the table: the decision's
// scenario when empty; csv and json: every scenario when empty).
void print_decision(std::FILE* out, const questions::DecisionTable& d, const std::string& format,
                    const std::vector<std::size_t>& scenarios);

}  // namespace vtf::views
