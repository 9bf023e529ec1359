#pragma once
// `compare --robustness`: policies across scenarios (regret, where each is best, satisficing,
// what it costs) as text and CSV (long format;
// scripts also read /robustness in the file).
#include <cstdio>
#include <vector>

#include "sim/analysis/robustness.hpp"

namespace vtf::views {

// Sampled scenarios (sampled[s]) are summarised when there are named ones beside them.
void print_robustness_table(std::FILE* out, const sim::Robustness& r,
                            const std::vector<bool>& sampled);
// measure,outcome,scenario,policy,value: one row per number (scenario empty for a summary over
// scenarios; outcome is the target's text for satisficing).
void print_robustness_csv(std::FILE* out, const sim::Robustness& r);

}  // namespace vtf::views
