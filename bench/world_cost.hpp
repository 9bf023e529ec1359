#pragma once
// The cost of one random world (generate_world, every draw of a replication), on one thread, as
// the least CPU time over repeated passes: a shared machine's noise only ever adds time, so the
// minimum compares two builds where a single pass, or a whole run's wall time, cannot.
#include <cstddef>
#include <cstdint>

#include "models/vtf_model.hpp"

namespace vtf::bench {

struct WorldCost {
  double seconds_per_world = 0;  // least over the passes, CPU time of this thread
  std::size_t worlds = 0;        // worlds per pass
  double checksum = 0;           // so the draws cannot be optimised away
};

// Scenario 0 of `model`, replications 0 .. replications - 1, `passes` times.
WorldCost measure_world(const VtfModel& model, std::uint64_t replications, int passes);

}  // namespace vtf::bench
