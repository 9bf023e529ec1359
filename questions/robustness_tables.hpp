#pragma once
// `compare --robustness` as tables of text: each policy across scenarios (mean, regret, where it
// is best, money), the best policy in each scenario, and each target's satisficing. app/ prints
// them.
#include <string>
#include <vector>

#include "sim/analysis/robustness.hpp"

namespace vtf::questions {

struct RobustnessTable {
  std::string heading;
  std::vector<std::vector<std::string>> rows;  // the first is the header
  std::string note;                            // a sentence after the table; may be empty
};

// Outcome j of r: one row per policy.
RobustnessTable policy_table(const sim::Robustness& r, std::size_t j);
// Outcome j of r: one row per scenario, sampled scenarios (sampled[s]) summarised in the note
// when there are named ones beside them.
RobustnessTable best_table(const sim::Robustness& r, std::size_t j,
                           const std::vector<bool>& sampled);
RobustnessTable satisficing_table(const sim::Robustness& r, const sim::Satisficing& x);

}  // namespace vtf::questions
