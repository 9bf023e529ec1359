#include "app/run_summaries.hpp"

#include "sim/analysis/sensitivity.hpp"

namespace vtf::app {

sim::Comparison write_run_summaries(sim::ResultsWriter& writer, const sim::Accumulators& acc,
                                    const VtfModel& model, const sim::Study& study) {
  sim::Comparison comparison = sim::summarize(acc, model.schema(), study);
  writer.write_summaries(acc, comparison);
  if (const auto sensitivity = sim::compute_sensitivity(comparison, study))
    sim::write_sensitivity(writer.root(), *sensitivity);
  return comparison;
}

}  // namespace vtf::app
