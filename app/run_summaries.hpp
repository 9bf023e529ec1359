#pragma once
// What a run writes once every replication is in: computed from the Accumulators alone (those of
// one process, or merged from ranks, checkpoint segments or shards, which are exactly the same),
// so `run`, `run --resume`, MPI runs and `merge` finish through this one function and write the
// same summaries. Summaries added later (e.g. a sensitivity analysis) belong here too.
#include "models/vtf_model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/design.hpp"

namespace vtf::app {

// Writes /trajectories, /comparison and (with sampled scenarios) /sensitivity; returns the
// comparison for the printed table.
sim::Comparison write_run_summaries(sim::ResultsWriter& writer, const sim::Accumulators& acc,
                                    const VtfModel& model, const sim::Study& study);

}  // namespace vtf::app
