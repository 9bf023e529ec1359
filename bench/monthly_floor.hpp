#pragma once
// The floor of the monthly step (issue 15): what the State-months of a study cost at least, in one
// fused loop with no events, annual cycles, grants, outcomes, accumulators or output. For each
// (scenario, replication) on TBB: the model's random world (generate_world: every draw of the
// replication, the security and productivity of every State-month among them), then for each
// policy every month of every State still operating: the capacity the security regime leaves,
// a fixed budget and operate_month, the very arithmetic of the simulation. The engine's distance
// from this floor is what its events, bookkeeping and reductions cost.
#include <cstddef>
#include <cstdint>

#include "models/vtf_model.hpp"

namespace vtf::bench {

struct FloorMeasurement {
  double world_seconds = 0;   // generating the random worlds, summed over threads
  double months_seconds = 0;  // the monthly steps, summed over threads
  double wall_seconds = 0;
  double state_months = 0;  // policies x States x months x scenarios x replications
  double checksum = 0;      // the area released, so the work cannot be optimised away
};

FloorMeasurement measure_floor(const VtfModel& model, std::uint64_t replications,
                               std::size_t threads);

}  // namespace vtf::bench
