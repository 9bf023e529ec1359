#pragma once
// The Monte Carlo runner: scenario x policy x replication on TBB. Replications are processed in
// blocks: the (scenario, replication) tasks of a block run in parallel, then the block is
// reduced into exactly-mergeable accumulators and handed to a sink (the HDF5 writer) on the
// calling thread. Memory is the block buffers plus the accumulators, whatever the number of
// replications, and results do not depend on the number of threads.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/stats/exact_sum.hpp"
#include "sim/stats/paired_stats.hpp"
#include "sim/stats/quantile_sketch.hpp"

namespace sim {

struct Shape {
  std::size_t scenarios = 0, policies = 0, entities = 0, periods = 0;
  std::size_t outcomes = 0, entity_outcomes = 0, trajectories = 0, series = 0;
  static Shape of(const Model& model);
  std::size_t doubles_per_replication() const {
    return scenarios * policies *
           (outcomes + entity_outcomes * entities + trajectories * entities * periods +
            series * periods);
  }
};

// One block of replications' raw results (layouts as in ReplicationOutput).
struct BlockResults {
  std::uint64_t first_replication = 0;
  std::size_t count = 0;     // replications in this block
  std::size_t capacity = 0;  // the stride the buffers were laid out with
  std::vector<double> outcomes;
  std::vector<double> entity_outcomes;
  std::vector<double> trajectories;
  std::vector<double> series;  // [k][s][p][slot][period]

  // Outcome k of (s, p) for the block's replications, contiguous.
  const double* outcome_row(const Shape& sh, std::size_t k, std::size_t s, std::size_t p) const {
    return outcomes.data() + ((k * sh.scenarios + s) * sh.policies + p) * capacity;
  }
  // Entity outcome k of (s, p): [replication][entity], contiguous.
  const double* entity_outcome_rows(const Shape& sh, std::size_t k, std::size_t s,
                                    std::size_t p) const {
    return entity_outcomes.data() +
           ((k * sh.scenarios + s) * sh.policies + p) * capacity * sh.entities;
  }
};

// Summaries across replications, mergeable exactly (integer arithmetic throughout).
class Accumulators {
 public:
  Accumulators() = default;
  explicit Accumulators(const Shape& shape, const ModelSchema& schema);
  void add_block(const BlockResults& block, const ModelSchema& schema);
  void merge(const Accumulators& other);

  const ExactMoments& outcome(std::size_t k, std::size_t s, std::size_t p) const {
    return outcome_[(k * shape_.scenarios + s) * shape_.policies + p];
  }
  const PairedAccumulator& paired(std::size_t k, std::size_t s, std::size_t p) const {
    return paired_[(k * shape_.scenarios + s) * shape_.policies + p];
  }
  std::size_t trajectory_cell(std::size_t k, std::size_t s, std::size_t p, std::size_t e,
                              std::size_t y) const {
    return (((k * shape_.scenarios + s) * shape_.policies + p) * shape_.entities + e) *
               shape_.periods +
           y;
  }
  // Mean of a trajectory cell across the replications so far.
  double trajectory_mean(std::size_t cell) const {
    return replications_ > 0 ? static_cast<double>(trajectory_[cell].value_ld() /
                                                   static_cast<long double>(replications_))
                             : NAN;
  }
  // Mean of series k of (s, p) in period y across the replications so far.
  double series_mean(std::size_t k, std::size_t s, std::size_t p, std::size_t y) const {
    const auto& sum =
        series_[((k * shape_.scenarios + s) * shape_.policies + p) * shape_.periods + y];
    return replications_ > 0
               ? static_cast<double>(sum.value_ld() / static_cast<long double>(replications_))
               : NAN;
  }
  // The sketch of a trajectory cell, or nullptr if that trajectory keeps no quantiles.
  const QuantileSketch* trajectory_sketch(std::size_t k, std::size_t cell) const;
  std::uint64_t replications() const { return replications_; }
  std::size_t bytes() const;

 private:
  friend class AccumulatorCodec;  // saves and restores the exact state (accumulator_codec.cpp)

  Shape shape_;
  std::uint64_t replications_ = 0;
  std::vector<ExactMoments> outcome_;
  std::vector<PairedAccumulator> paired_;
  std::vector<ExactSum> trajectory_;
  std::vector<ExactSum> series_;            // [k][s][p][period]
  std::vector<std::size_t> sketch_offset_;  // per trajectory: index of its first sketch, or npos
  std::vector<QuantileSketch> sketches_;
};

class BlockSink {
 public:
  virtual ~BlockSink() = default;
  virtual void write_block(const BlockResults& block) = 0;
};

struct RunOptions {
  std::uint64_t first_replication = 0;
  std::uint64_t replications = 0;
  std::size_t threads = 0;     // 0: all the cores TBB sees
  std::size_t block_size = 0;  // 0: chosen from the memory a replication's results take
  const std::atomic<bool>* stop = nullptr;  // checked between blocks
  // Called on the calling thread after each block with (replications done, replications total).
  std::function<void(std::uint64_t, std::uint64_t)> on_block;
};

enum class RunStatus { kComplete, kStopped };

// Where a run's wall time went, for the benchmark and for tuning.
struct PhaseTimes {
  double simulate = 0;  // the model's replications and their reduction, in parallel
  double write = 0;     // the sink (HDF5 writing and compression), overlapped with the next block
};

struct RunResult {
  RunStatus status = RunStatus::kComplete;
  std::uint64_t replications_done = 0;
  Accumulators accumulators;
  PhaseTimes seconds;
};

// Block size used when options.block_size is 0: at most about 64 MiB of block buffers.
std::size_t default_block_size(const Shape& shape, std::uint64_t replications);

RunResult run_monte_carlo(const Model& model, const RunOptions& options, BlockSink& sink);

}  // namespace sim
