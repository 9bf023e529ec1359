#pragma once
// The run of a study, from a prepared model to its results file: planning (what a checkpoint
// already holds, the output file), the simulation of every rank's share in segments, the
// checkpoint, precision rounds, interrupts, the summaries and the final, durable rename. With MPI,
// every rank calls it; rank 0 writes the file. `vtfsim run` is this call plus printing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/mpi.hpp"
#include "sim/run/precision_run.hpp"
#include "sim/run/shard.hpp"
#include "sim/study/design.hpp"

namespace sim {

// What the writing process knows once the run is planned, for its header.
struct RunStart {
  int ranks = 1;
  std::uint64_t restored = 0;  // replications taken from the checkpoint
  std::string checkpoint_dir;
};

struct RunRequest {
  std::string output_path;
  bool create_output_directory = false;      // the default output/ may be created
  bool force = false;                        // replace the output and discard a checkpoint
  bool resume = false;                       // finish from the checkpoint
  bool quiet = false;                        // no progress or notes on stderr
  std::size_t threads = 0;                   // per process; 0: every core
  std::size_t block_size = 0;                // 0: chosen from memory
  double checkpoint_every = 60;              // seconds; 0: after every block
  ShardRange shard;                          // this run's replications (all of them if not sharded)
  std::optional<PrecisionTarget> precision;  // one process only
  Provenance provenance;                     // its command line is the one to resume with
  // The model's own groups of the results file (e.g. a calibration), written at its creation.
  std::function<void(h5::Group&)> write_model_groups;
  // The model's groups that read the run's summaries (e.g. /trajectories) or need the finished
  // comparison, on the writing process: called once the summaries are written and the file is
  // closed, before it takes its final name, with the file's temporary path (it may reopen the
  // file there to read it and add groups).
  std::function<void(const std::string& path, const Comparison&)> write_final_groups;
  // On the writing process, once planned and before anything is simulated.
  std::function<void(const RunStart&)> on_start;
};

struct RunOutcome {
  int exit_code = 0;              // kExitOk or kExitInterrupted (failures throw)
  bool wrote_file = false;        // this process completed the results file
  bool already_complete = false;  // --resume found the results file complete: nothing was run
  std::optional<Comparison> comparison;  // on the writing process, when the file is complete
  std::optional<PrecisionReport> precision;
  std::uint64_t replications = 0;
  double seconds = 0;  // wall time of the simulation and writing
  PhaseTimes phases;
};

// Throws InputError (bad input, a checkpoint of another study, the output exists) or
// RuntimeFailure (I/O); with MPI every rank stops with one message (sim/run/rank_agreement.hpp).
RunOutcome run_study(const Model& model, const Study& study, const RunRequest& request,
                     const mpi::Session& mpi);

// The command that finishes an interrupted run: `command_line` with --resume.
std::string resume_command(const std::string& command_line);

}  // namespace sim
