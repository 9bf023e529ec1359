#pragma once
// Paired statistics of any policy against any other, from the per-replication outcome arrays of
// a results file: the same futures (common random numbers) pair the two in every replication, so
// the variance reduction of the run's own comparison (every policy against policy 0) holds for
// every pair. The statistics go through the run's own exact accumulator (PairedAccumulator), so
// pairing each policy with policy 0 reproduces the file's /comparison bit for bit.
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/outcome_values.hpp"
#include "sim/results/results_file.hpp"
#include "sim/stats/paired_stats.hpp"

namespace sim {

// Outcome k of `policy` against `baseline` in scenario s.
PairedSummary paired_from_arrays(const OutcomeValues& v, std::size_t k, std::size_t s,
                                 std::size_t policy, std::size_t baseline);
// The mean of outcome k of (s, p) over its defined replications, as the run's accumulators have it.
double mean_from_arrays(const OutcomeValues& v, std::size_t k, std::size_t s, std::size_t p);

// The cost per unit of effect of `policy` against `baseline` in scenario s: the difference of
// their mean costs over the mean paired gain in the effect outcome; NaN when there is no gain.
// Against a baseline that costs nothing it is the run's own ratio; 0 when the two cost the same,
// negative when the policy gains and costs less.
double cost_per_effect_from_arrays(const OutcomeValues& v, const CostPerEffectSpec& spec,
                                   std::size_t s, std::size_t policy, std::size_t baseline);

// Every policy against `baseline`, laid out as the run's comparison: the baseline comes first
// (its row NaN), then the other policies in the file's order. Every outcome's values must be in
// `v`; `cost` (the model's ratio, if it declares one) must name outcomes of `v`.
Comparison compare_against(const OutcomeValues& v, std::size_t baseline,
                           const std::optional<CostPerEffectSpec>& cost);

// Chosen pairs of policies (indices of OutcomeValues::policies), e.g. a study's rule variants
// each against the default rules at the same size.
struct PolicyPair {
  std::size_t policy = 0, baseline = 0;
};

struct PairComparison {
  std::vector<std::string> scenarios, policies, outcomes, units;
  std::vector<Better> better;           // [outcome]
  std::vector<PolicyPair> pairs;        // [pair]
  std::vector<PairedSummary> cells;     // [outcome][scenario][pair]
  std::vector<double> cost_difference;  // [scenario][pair]; empty without a cost spec
  std::vector<double> cost_per_effect;  // [scenario][pair]; empty without a cost spec
  std::optional<CostPerEffectSpec> cost;
  std::size_t replications = 0;
  std::string pair_name(std::size_t j) const {
    return policies[pairs[j].policy] + " vs " + policies[pairs[j].baseline];
  }
  const PairedSummary& at(std::size_t k, std::size_t s, std::size_t j) const {
    return cells[(k * scenarios.size() + s) * pairs.size() + j];
  }
};

PairComparison compare_pairs(const OutcomeValues& v, const std::vector<PolicyPair>& pairs,
                             const std::optional<CostPerEffectSpec>& cost);

// /pairs: the coordinate `pair` ("POLICY vs BASELINE"), pair_policy and pair_baseline [pair],
// /pairs/<outcome>/{mean, stderr, ci_low, ci_high, p_better, p_worse} [scenario, pair] and, with
// a cost spec, /pairs/<cost outcome>_difference and /pairs/<ratio name> [scenario, pair].
void write_pairs(h5::Group& root, const PairComparison& c);

}  // namespace sim
