#pragma once
// Robustness of policies across scenarios, in the sense of exploratory modelling (Kwakkel, "The
// Exploratory Modeling Workbench", 2017; McPhail et al., "Robustness metrics", 2018): from the
// per-replication outcome arrays, for each outcome with a direction,
// - the policy x scenario matrix of the outcome's mean over replications;
// - each policy's regret in each scenario: how far its mean falls short of the best policy's
//   there (in the outcome's better direction; 0 for the best), with the standard error of that
//   paired difference, and its maximum and mean over scenarios (every scenario weighs the same);
// - the best policy in each scenario, whether it is clearly best (the 95% CI of its paired
//   difference with the runner-up excludes 0), and the share of scenarios each policy is best in
//   (ties count for each tied policy);
// and, for each target (sim/study/outcome_target.hpp), satisficing: whether each scenario's mean
// (of the outcome, or of its paired gain over the baseline) meets it, the share of scenarios in
// which it does and the share of all futures (scenario x replication) in which the future's own
// value does (an undefined value never meets a target).
// A cost outcome's mean is kept beside, so that effects are read with what they cost.
#include <optional>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"
#include "sim/results/outcome_values.hpp"
#include "sim/study/outcome_target.hpp"

namespace sim {

struct OutcomeRobustness {
  std::size_t outcome = 0;            // index into OutcomeValues::outcomes
  std::vector<double> mean;           // [scenario][policy]
  std::vector<double> regret;         // [scenario][policy]
  std::vector<double> regret_stderr;  // [scenario][policy]: of the paired difference with the best
  std::vector<double> max_regret, mean_regret, share_best;  // [policy]
  std::vector<std::size_t> best, runner_up;                 // [scenario]
  std::vector<std::uint8_t> clearly_best;                   // [scenario]
};

struct Satisficing {
  OutcomeTarget target;
  std::vector<std::uint8_t> met;        // [scenario][policy]: the scenario's mean meets it
  std::vector<double> share_scenarios;  // [policy]
  std::vector<double> share_futures;    // [policy]
};

struct Robustness {
  std::vector<std::string> scenarios, policies, outcome_names, units;
  std::vector<Better> better;  // [outcome of outcome_names]
  std::size_t baseline = 0;    // what gain: targets are measured against
  std::size_t replications = 0;
  std::vector<OutcomeRobustness> outcomes;  // parallel to outcome_names
  std::vector<Satisficing> satisficing;
  std::string cost_outcome, cost_unit;  // empty: no cost kept
  std::vector<double> cost_mean;        // [scenario][policy]
  double at(const std::vector<double>& xs, std::size_t s, std::size_t p) const {
    return xs[s * policies.size() + p];
  }
};

struct RobustnessRequest {
  std::vector<std::string> outcomes;  // each must have a direction; empty: every one that has
  std::vector<OutcomeTarget> targets;
  std::size_t baseline = 0;
  std::string cost_outcome;  // empty: none
};

// `v` must hold the values of the requested outcomes, the targets' and the cost's. Throws
// InputError for an outcome without a direction (higher or lower is better).
Robustness compute_robustness(const OutcomeValues& v, const RobustnessRequest& request);

// /robustness: per outcome /robustness/<outcome>/{mean, regret, regret_stderr} [scenario, policy],
// {max_regret, mean_regret, share_best} [policy], {best_policy, runner_up} (names) and
// clearly_best [scenario]; the targets' /robustness/satisficing/{met [target, scenario, policy],
// share_scenarios, share_futures [target, policy]} with the coordinate `target` (its text); the
// cost's /robustness/cost_mean [scenario, policy].
void write_robustness(h5::Group& root, const Robustness& r);

}  // namespace sim
