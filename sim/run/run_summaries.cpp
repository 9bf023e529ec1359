#include "sim/run/run_summaries.hpp"

#include "sim/analysis/paired_from_arrays.hpp"
#include "sim/analysis/robustness.hpp"
#include "sim/analysis/sensitivity.hpp"
#include "sim/results/outcome_values.hpp"

namespace sim {
namespace {

// /robustness (every outcome with a direction, the study's targets, the cost beside) and, for
// the study's chosen pairs, /pairs: from the outcome arrays the file already holds.
void write_policy_summaries(h5::Group root, const ModelSchema& schema, const Study& study) {
  const OutcomeValues values = read_outcome_values(root, root.file_name());
  RobustnessRequest request;
  request.targets = study.targets;
  if (schema.cost_per_effect) request.cost_outcome = schema.cost_per_effect->cost_outcome;
  write_robustness(root, compute_robustness(values, request));
  if (study.pairs.empty()) return;
  std::vector<PolicyPair> pairs;
  for (const auto& [policy, baseline] : study.pairs)
    pairs.push_back({policy, baseline});
  write_pairs(root, compare_pairs(values, pairs, schema.cost_per_effect));
}

}  // namespace

Comparison write_run_summaries(ResultsWriter& writer, const Accumulators& acc,
                               const ModelSchema& schema, const Study& study) {
  Comparison comparison = summarize(acc, schema, study);
  writer.write_summaries(acc, comparison);
  if (const auto sensitivity = compute_sensitivity(comparison, study))
    write_sensitivity(writer.root(), *sensitivity);
  write_policy_summaries(writer.root(), schema, study);
  return comparison;
}

}  // namespace sim
