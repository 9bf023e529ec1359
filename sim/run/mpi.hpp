#pragma once
// MPI for vtfsim run (built with -DVTFSIM_WITH_MPI=ON; Open MPI): every rank simulates a share
// of the replications with TBB threads inside; rank 0 gathers the finished blocks and the ranks'
// Accumulators and writes the one results file (and the checkpoint) itself, through the same
// code as a single process. So the file is identical to a single process's whatever the number of
// ranks, and no parallel file system or parallel HDF5 is needed (docs/results-format.md, README).
//
// In a build without MPI, Session is a single process and refuses to be one of several tasks
// started by mpirun or srun (they would all write the same file).
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/engine/runner.hpp"
#include "sim/run/results_collector.hpp"
#include "sim/run/segmented_run.hpp"

namespace sim::mpi {

// Whether this executable was built with MPI.
bool built_with_mpi();

// MPI for this process: initialised (MPI_THREAD_SERIALIZED) when built with MPI and started by
// mpirun or srun, finalised on destruction. Throws InputError in a build without MPI started as
// one of several tasks.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

  // From rank 0 to every rank (no-op with one process).
  void broadcast(std::vector<std::uint8_t>& bytes) const;
  // The largest of every rank's value.
  int max_over_ranks(int value) const;
  // Ends every rank of the job (MPI_Abort); with one process, std::exit.
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
  [[maybe_unused]] bool initialised_ = false;  // used by the MPI build only (mpi.cpp)
};

// On ranks other than 0: sends finished blocks and segment ends to rank 0.
class RemoteSegments : public SegmentSink {
 public:
  RemoteSegments(const Session& session, const Shape& shape);
  ~RemoteSegments() override;
  void block(const BlockResults& block) override;
  void end_segment(std::uint64_t first, std::uint64_t count, const Accumulators& acc,
                   bool commit) override;
  // The last message of this rank: whether it stopped because it was interrupted.
  void finish(bool interrupted);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// On rank 0: takes in what the other ranks send and hands it to the collector.
class Receiver {
 public:
  Receiver(const Session& session, ResultsCollector& collector, const Shape& shape);
  ~Receiver();
  void poll();      // every message that has arrived, without waiting
  void wait_all();  // until every other rank has sent its last message
  bool any_interrupted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::mpi
