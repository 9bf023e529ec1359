#pragma once
// What a run writes once every replication is in: computed from the Accumulators alone (those of
// one process, or merged from ranks, checkpoint segments or shards, which are exactly the same),
// so `run`, `run --resume`, MPI runs and `merge` finish through this one function and write the
// same summaries. Summaries added later (e.g. a sensitivity analysis) belong here too.
#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/design.hpp"

namespace sim {

// Writes /trajectories, /comparison, (with sampled scenarios) /sensitivity, /robustness and
// (with [comparisons] pairs) /pairs; returns the comparison for the printed table.
Comparison write_run_summaries(ResultsWriter& writer, const Accumulators& acc,
                               const ModelSchema& schema, const Study& study);

}  // namespace sim
