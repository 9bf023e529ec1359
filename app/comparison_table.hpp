#pragma once
// The fund-vs-no-fund table (INTERFACE.md: "At the end it prints a table"), as text for people,
// CSV for spreadsheets and JSON for scripts.
#include <cstdio>
#include <string>

#include "sim/results_file.hpp"

namespace vtf::app {

// The outcomes of the end-of-run table, in order.
inline const char* const kTableOutcomes[] = {"completed_by_2030", "completed_by_horizon",
                                             "extension_requests", "left_behind"};

void print_table(std::FILE* out, const sim::Comparison& c);
// Every outcome, long format: one row per scenario, policy and outcome.
void print_csv(std::FILE* out, const sim::Comparison& c);
void print_json(std::FILE* out, const sim::Comparison& c);

}  // namespace vtf::app
