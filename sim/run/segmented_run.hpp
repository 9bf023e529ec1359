#pragma once
// Runs a process's share of a study (a list of intervals of replications) as a sequence of
// segments: run_monte_carlo is called for the rest of the current interval and stopped, between
// blocks, when the checkpoint interval has elapsed or the run is interrupted. Each segment's
// Accumulators hold exactly its replications, so a segment can be saved on its own (a checkpoint)
// and merged later; the split does not change any result. Every segment is saved except the
// last (unless `save_last`): the results file follows it at once.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/engine/runner.hpp"
#include "sim/run/checkpoint.hpp"

namespace sim {

// Where a process's finished work goes.
class SegmentSink {
 public:
  virtual ~SegmentSink() = default;
  // A finished block, from the runner's writing thread.
  virtual void block(const BlockResults& block) = 0;
  // The segment [first, first + count) is over; `acc` holds exactly its replications. `commit`:
  // save it in the checkpoint (else it is only merged into the run's totals: the last one).
  virtual void end_segment(std::uint64_t first, std::uint64_t count, const Accumulators& acc,
                           bool commit) = 0;
};

struct SegmentedRunOptions {
  std::vector<Interval> work;
  std::size_t threads = 0;
  std::size_t block_size = 0;  // the same for every process of a run
  // Seconds between checkpoints (never stretched); 0: after every block; < 0: only when
  // interrupted.
  double checkpoint_every = 60;
  // Whether the last segment is saved too: needed when other work may follow it (other MPI
  // ranks, precision rounds), since every segment but the run's last is saved.
  bool save_last = false;
  // Called once, with the seconds it took, if a save takes longer than the interval.
  std::function<void(double)> on_slow_save;
  const std::atomic<bool>* interrupt = nullptr;
  std::function<void(std::uint64_t)> on_progress;  // replications done by this process
};

struct SegmentedRunResult {
  RunStatus status = RunStatus::kComplete;
  std::uint64_t replications_done = 0;
  PhaseTimes seconds;
};

SegmentedRunResult run_in_segments(const Model& model, const SegmentedRunOptions& options,
                                   SegmentSink& sink);

}  // namespace sim
