#include "sim/run/run_study.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/engine/progress.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/checkpoint_statistics.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/piece_file.hpp"
#include "sim/run/rank_agreement.hpp"
#include "sim/run/results_collector.hpp"
#include "sim/run/run_plan.hpp"
#include "sim/run/run_summaries.hpp"
#include "sim/run/segmented_run.hpp"
#include "sim/run/study_identity.hpp"

namespace sim {
namespace {

// Everything a rank knows about the run once it is planned.
struct RunContext {
  const Model& model;
  const Study& study;
  const RunRequest& request;
  const mpi::Session& mpi;
  const Shape& shape;
  const StudyIdentity& identity;
  Checkpoint& checkpoint;
  const RunPlan& plan;
  SegmentedRunOptions segments;  // this rank's share
};

void tell_ranks(const mpi::Session& mpi, int code) {
  std::vector<std::uint8_t> status = {static_cast<std::uint8_t>(code)};
  mpi.broadcast(status);
}

// Ranks other than 0: simulate this rank's share and send everything to rank 0.
RunOutcome simulate_for_rank_0(RunContext& c) {
  mpi::RemoteSegments remote(c.mpi, c.shape);
  try {
    const auto r = run_in_segments(c.model, c.segments, remote);
    remote.finish(r.status == RunStatus::kStopped);
  } catch (const std::exception& e) {
    fmt::print(stderr, "vtfsim: rank {} failed: {}\n", c.mpi.rank(), e.what());
    c.mpi.abort(kExitRuntimeFailure);
  }
  std::vector<std::uint8_t> status;
  c.mpi.broadcast(status);  // rank 0's exit code, once the results file is done
  RunOutcome outcome;
  outcome.exit_code = status.empty() ? kExitRuntimeFailure : status[0];
  return outcome;
}

// Rank 0 (or the only process): takes in the checkpoint, simulates its share, collects the other
// ranks' blocks, runs precision rounds, and writes the results file and the checkpoint.
class WritingRun {
 public:
  WritingRun(RunContext& c, OutputFile& output)
      : c_(c),
        output_(output),
        restored_(c.plan.restored_count()),
        progress_("replications", c.request.shard.count,
                  c.request.quiet ? Progress::Mode::kQuiet : Progress::Mode::kAuto),
        totals_(c.shape, c.model.schema()) {}

  RunOutcome run() {
    try {
      create_file();
      restore();
      if (simulate()) precision_rounds();
      show(totals_.replications());
      progress_.finish();
      if (totals_.replications() < expected_) return interrupted();
      finish_file();
    } catch (const InputError& e) {  // a damaged checkpoint segment
      if (saved() == 0) c_.checkpoint.remove();
      if (c_.mpi.size() > 1) {
        fmt::print(stderr, "vtfsim: error: {}\n", e.what());
        c_.mpi.abort(kExitBadInput);
      }
      throw;
    } catch (const std::exception& e) {
      fail(e);
    }
    tell_ranks(c_.mpi, kExitOk);
    outcome_.wrote_file = true;
    outcome_.replications = totals_.replications();
    outcome_.seconds = progress_.elapsed_seconds();
    return outcome_;
  }

 private:
  std::uint64_t saved() const { return restored_ + (collector_ ? collector_->committed() : 0); }
  void show(std::uint64_t n) {
    if (n != shown_) {
      progress_.update(n);
      report_progress_for_test(n);
    }
    shown_ = n;
  }

  void create_file() {
    const RunRequest& r = c_.request;
    try {
      writer_.emplace(output_.temp_path(), c_.model.schema(), c_.study, r.provenance, r.shard.first,
                      r.shard.count, r.precision.has_value());
    } catch (const h5::Error& e) {
      throw RuntimeFailure(fmt::format("cannot create {}: {}", output_.temp_path(), e.what()));
    }
    if (r.write_model_groups) {
      h5::Group root = writer_->root();
      r.write_model_groups(root);
    }
    collector_.emplace(*writer_, c_.checkpoint, c_.identity, c_.model.schema(), c_.shape,
                       c_.plan.block_size, totals_);
    if (!r.quiet) {
      collector_->on_commit = [this](std::uint64_t first, std::uint64_t count) {
        fmt::print(stderr, "vtfsim: checkpoint: replications {}-{} saved ({} of {} in {})\n", first,
                   first + count - 1, saved(), c_.request.shard.count, c_.checkpoint.dir());
      };
    }
  }

  // The checkpoint's finished work (all of it unless interrupted).
  void restore() {
    if (c_.plan.restored.empty()) return;
    absorb_checkpoint_statistics(c_.plan.restored_statistics, c_.shape, c_.model.schema(),
                                 restored_, totals_);
    std::uint64_t taken = 0;
    for (const auto& piece : c_.plan.restored) {
      if (stop_requested().load()) return;
      try {
        absorb_outcomes(piece, c_.model.schema(), c_.shape, *writer_);
      } catch (const InputError& e) {
        throw InputError(
            fmt::format("checkpoint segment {}. {}", e.what(), kSegmentCannotBeLeftOut));
      }
      collector_->restored({piece.first, piece.count});
      show(taken += piece.count);
    }
  }

  // This process's share, and the other ranks' blocks as they come (waited for even after an
  // interrupt, so that no rank is left sending); false if incomplete.
  bool simulate() {
    if (c_.mpi.size() > 1) receiver_.emplace(c_.mpi, *collector_, c_.shape);
    local_.emplace(*collector_, [this] {
      if (receiver_) receiver_->poll();
    });
    c_.segments.on_progress = [this](std::uint64_t done) {
      show(restored_ + done + collector_->received());
    };
    if (!stop_requested().load()) {
      const auto result = run_in_segments(c_.model, c_.segments, *local_);
      outcome_.phases = result.seconds;
    }
    if (receiver_) receiver_->wait_all();
    return totals_.replications() == expected_;
  }

  // Precision control: more rounds until the target is met (sim/analysis/precision.hpp).
  void precision_rounds() {
    const auto& target = c_.request.precision;
    if (!target) return;
    const ModelSchema& schema = c_.model.schema();
    const std::size_t k = schema.outcome_index(target->outcome);
    auto& report = outcome_.precision.emplace(PrecisionReport{*target, NAN, false, 1});
    while (!stop_requested().load()) {
      report.achieved =
          widest_half_width(totals_, schema, k, c_.shape.scenarios, c_.shape.policies);
      const std::uint64_t more = next_round(expected_, report.achieved, *target);
      if (more == 0) break;
      writer_->grow_to(expected_ + more);
      progress_.set_total(expected_ + more);
      c_.segments.work = {Interval{c_.request.shard.first + expected_, more}};
      const std::uint64_t before = totals_.replications();
      c_.segments.on_progress = [this, before](std::uint64_t done) { show(before + done); };
      const auto round = run_in_segments(c_.model, c_.segments, *local_);
      outcome_.phases.simulate += round.seconds.simulate;
      outcome_.phases.write += round.seconds.write;
      expected_ += more;
      ++report.rounds;
    }
    report.reached = report.achieved <= target->half_width;
  }

  // Stopped by SIGINT or SIGTERM: say what is saved and how to finish.
  RunOutcome interrupted() {
    const RunRequest& r = c_.request;
    if (r.precision) {  // a round was interrupted
      c_.checkpoint.remove();
      fmt::print(stderr,
                 "vtfsim: interrupted after {} replications; nothing was written to {}: a run "
                 "with --target-ci cannot be resumed (run it again)\n",
                 totals_.replications(), output_.final_path());
    } else if (saved() == 0) {
      c_.checkpoint.remove();
      fmt::print(stderr, "vtfsim: interrupted before any replication was saved\n");
    } else {
      fmt::print(stderr,
                 "vtfsim: interrupted: {} of {} replications are saved in {}\n"
                 "  to finish, run the same command with --resume:\n  {}\n",
                 saved(), r.shard.count, c_.checkpoint.dir(),
                 resume_command(r.provenance.command_line));
    }
    tell_ranks(c_.mpi, kExitInterrupted);
    RunOutcome outcome;
    outcome.exit_code = kExitInterrupted;
    return outcome;
  }

  // The summaries, then the file under its final name, and only then no checkpoint.
  void finish_file() {
    if (c_.request.provenance.shard) {  // what merge needs to recompute the summaries exactly
      h5::Group root = writer_->root();
      write_merge_state(root, c_.request.shard.first, c_.request.shard.count,
                        encode_accumulators(totals_));
    }
    outcome_.comparison = write_run_summaries(*writer_, totals_, c_.model.schema(), c_.study);
    if (outcome_.precision) write_precision(*writer_, *outcome_.precision);
    hold_for_test("final-write");
    writer_->close();
    if (c_.request.write_final_groups)
      c_.request.write_final_groups(output_.temp_path(), *outcome_.comparison);
    output_.commit();
    hold_for_test("after-rename");
    c_.checkpoint.remove();
  }

  [[noreturn]] void fail(const std::exception& e) {
    if (saved() == 0) c_.checkpoint.remove();
    const std::string message =
        saved() == 0 ? std::string(e.what())
                     : fmt::format(
                           "{}\n  {} of {} replications are saved in {}; once the cause is "
                           "fixed, run the same command with --resume:\n  {}",
                           e.what(), saved(), c_.request.shard.count, c_.checkpoint.dir(),
                           resume_command(c_.request.provenance.command_line));
    if (c_.mpi.size() > 1) {
      fmt::print(stderr, "vtfsim: failed: {}\n", message);
      c_.mpi.abort(kExitRuntimeFailure);
    }
    throw RuntimeFailure(message);
  }

  RunContext& c_;
  OutputFile& output_;
  const std::uint64_t restored_;
  std::uint64_t expected_ = c_.request.shard.count;
  std::uint64_t shown_ = 0;
  Progress progress_;
  Accumulators totals_;
  std::optional<ResultsWriter> writer_;
  std::optional<ResultsCollector> collector_;
  std::optional<mpi::Receiver> receiver_;
  std::optional<LocalSegments> local_;
  RunOutcome outcome_;
};

// Rank 0 decides what is left to do, and tells the others.
RunPlan agree_on_plan(const RunRequest& r, const std::string& scenario_path,
                      const mpi::Session& mpi, const StudyIdentity& identity, const Shape& shape,
                      Checkpoint& checkpoint, std::optional<OutputFile>& output) {
  RunPlan plan;
  on_all_ranks(mpi, [&] {
    if (mpi.rank() != 0) return;
    const PlanInputs in{
        r.output_path, scenario_path, r.create_output_directory,      r.force, r.resume,
        r.block_size,  identity,      {r.shard.first, r.shard.count}, shape,   mpi.size(),
        !r.quiet};
    plan = plan_run(in, checkpoint, output);
  });
  std::vector<std::uint8_t> bytes = mpi.rank() == 0 ? plan.encode() : std::vector<std::uint8_t>{};
  mpi.broadcast(bytes);
  if (mpi.rank() != 0) plan = RunPlan::decode(bytes);
  return plan;
}

}  // namespace

std::string resume_command(const std::string& command_line) {
  return command_line.find(" --resume") == std::string::npos ? command_line + " --resume"
                                                             : command_line;
}

RunOutcome run_study(const Model& model, const Study& study, const RunRequest& request,
                     const mpi::Session& mpi) {
  const Shape shape = Shape::of(model);
  const StudyIdentity identity = StudyIdentity::of(study, request.provenance);
  Checkpoint checkpoint(request.output_path);
  std::optional<OutputFile> output;
  const RunPlan plan =
      agree_on_plan(request, study.source_path, mpi, identity, shape, checkpoint, output);

  if (plan.already_complete) {
    RunOutcome outcome;
    outcome.already_complete = true;
    if (mpi.rank() == 0) outcome.comparison = read_comparison(request.output_path);
    return outcome;
  }

  RunContext c{model, study, request, mpi, shape, identity, checkpoint, plan, {}};
  c.segments.work = split_work(plan.work, static_cast<std::size_t>(mpi.size()),
                               static_cast<std::size_t>(mpi.rank()));
  c.segments.threads = request.threads;
  c.segments.block_size = plan.block_size;
  c.segments.checkpoint_every = request.checkpoint_every;
  c.segments.interrupt = &stop_requested();
  c.segments.save_last = mpi.size() > 1 || request.precision.has_value();
  if (!request.quiet) {
    c.segments.on_slow_save = [every = request.checkpoint_every](double seconds) {
      fmt::print(stderr,
                 "vtfsim: checkpoint: a save took {:.2f} s, longer than --checkpoint-every {} s; "
                 "saves still come at every interval, and a longer one would cost the run less "
                 "time\n",
                 seconds, every);
    };
  }
  if (mpi.rank() != 0) return simulate_for_rank_0(c);
  if (request.on_start) request.on_start({mpi.size(), plan.restored_count(), checkpoint.dir()});
  WritingRun writing(c, *output);
  return writing.run();
}

}  // namespace sim
