#pragma once
// What writing a results file costs beside simulating it (issue 15: a writer that keeps up with a
// cluster node). One block of the named scenarios is simulated on one thread (the simulation's
// cost per policy-replication per core), then written again and again into a complete results
// file's outcome arrays, alone, on one thread and on two: the part that does not shrink with
// threads (copying into rows, HDF5's direct chunk writes, the kernel's) is serial, the rest (the
// compression of whole rows of chunks) parallel. From these, the share of a run's wall time the
// writing takes on N threads: (serial x N + parallel) / simulation, per policy-replication.
#include <cstdint>

#include "models/vtf_model.hpp"

namespace vtf::bench {

struct WriterMeasurement {
  double simulate = 0;     // seconds of simulation per policy-replication on one core
  double one_thread = 0;   // seconds of writing per policy-replication, on 1 thread
  double two_threads = 0;  // the same on 2 threads
  // From the two: writing = serial + parallel / threads.
  double serial() const { return 2 * two_threads - one_thread; }
  double parallel() const { return 2 * (one_thread - two_threads); }
  // The writing's wall time over the simulation's, on `threads` threads.
  double share(double threads) const {
    return (std::max(serial(), 0.0) * threads + parallel()) / simulate;
  }
};

WriterMeasurement measure_writer(const VtfModel& model, const sim::Study& study,
                                 std::uint64_t replications, const std::string& dir);

}  // namespace vtf::bench
