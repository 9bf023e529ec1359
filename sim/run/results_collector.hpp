#pragma once
// On the process that writes the results file (the only one without MPI, rank 0 with it): takes
// every finished block, from this process or from other ranks, to the results file and to the
// open checkpoint segment of its source; adds every segment's Accumulators to the run's totals;
// and commits ended segments when asked (or discards them), each followed by the checkpoint's
// statistics, which are the totals. Segments are written as blocks come, never read back, so a
// save costs a commit and one encoding of the totals whatever the run's size or age; the price
// is that every replication is written twice (the segment uncompressed). Every segment but the
// run's last must be committed, since the totals then hold nothing the checkpoint lacks.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>

#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/piece_file.hpp"
#include "sim/run/segmented_run.hpp"

namespace sim {

class ResultsCollector {
 public:
  ResultsCollector(ResultsWriter& results, const Checkpoint& checkpoint, StudyIdentity identity,
                   const ModelSchema& schema, const Shape& shape, std::size_t block_size,
                   Accumulators& totals);
  ~ResultsCollector();

  // A segment taken in from the checkpoint (its statistics are already in the totals).
  void restored(const Interval& segment);
  void block(int source, const BlockResults& block);
  // Ends the open segment of `source`. The Accumulators come decoded (`acc`, from this process)
  // or encoded (`encoded`, from another rank); the encoding is made here when needed.
  void end_segment(int source, std::uint64_t first, std::uint64_t count, const Accumulators* acc,
                   std::span<const std::uint8_t> encoded, bool commit);
  // Replications in segments committed by this run.
  std::uint64_t committed() const { return committed_; }
  // Replications received from other ranks so far (any thread may ask).
  std::uint64_t received() const { return received_.load(); }
  // Called after each committed segment with its first replication and count.
  std::function<void(std::uint64_t, std::uint64_t)> on_commit;

 private:
  ResultsWriter& results_;
  const Checkpoint& checkpoint_;
  StudyIdentity identity_;
  const ModelSchema& schema_;
  Shape shape_;
  std::size_t block_size_;
  Accumulators& totals_;
  std::map<int, Interval> open_;  // per source: the replications since its last segment ended
  std::map<int, std::unique_ptr<SegmentWriter>> live_;  // per source: those replications' file
  std::vector<Interval> saved_;  // every segment in the checkpoint, restored or committed
  std::uint64_t unsaved_ = 0;    // replications in the totals that no segment holds
  std::uint64_t committed_ = 0;
  std::atomic<std::uint64_t> received_{0};
};

// This process's SegmentSink when it writes the results file. `after_block` runs after each of
// its own blocks on the writing thread (with MPI: to take in the other ranks' blocks).
class LocalSegments : public SegmentSink {
 public:
  LocalSegments(ResultsCollector& collector, std::function<void()> after_block = {})
      : collector_(collector), after_block_(std::move(after_block)) {}
  void block(const BlockResults& block) override {
    collector_.block(0, block);
    if (after_block_) after_block_();
  }
  void end_segment(std::uint64_t first, std::uint64_t count, const Accumulators& acc,
                   bool commit) override {
    collector_.end_segment(0, first, count, &acc, {}, commit);
  }

 private:
  ResultsCollector& collector_;
  std::function<void()> after_block_;
};

}  // namespace sim
