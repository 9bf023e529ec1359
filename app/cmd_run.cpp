// `vtfsim run`: simulate a study and write its results file, in one process or as the ranks of an
// MPI job, saving finished work in a checkpoint beside the results file so that an interrupted
// run can be finished with --resume (sim/run/checkpoint.hpp, app/run_plan.hpp).
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "app/calibration_report.hpp"
#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "app/output_file.hpp"
#include "app/precision_run.hpp"
#include "app/run_plan.hpp"
#include "app/run_ranks.hpp"
#include "app/run_summaries.hpp"
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/mpi.hpp"
#include "sim/run/piece_file.hpp"
#include "sim/run/results_collector.hpp"
#include "sim/run/segmented_run.hpp"

namespace vtf::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

// SIGINT and SIGTERM ask the run to stop (between blocks: finished work is saved, exit 75) for as
// long as this lives, from before the output is touched until the results file is in place, so
// that a signal at any moment is honoured and never kills the process half-way through a write.
class StopOnSignals {
 public:
  StopOnSignals() {
    g_stop.store(false);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
  }
  ~StopOnSignals() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
};

// Test hook for the kill tests (tests/scale): VTFSIM_TEST_HOLD=<point> stops the run at that
// point and waits to be killed, so a test can kill it exactly there.
void hold_for_test(const char* point) {
  const char* wanted = std::getenv("VTFSIM_TEST_HOLD");
  if (wanted == nullptr || std::strcmp(wanted, point) != 0) return;
  std::fprintf(stderr, "vtfsim: test hold at %s\n", point);
  std::fflush(stderr);
  for (;;)
    pause();
}

std::string resume_command(const std::string& command_line) {
  return command_line.find(" --resume") == std::string::npos ? command_line + " --resume"
                                                             : command_line;
}

// Everything a rank knows about the run once it is planned.
struct RunContext {
  const RunOptions& o;
  const sim::mpi::Session& mpi;
  const sim::Study& study;
  const ShardRange& shard;
  const VtfModel& model;
  const sim::Shape& shape;
  const sim::Provenance& prov;
  const sim::StudyIdentity& identity;
  sim::Checkpoint& checkpoint;
  const RunPlan& plan;
  const std::optional<sim::PrecisionTarget>& precision;  // --target-ci (one process only)
  sim::SegmentedRunOptions segments;                     // this rank's share
};

void print_header(const RunContext& c, const std::string& out_path) {
  fmt::print(stderr, "vtfsim {}: study '{}' from {}\n", VTFSIM_VERSION, c.study.name,
             c.study.source_path);
  fmt::print(stderr, "  {} scenarios x {} policies x {} replications{} on {} States, {}-{}\n",
             c.model.scenario_count(), c.model.policy_count(), c.shard.count,
             c.shard.shards > 1
                 ? fmt::format(" (shard {}/{}: replications {}-{})", c.shard.k, c.shard.shards,
                               c.shard.first, c.shard.first + c.shard.count - 1)
                 : "",
             c.model.data().size(), c.study.start.year(), c.study.horizon.year());
  if (c.mpi.size() > 1)
    fmt::print(stderr, "  {} MPI ranks; rank 0 writes {}\n", c.mpi.size(), out_path);
  if (!c.plan.restored.empty()) {
    fmt::print(stderr, "  resuming: {} of {} replications restored from {}\n",
               c.plan.restored_count(), c.shard.count, c.checkpoint.dir());
  }
  log_calibration(stderr, c.model);
}

// Ranks other than 0: simulate this rank's share and send everything to rank 0.
int simulate_for_rank_0(RunContext& c) {
  sim::mpi::RemoteSegments remote(c.mpi, c.shape);
  try {
    const auto r = sim::run_in_segments(c.model, c.segments, remote);
    remote.finish(r.status == sim::RunStatus::kStopped);
  } catch (const std::exception& e) {
    fmt::print(stderr, "vtfsim: rank {} failed: {}\n", c.mpi.rank(), e.what());
    c.mpi.abort(sim::kExitRuntimeFailure);
  }
  std::vector<std::uint8_t> status;
  c.mpi.broadcast(status);  // rank 0's exit code, once the results file is done
  return status.empty() ? sim::kExitRuntimeFailure : status[0];
}

// Rank 0 (or the only process): take in the checkpoint, simulate its share, collect the other
// ranks' blocks, and write the results file and the checkpoint.
int write_results(RunContext& c, OutputFile& output) {
  const bool say = !c.o.quiet;
  const std::uint64_t restored = c.plan.restored_count();
  if (say) print_header(c, output.final_path());

  sim::Progress progress("replications", c.shard.count,
                         c.o.quiet ? sim::Progress::Mode::kQuiet : sim::Progress::Mode::kAuto);
  sim::Accumulators totals(c.shape, c.model.schema());
  std::optional<sim::ResultsWriter> writer;
  std::optional<sim::ResultsCollector> collector;
  std::optional<PrecisionReport> precision;
  const auto saved = [&] { return restored + (collector ? collector->committed() : 0); };
  sim::SegmentedRunResult result;
  sim::Comparison comparison;

  try {
    try {
      writer.emplace(output.temp_path(), c.model.schema(), c.study, c.prov, c.shard.first,
                     c.shard.count, c.precision.has_value());
    } catch (const sim::h5::Error& e) {
      throw sim::RuntimeFailure(fmt::format("cannot create {}: {}", output.temp_path(), e.what()));
    }
    write_calibration(writer->root(), c.model);
    collector.emplace(*writer, c.checkpoint, c.identity, c.model.schema(), c.shape,
                      c.plan.block_size, totals);
    if (say) {
      collector->on_commit = [&](std::uint64_t first, std::uint64_t count) {
        fmt::print(stderr, "vtfsim: checkpoint: replications {}-{} saved ({} of {} in {})\n", first,
                   first + count - 1, saved(), c.shard.count, c.checkpoint.dir());
      };
    }

    std::uint64_t shown = 0;
    const auto show = [&](std::uint64_t n) {
      if (n != shown) progress.update(n);
      shown = n;
    };
    for (const auto& piece : c.plan.restored) {
      if (g_stop.load()) break;
      try {
        sim::absorb_piece(piece, c.model.schema(), c.shape, *writer, totals);
      } catch (const sim::InputError& e) {
        throw sim::InputError(fmt::format(
            "checkpoint segment {}. Delete it and run again with --resume: its replications will "
            "be simulated again",
            e.what()));
      }
      show(totals.replications());
    }

    std::optional<sim::mpi::Receiver> receiver;
    if (c.mpi.size() > 1) receiver.emplace(c.mpi, *collector, c.shape);
    sim::LocalSegments local(*collector, [&] {
      if (receiver) receiver->poll();
    });
    c.segments.on_progress = [&](std::uint64_t done) {
      show(restored + done + collector->received());
    };
    if (!g_stop.load()) result = sim::run_in_segments(c.model, c.segments, local);
    if (receiver) receiver->wait_all();
    std::uint64_t expected = c.shard.count;
    if (c.precision && totals.replications() == expected) {
      // Precision control: more rounds until the target is met (sim/analysis/precision.hpp).
      const std::size_t k = c.model.schema().outcome_index(c.precision->outcome);
      precision.emplace(PrecisionReport{*c.precision, NAN, false, 1});
      while (!g_stop.load()) {
        precision->achieved = sim::widest_half_width(totals, c.model.schema(), k, c.shape.scenarios,
                                                     c.shape.policies);
        const std::uint64_t more = sim::next_round(expected, precision->achieved, *c.precision);
        if (more == 0) break;
        writer->grow_to(expected + more);
        progress.set_total(expected + more);
        c.segments.work = {sim::Interval{c.shard.first + expected, more}};
        const std::uint64_t before = totals.replications();
        c.segments.on_progress = [&](std::uint64_t done) { show(before + done); };
        const auto round = sim::run_in_segments(c.model, c.segments, local);
        result.seconds.simulate += round.seconds.simulate;
        result.seconds.write += round.seconds.write;
        expected += more;
        ++precision->rounds;
      }
      precision->reached = precision->achieved <= c.precision->half_width;
    }
    show(totals.replications());
    progress.finish();

    if (totals.replications() < expected && c.precision) {  // a round was interrupted
      c.checkpoint.remove();
      fmt::print(stderr,
                 "vtfsim: interrupted after {} replications; nothing was written to {}: a run "
                 "with --target-ci cannot be resumed (run it again)\n",
                 totals.replications(), output.final_path());
      return sim::kExitInterrupted;
    }
    if (totals.replications() < expected) {  // stopped by SIGINT or SIGTERM
      if (saved() == 0) {
        c.checkpoint.remove();
        fmt::print(stderr, "vtfsim: interrupted before any replication was saved\n");
      } else {
        fmt::print(stderr,
                   "vtfsim: interrupted: {} of {} replications are saved in {}\n"
                   "  to finish, run the same command with --resume:\n  {}\n",
                   saved(), c.shard.count, c.checkpoint.dir(), resume_command(c.o.command_line));
      }
      std::vector<std::uint8_t> status = {sim::kExitInterrupted};
      c.mpi.broadcast(status);
      return sim::kExitInterrupted;
    }

    if (c.prov.shard) {  // what `vtfsim merge` needs to recompute the summaries exactly
      sim::h5::Group root = writer->root();
      sim::write_merge_state(root, c.shard.first, c.shard.count, sim::encode_accumulators(totals));
    }
    comparison = write_run_summaries(*writer, totals, c.model, c.study);
    if (precision) write_precision(*writer, *precision);
    hold_for_test("final-write");
    writer->close();
    output.commit();
    hold_for_test("after-rename");
    c.checkpoint.remove();
  } catch (const sim::InputError& e) {  // a damaged checkpoint segment
    if (saved() == 0) c.checkpoint.remove();
    if (c.mpi.size() > 1) {
      fmt::print(stderr, "vtfsim: error: {}\n", e.what());
      c.mpi.abort(sim::kExitBadInput);
    }
    throw;
  } catch (const std::exception& e) {
    if (saved() == 0) c.checkpoint.remove();
    const std::string message =
        saved() == 0 ? std::string(e.what())
                     : fmt::format(
                           "{}\n  {} of {} replications are saved in {}; once the cause is "
                           "fixed, run the same command with --resume:\n  {}",
                           e.what(), saved(), c.shard.count, c.checkpoint.dir(),
                           resume_command(c.o.command_line));
    if (c.mpi.size() > 1) {
      fmt::print(stderr, "vtfsim: failed: {}\n", message);
      c.mpi.abort(sim::kExitRuntimeFailure);
    }
    throw sim::RuntimeFailure(message);
  }
  std::vector<std::uint8_t> status = {sim::kExitOk};
  c.mpi.broadcast(status);

  print_table(stdout, comparison);
  print_plain_summary(stdout, output.final_path(), comparison);
  if (precision) print_precision(stdout, *precision, totals.replications());
  if (say) {
    const double seconds = progress.elapsed_seconds();
    const double runs = static_cast<double>(totals.replications() * c.model.scenario_count() *
                                            c.model.policy_count());
    fmt::print(
        stderr,
        "\nwrote {} ({} policy-replications in {}, {:.0f} per second; simulating {}, writing {} "
        "alongside)\n",
        output.final_path(), static_cast<std::uint64_t>(runs), sim::format_duration(seconds),
        runs / std::max(seconds, 1e-9), sim::format_duration(result.seconds.simulate),
        sim::format_duration(result.seconds.write));
  }
  return sim::kExitOk;
}

int run_study(const RunOptions& o) {
  sim::mpi::Session mpi;
  const bool root = mpi.rank() == 0;

  sim::Study study;
  ShardRange shard;
  std::optional<VtfModel> model;
  std::optional<sim::PrecisionTarget> precision;
  on_all_ranks(mpi, [&] {
    study = load_study(o.scenario_path, o.seed);
    if (o.replications) study.replications = *o.replications;
    shard = parse_shard(o.shard, study.replications);
    model.emplace(study);  // calibrates every scenario
    precision = parse_precision(o, study, model->schema(), mpi.size());
  });
  const sim::Shape shape = sim::Shape::of(*model);

  const bool default_output = o.output_path.empty();
  std::string out_path = default_output ? "output/" + study.name + ".h5" : o.output_path;
  if (shard.shards > 1 && default_output)
    out_path = fmt::format("output/{}.shard{}of{}.h5", study.name, shard.k, shard.shards);

  sim::Provenance prov = provenance_now(o.command_line, study.replications);
  if (shard.shards > 1 || !o.shard.empty()) prov.shard = std::make_pair(shard.k, shard.shards);
  const sim::StudyIdentity identity = sim::StudyIdentity::of(study, prov);

  // Rank 0 decides what is left to do, and tells the others.
  sim::Checkpoint checkpoint(out_path);
  std::optional<OutputFile> output;
  RunPlan plan;
  on_all_ranks(mpi, [&] {
    if (!root) return;
    const PlanInputs in{o,     out_path,   default_output, identity, {shard.first, shard.count},
                        shape, mpi.size(), !o.quiet};
    plan = plan_run(in, checkpoint, output);
  });
  std::vector<std::uint8_t> plan_bytes = root ? plan.encode() : std::vector<std::uint8_t>{};
  mpi.broadcast(plan_bytes);
  if (!root) plan = RunPlan::decode(plan_bytes);

  if (plan.already_complete) {
    if (root) {
      if (!o.quiet) fmt::print(stderr, "vtfsim: {} is already complete; nothing to do\n", out_path);
      const sim::Comparison comparison = sim::read_comparison(out_path);
      print_table(stdout, comparison);
      print_plain_summary(stdout, out_path, comparison);
    }
    return sim::kExitOk;
  }

  RunContext c{o,    mpi,      study,      shard, *model,    shape,
               prov, identity, checkpoint, plan,  precision, {}};
  c.segments.work = sim::split_work(plan.work, static_cast<std::size_t>(mpi.size()),
                                    static_cast<std::size_t>(mpi.rank()));
  c.segments.threads = o.threads;
  c.segments.block_size = plan.block_size;
  c.segments.checkpoint_every = o.checkpoint_every;
  c.segments.interrupt = &g_stop;
  return root ? write_results(c, *output) : simulate_for_rank_0(c);
}

}  // namespace

int run(const RunOptions& o) {
  const StopOnSignals stop_on_signals;
  try {
    return run_study(o);
  } catch (const QuietExit& e) {
    return e.code;
  }
}

}  // namespace vtf::app
