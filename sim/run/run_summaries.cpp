#include "sim/run/run_summaries.hpp"

#include "sim/analysis/sensitivity.hpp"

namespace sim {

Comparison write_run_summaries(ResultsWriter& writer, const Accumulators& acc,
                               const ModelSchema& schema, const Study& study) {
  Comparison comparison = summarize(acc, schema, study);
  writer.write_summaries(acc, comparison);
  if (const auto sensitivity = compute_sensitivity(comparison, study))
    write_sensitivity(writer.root(), *sensitivity);
  return comparison;
}

}  // namespace sim
