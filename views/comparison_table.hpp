#pragma once
// The fund-vs-no-fund table (INTERFACE.md: "At the end it prints a table"), as text for people,
// CSV for spreadsheets and JSON for scripts.
#include <cstdio>
#include <string>
#include <vector>

#include "sim/results/results_file.hpp"

namespace vtf::views {

// The outcomes of the end-of-run table, in order. Not left_behind (35 minus completed by the
// horizon): a column that only repeats minus the completions, and "left behind" now means the
// eligible States that still do not complete (questions/left_behind.hpp); it stays in /outcomes.
inline const std::vector<std::string> kTableOutcomes = {"completed_by_2030", "completed_by_horizon",
                                                        "extension_requests"};

// The text table: for each scenario, one row per fund policy with the paired difference [95% CI]
// of each outcome in `outcomes` and the cost per additional completion.
void print_table(std::FILE* out, const sim::Comparison& c,
                 const std::vector<std::string>& outcomes = kTableOutcomes);
// Long format, one row per scenario, policy and outcome (every outcome when `outcomes` is empty).
void print_csv(std::FILE* out, const sim::Comparison& c,
               const std::vector<std::string>& outcomes = {});
void print_json(std::FILE* out, const sim::Comparison& c,
                const std::vector<std::string>& outcomes = {});
// The comparison as a table, csv or json (`format`); the table shows kTableOutcomes when
// `outcomes` is empty, csv and json every outcome.
void print_comparison(std::FILE* out, const sim::Comparison& c, const std::string& format,
                      const std::vector<std::string>& outcomes);
// The table's last words: the findings in plain words stored in the results file at `path`
// (/findings, questions/findings.hpp), or recomputed, and said so, for a file without them.
void print_plain_summary(std::FILE* out, const std::string& path, const sim::Comparison& c);

// The same comparison restricted to the named scenarios and fund policies (all when empty);
// policy 0 is kept. Throws sim::InputError for an unknown name, suggesting the closest.
sim::Comparison select(const sim::Comparison& c, const std::vector<std::string>& scenarios,
                       const std::vector<std::string>& policies);
// Indices of the named scenarios/policies (all when empty; policies from 1); throws InputError.
std::vector<std::size_t> pick(const std::vector<std::string>& names,
                              const std::vector<std::string>& wanted, const char* what,
                              std::size_t first = 0);

}  // namespace vtf::views
