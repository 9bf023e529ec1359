#pragma once
// What a run has left to do, decided before it starts (by rank 0 in an MPI run): everything; or,
// with --resume, what its checkpoint lacks; or nothing, when the results file is already there.
// Deciding takes the checkpoint's lock and the output file, and refuses what would lose finished
// work (a checkpoint of this output, without --resume or --force).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/runner.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/output_file.hpp"
#include "sim/run/piece_file.hpp"

namespace sim {

struct RunPlan {
  bool already_complete = false;    // --resume, and the results file is this run's, complete
  std::uint64_t block_size = 0;     // the same on every rank
  std::vector<Interval> work;       // replications still to simulate
  std::vector<Piece> restored;      // checkpoint segments to take in (rank 0 only)
  std::string restored_statistics;  // their Accumulators (rank 0 only; empty if none)

  std::uint64_t restored_count() const;
  // What the other ranks need (not `restored`), as bytes for a broadcast.
  std::vector<std::uint8_t> encode() const;
  static RunPlan decode(const std::vector<std::uint8_t>& bytes);
};

struct PlanInputs {
  std::string out_path;
  std::string scenario_path;      // read by the run, so never its output
  bool create_directory = false;  // the default output/ may be created; a directory given may not
  bool force = false;             // replace the output file and discard a checkpoint
  bool resume = false;            // take in the checkpoint's finished work
  std::size_t block_size = 0;     // 0: chosen from the memory a replication's results take
  const StudyIdentity& identity;
  Interval all;  // the replications of this run (its shard)
  Shape shape;
  int ranks = 1;
  bool say = false;  // print notes on stderr
};

// Locks the checkpoint and (unless already complete) takes the output file. Throws InputError
// (e.g. the output exists, a checkpoint of another command) or RuntimeFailure; an empty
// checkpoint directory is removed again.
RunPlan plan_run(const PlanInputs& in, Checkpoint& checkpoint, std::optional<OutputFile>& output);

}  // namespace sim
