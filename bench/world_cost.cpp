#include "bench/world_cost.hpp"

#include <time.h>

#include <algorithm>
#include <limits>

#include "models/world.hpp"

namespace vtf::bench {

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

WorldCost measure_world(const VtfModel& model, std::uint64_t replications, int passes) {
  WorldCost cost;
  cost.worlds = static_cast<std::size_t>(replications);
  World world;
  double least = std::numeric_limits<double>::infinity();
  for (int pass = 0; pass < passes; ++pass) {
    const double start = thread_cpu_seconds();
    for (std::uint64_t r = 0; r < replications; ++r) {
      generate_world(model.scenario(0), model.data(), r, world);
      cost.checksum += world.area0_km2.front() + static_cast<double>(world.finds.size());
    }
    least = std::min(least, thread_cpu_seconds() - start);
  }
  cost.seconds_per_world = least / static_cast<double>(std::max<std::uint64_t>(1, replications));
  return cost;
}

}  // namespace vtf::bench
