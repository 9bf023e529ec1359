// `vtfsim run`: the options turned into a run request for the engine (sim/run/run_study.hpp),
// which does the run, its checkpoint, MPI ranks and precision rounds; here only what is printed.
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "app/calibration_report.hpp"
#include "app/commands.hpp"
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/calibration_output.hpp"
#include "models/funding_gap_output.hpp"
#include "models/future_inputs.hpp"
#include "models/vtf_model.hpp"
#include "questions/findings.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/progress.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/mpi.hpp"
#include "sim/run/rank_agreement.hpp"
#include "sim/run/run_study.hpp"
#include "views/comparison_table.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)
namespace {

void print_header(const sim::Study& study, const VtfModel& model, const sim::RunRequest& r,
                  const sim::RunStart& start) {
  const sim::ShardRange& shard = r.shard;
  fmt::print(stderr, "vtfsim {}: study '{}' from {}\n", VTFSIM_VERSION, study.name,
             study.source_path);
  fmt::print(stderr, "  {} scenarios x {} policies x {} replications{} on {} States, {}-{}\n",
             model.scenario_count(), model.policy_count(), shard.count,
             shard.shards > 1
                 ? fmt::format(" (shard {}/{}: replications {}-{})", shard.k, shard.shards,
                               shard.first, shard.first + shard.count - 1)
                 : "",
             model.data().size(), study.start.year(), study.horizon.year());
  if (start.ranks > 1)
    fmt::print(stderr, "  {} MPI ranks; rank 0 writes {}\n", start.ranks, r.output_path);
  if (start.restored > 0) {
    fmt::print(stderr, "  resuming: {} of {} replications restored from {}\n", start.restored,
               shard.count, start.checkpoint_dir);
  }
  log_calibration(stderr, model);
}

void print_precision(std::FILE* out, const sim::PrecisionReport& r, std::uint64_t replications) {
  fmt::print(out,
             "\nPrecision: the widest 95% CI half-width of Δ {} is {:.3g} after {} replications in "
             "{} round(s): {}\n",
             r.target.outcome, r.achieved, replications, r.rounds,
             r.reached ? fmt::format("the target {:g} is reached", r.target.half_width)
             : std::isnan(r.achieved)
                 ? std::string("NOT reached: the outcome is undefined (NaN) in some scenario, e.g. "
                               "a year outside the run")
                 : fmt::format("NOT reached (target {:g}; --max-replications {})",
                               r.target.half_width, r.target.max_replications));
}

void print_timing(const sim::RunOutcome& done, const std::string& path, const VtfModel& model) {
  const double runs =
      static_cast<double>(done.replications * model.scenario_count() * model.policy_count());
  fmt::print(
      stderr,
      "\nwrote {} ({} policy-replications in {}, {:.0f} per second; simulating {}, writing {} "
      "alongside)\n",
      path, static_cast<std::uint64_t>(runs), sim::format_duration(done.seconds),
      runs / std::max(done.seconds, 1e-9), sim::format_duration(done.phases.simulate),
      sim::format_duration(done.phases.write));
}

// The results file's name: as given, or output/<study>.h5 (.shardKofN.h5 for a shard).
std::string output_path(const RunOptions& o, const sim::Study& study,
                        const sim::ShardRange& shard) {
  if (!o.output_path.empty()) return o.output_path;
  if (shard.shards > 1)
    return fmt::format("output/{}.shard{}of{}.h5", study.name, shard.k, shard.shards);
  return "output/" + study.name + ".h5";
}

int run_study(const RunOptions& o) {
  sim::mpi::Session mpi;
  sim::Study study;
  std::optional<VtfModel> model;
  sim::RunRequest r;
  sim::on_all_ranks(mpi, [&] {
    study = load_study(o.scenario_path, o.seed);
    if (o.replications) study.replications = *o.replications;
    r.shard = sim::parse_shard(o.shard, study.replications);
    model.emplace(study);  // calibrates every scenario
    r.precision = sim::parse_precision({o.target_ci, o.max_replications, !o.shard.empty(), o.resume,
                                        mpi.size(), study.replications},
                                       model->schema());
  });
  r.output_path = output_path(o, study, r.shard);
  r.create_output_directory = o.output_path.empty();
  r.force = o.force;
  r.resume = o.resume;
  r.quiet = o.quiet;
  r.threads = o.threads;
  r.block_size = o.block_size;
  r.checkpoint_every = o.checkpoint_every;
  r.provenance = provenance_now(o.command_line, study.replications);
  if (r.shard.shards > 1 || !o.shard.empty())
    r.provenance.shard = std::make_pair(r.shard.k, r.shard.shards);
  r.write_model_groups = [&](sim::h5::Group& root) { write_calibration(root, *model); };
  // /inputs (each future's drawn conditions), /funding_gap (from the no-fund trajectories), then
  // /findings: the plain words and their numbers.
  r.write_final_groups = [&](const std::string& path, const sim::Comparison& c) {
    add_future_inputs(path, *model);
    add_funding_gap(path, *model, study);
    questions::add_findings(path, c);
  };
  if (!o.quiet) r.on_start = [&](const sim::RunStart& s) { print_header(study, *model, r, s); };

  const sim::RunOutcome done = sim::run_study(*model, study, r, mpi);
  if (done.already_complete && !o.quiet && mpi.rank() == 0)
    fmt::print(stderr, "vtfsim: {} is already complete; nothing to do\n", r.output_path);
  if (!done.comparison) return done.exit_code;
  print_table(stdout, *done.comparison);
  print_plain_summary(stdout, r.output_path, *done.comparison);
  if (done.precision) print_precision(stdout, *done.precision, done.replications);
  if (done.wrote_file && !o.quiet) print_timing(done, r.output_path, *model);
  return done.exit_code;
}

}  // namespace

int run(const RunOptions& o) {
  const sim::StopOnSignals stop_on_signals;
  try {
    return run_study(o);
  } catch (const sim::QuietExit& e) {
    return e.code;
  }
}

}  // namespace vtf::app
