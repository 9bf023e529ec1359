#pragma once
// What a run has left to do, decided before it starts (by rank 0 in an MPI run): everything; or,
// with --resume, what its checkpoint lacks; or nothing, when the results file is already there.
// Deciding takes the checkpoint's lock and the output file, and refuses what would lose finished
// work (a checkpoint of this output, without --resume or --force).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "sim/engine/runner.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/piece_file.hpp"

namespace vtf::app {

struct RunPlan {
  bool already_complete = false;     // --resume, and the results file is this run's, complete
  std::uint64_t block_size = 0;      // the same on every rank
  std::vector<sim::Interval> work;   // replications still to simulate
  std::vector<sim::Piece> restored;  // checkpoint segments to take in (rank 0 only)

  std::uint64_t restored_count() const;
  // What the other ranks need (not `restored`), as bytes for a broadcast.
  std::vector<std::uint8_t> encode() const;
  static RunPlan decode(const std::vector<std::uint8_t>& bytes);
};

struct PlanInputs {
  const RunOptions& options;
  std::string out_path;
  bool default_output = false;
  const sim::StudyIdentity& identity;
  sim::Interval all;  // the replications of this run (its shard)
  sim::Shape shape;
  int ranks = 1;
  bool say = false;  // print notes on stderr
};

// Locks the checkpoint and (unless already complete) takes the output file. Throws InputError
// (e.g. the output exists, a checkpoint of another command) or RuntimeFailure; an empty
// checkpoint directory is removed again.
RunPlan plan_run(const PlanInputs& in, sim::Checkpoint& checkpoint,
                 std::optional<OutputFile>& output);

}  // namespace vtf::app
