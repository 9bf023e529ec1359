// `vtfsim run`: simulate a study and write its results file, in one process or as the ranks of an
// MPI job, saving finished work in a checkpoint beside the results file so that an interrupted
// run can be finished with --resume (sim/checkpoint.hpp).
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>

#include "app/calibration_report.hpp"
#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "app/output_file.hpp"
#include "app/run_summaries.hpp"
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "sim/accumulator_codec.hpp"
#include "sim/checkpoint.hpp"
#include "sim/errors.hpp"
#include "sim/mpi.hpp"
#include "sim/piece_file.hpp"
#include "sim/progress.hpp"
#include "sim/results_collector.hpp"
#include "sim/results_file.hpp"
#include "sim/runner.hpp"
#include "sim/segmented_run.hpp"

extern const char* const vtfsim_git_commit;

namespace vtf::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

// Another rank failed and said why; this one stops with the same code and no message.
struct QuietExit {
  int code;
};

// Runs `step` on this rank; if it fails on any rank every rank stops, the failing ones with
// their error.
template <class Step>
void on_all_ranks(const sim::mpi::Session& mpi, Step&& step) {
  int code = 0;
  std::exception_ptr error;
  try {
    step();
  } catch (const sim::InputError&) {
    code = sim::kExitBadInput;
    error = std::current_exception();
  } catch (...) {
    code = sim::kExitRuntimeFailure;
    error = std::current_exception();
  }
  const int worst = mpi.max_over_ranks(code);
  if (error) std::rethrow_exception(error);
  if (worst != 0) throw QuietExit{worst};
}

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

// What rank 0 decides and every rank follows.
struct Plan {
  bool already_complete = false;
  std::uint64_t block_size = 0;
  std::vector<sim::Interval> work;  // replications still to simulate

  std::vector<std::uint8_t> encode() const {
    std::vector<std::uint64_t> words = {already_complete ? 1u : 0u, block_size, work.size()};
    for (const auto& w : work) {
      words.push_back(w.first);
      words.push_back(w.count);
    }
    std::vector<std::uint8_t> bytes(words.size() * sizeof(std::uint64_t));
    std::memcpy(bytes.data(), words.data(), bytes.size());
    return bytes;
  }
  static Plan decode(const std::vector<std::uint8_t>& bytes) {
    std::vector<std::uint64_t> words(bytes.size() / sizeof(std::uint64_t));
    std::memcpy(words.data(), bytes.data(), words.size() * sizeof(std::uint64_t));
    Plan p;
    p.already_complete = words.at(0) != 0;
    p.block_size = words.at(1);
    for (std::size_t i = 0; i < words.at(2); ++i)
      p.work.push_back({words.at(3 + 2 * i), words.at(4 + 2 * i)});
    return p;
  }
};

// With --resume and the results file already in place (a job run again after it finished):
// whether that file is this study's complete result.
bool complete_result_of(const std::string& path, const sim::StudyIdentity& identity) {
  try {
    sim::h5::File file = sim::h5::File::open_read(path);
    const sim::h5::Group root = file.root();
    sim::require_results_file(root, path);
    const auto found = sim::StudyIdentity::read(root, path);
    const std::string diff = sim::identity_difference(found, path, identity, "this command", true);
    if (!diff.empty()) {
      throw sim::InputError(fmt::format(
          "output file {} already exists and is not this run's result ({}); use --force to "
          "replace it, or -o for another name",
          path, diff));
    }
    return root.has("comparison");
  } catch (const sim::h5::Error& e) {
    throw sim::InputError(fmt::format(
        "output file {} already exists and cannot be read ({}); use --force to replace it", path,
        e.what()));
  }
}

void install_signal_handlers() {
  g_stop.store(false);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

void restore_signal_handlers() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

int run_study(const RunOptions& o) {
  sim::mpi::Session mpi;
  const bool root = mpi.rank() == 0;
  const bool say = root && !o.quiet;

  sim::Study study;
  ShardRange shard;
  std::optional<VtfModel> model;
  on_all_ranks(mpi, [&] {
    study = load_study(o.scenario_path);
    if (o.replications) study.replications = *o.replications;
    if (o.seed) study.seed = *o.seed;
    shard = parse_shard(o.shard, study.replications);
    model.emplace(study);  // calibrates every scenario
  });
  const sim::Shape shape = sim::Shape::of(*model);

  const bool default_output = o.output_path.empty();
  std::string out_path = default_output ? "output/" + study.name + ".h5" : o.output_path;
  if (shard.shards > 1 && default_output)
    out_path = fmt::format("output/{}.shard{}of{}.h5", study.name, shard.k, shard.shards);

  sim::Provenance prov;
  prov.vtfsim_version = VTFSIM_VERSION;
  prov.git_commit = vtfsim_git_commit;
  prov.created_utc = utc_now();
  prov.command_line = o.command_line;
  prov.model_spec_version = kModelSpecVersion;
  prov.replications_total = study.replications;
  if (shard.shards > 1 || !o.shard.empty()) prov.shard = std::make_pair(shard.k, shard.shards);
  const sim::StudyIdentity identity = sim::StudyIdentity::of(study, prov);
  sim::Checkpoint checkpoint(out_path);
  const sim::Interval all{shard.first, shard.count};

  // Rank 0 decides what is left to do: everything, or (--resume) what the checkpoint lacks.
  std::optional<OutputFile> output;
  std::vector<sim::Piece> restored;
  Plan plan;
  const auto prepare = [&] {
    const bool had_checkpoint = checkpoint.exists();
    checkpoint.lock();
    if (o.resume && !o.force && std::filesystem::exists(out_path) &&
        complete_result_of(out_path, identity)) {
      plan.already_complete = true;
      checkpoint.remove();  // e.g. left by a run killed between its rename and its clean-up
      return;
    }
    output.emplace(out_path, o.force, default_output);
    if (had_checkpoint && checkpoint.has_segments()) {
      if (o.resume) {
        restored = checkpoint.segments(identity);
      } else if (o.force) {
        checkpoint.clear();
      } else {
        throw sim::InputError(fmt::format(
            "{} holds the finished work of an interrupted run: add --resume to finish it, or "
            "--force to discard it and start over",
            checkpoint.dir()));
      }
    } else if (o.resume && say) {
      fmt::print(stderr, "vtfsim: nothing to resume in {}: starting from the beginning\n",
                 checkpoint.dir());
    }
    plan.work = sim::missing_intervals(restored, all);
    const std::uint64_t todo = sim::total_count(plan.work);
    const auto ranks = static_cast<std::uint64_t>(mpi.size());
    plan.block_size = o.block_size > 0 ? o.block_size
                                       : sim::default_block_size(shape, (todo + ranks - 1) / ranks);
  };
  on_all_ranks(mpi, [&] {
    if (!root) return;
    try {
      prepare();
    } catch (...) {
      if (checkpoint.locked() && !checkpoint.has_segments()) checkpoint.remove();
      throw;
    }
  });
  std::vector<std::uint8_t> plan_bytes = root ? plan.encode() : std::vector<std::uint8_t>{};
  mpi.broadcast(plan_bytes);
  plan = Plan::decode(plan_bytes);

  if (plan.already_complete) {
    if (say) fmt::print(stderr, "vtfsim: {} is already complete; nothing to do\n", out_path);
    if (root) print_table(stdout, sim::read_comparison(out_path));
    return sim::kExitOk;
  }

  sim::SegmentedRunOptions so;
  so.work = sim::split_work(plan.work, static_cast<std::size_t>(mpi.size()),
                            static_cast<std::size_t>(mpi.rank()));
  so.threads = o.threads;
  so.block_size = plan.block_size;
  so.checkpoint_every = o.checkpoint_every;
  so.interrupt = &g_stop;

  if (!root) {
    sim::mpi::RemoteSegments remote(mpi, shape);
    install_signal_handlers();
    try {
      const auto r = sim::run_in_segments(*model, so, remote);
      remote.finish(r.status == sim::RunStatus::kStopped);
    } catch (const std::exception& e) {
      fmt::print(stderr, "vtfsim: rank {} failed: {}\n", mpi.rank(), e.what());
      mpi.abort(sim::kExitRuntimeFailure);
    }
    restore_signal_handlers();
    std::vector<std::uint8_t> status;
    mpi.broadcast(status);
    return status.empty() ? sim::kExitRuntimeFailure : status[0];
  }

  const std::uint64_t restored_count = [&] {
    std::uint64_t n = 0;
    for (const auto& p : restored)
      n += p.count;
    return n;
  }();
  if (say) {
    fmt::print(stderr, "vtfsim {}: study '{}' from {}\n", VTFSIM_VERSION, study.name,
               study.source_path);
    fmt::print(stderr, "  {} scenarios x {} policies x {} replications{} on {} States, {}-{}\n",
               model->scenario_count(), model->policy_count(), shard.count,
               shard.shards > 1
                   ? fmt::format(" (shard {}/{}: replications {}-{})", shard.k, shard.shards,
                                 shard.first, shard.first + shard.count - 1)
                   : "",
               model->data().size(), study.start.year(), study.horizon.year());
    if (mpi.size() > 1)
      fmt::print(stderr, "  {} MPI ranks; rank 0 writes {}\n", mpi.size(), out_path);
    if (!restored.empty()) {
      fmt::print(stderr, "  resuming: {} of {} replications restored from {}\n", restored_count,
                 shard.count, checkpoint.dir());
    }
    log_calibration(stderr, *model);
  }

  sim::ResultsWriter writer = [&] {
    try {
      return sim::ResultsWriter(output->temp_path(), model->schema(), study, prov, shard.first,
                                shard.count);
    } catch (const sim::h5::Error& e) {
      throw sim::RuntimeFailure(fmt::format("cannot create {}: {}", output->temp_path(), e.what()));
    }
  }();
  write_calibration(writer.root(), *model);

  sim::Accumulators totals(shape, model->schema());
  sim::ResultsCollector collector(writer, checkpoint, identity, model->schema(), shape,
                                  plan.block_size, totals);
  sim::Progress progress("replications", shard.count,
                         o.quiet ? sim::Progress::Mode::kQuiet : sim::Progress::Mode::kAuto);
  if (say) {
    collector.on_commit = [&](std::uint64_t first, std::uint64_t count) {
      fmt::print(stderr, "vtfsim: checkpoint: replications {}-{} saved ({} of {} in {})\n", first,
                 first + count - 1, restored_count + collector.committed(), shard.count,
                 checkpoint.dir());
    };
  }
  // What is saved in the checkpoint, for the messages after a failure or an interruption.
  const auto saved = [&] { return restored_count + collector.committed(); };
  const auto keep_or_drop_checkpoint = [&] {
    if (saved() == 0) checkpoint.remove();
  };

  install_signal_handlers();
  sim::SegmentedRunResult result;
  sim::Comparison comparison;
  try {
    std::uint64_t absorbed = 0;
    for (const auto& piece : restored) {
      if (g_stop.load()) break;
      sim::absorb_piece(piece, model->schema(), shape, writer, totals);
      absorbed += piece.count;
      progress.update(absorbed);
    }
    std::optional<sim::mpi::Receiver> receiver;
    if (mpi.size() > 1) receiver.emplace(mpi, collector, shape);
    sim::LocalSegments local(collector, [&] {
      if (receiver) receiver->poll();
    });
    std::uint64_t shown = absorbed;
    const auto show = [&](std::uint64_t n) {
      if (n != shown) progress.update(n);
      shown = n;
    };
    so.on_progress = [&](std::uint64_t done) { show(absorbed + done + collector.received()); };
    if (!g_stop.load()) result = sim::run_in_segments(*model, so, local);
    if (receiver) receiver->wait_all();
    restore_signal_handlers();

    show(totals.replications());
    if (totals.replications() < shard.count) {
      progress.finish();
      keep_or_drop_checkpoint();
      if (saved() == 0) {
        fmt::print(stderr, "vtfsim: interrupted before any replication was saved\n");
      } else {
        fmt::print(stderr,
                   "vtfsim: interrupted: {} of {} replications are saved in {}\n"
                   "  to finish, run the same command with --resume:\n  {}\n",
                   saved(), shard.count, checkpoint.dir(), resume_command(o.command_line));
      }
      std::vector<std::uint8_t> status = {sim::kExitInterrupted};
      mpi.broadcast(status);
      return sim::kExitInterrupted;
    }
    progress.finish();
    if (prov.shard) {  // what `vtfsim merge` needs to recompute the summaries exactly
      sim::h5::Group results_root = writer.root();
      sim::write_merge_state(results_root, shard.first, shard.count,
                             sim::encode_accumulators(totals));
    }
    comparison = write_run_summaries(writer, totals, *model, study);
    hold_for_test("final-write");
    writer.close();
    output->commit();
    hold_for_test("after-rename");
    checkpoint.remove();
  } catch (const sim::InputError& e) {  // a damaged checkpoint segment
    keep_or_drop_checkpoint();
    if (mpi.size() > 1) {
      fmt::print(stderr, "vtfsim: error: {}\n", e.what());
      mpi.abort(sim::kExitBadInput);
    }
    throw;
  } catch (const std::exception& e) {
    keep_or_drop_checkpoint();
    const std::string message =
        saved() == 0
            ? std::string(e.what())
            : fmt::format(
                  "{}\n  {} of {} replications are saved in {}; once the cause is "
                  "fixed, run the same command with --resume:\n  {}",
                  e.what(), saved(), shard.count, checkpoint.dir(), resume_command(o.command_line));
    if (mpi.size() > 1) {
      fmt::print(stderr, "vtfsim: failed: {}\n", message);
      mpi.abort(sim::kExitRuntimeFailure);
    }
    throw sim::RuntimeFailure(message);
  }
  std::vector<std::uint8_t> status = {sim::kExitOk};
  mpi.broadcast(status);

  print_table(stdout, comparison);
  if (say) {
    const double seconds = progress.elapsed_seconds();
    const double runs =
        static_cast<double>(shard.count * model->scenario_count() * model->policy_count());
    fmt::print(
        stderr,
        "\nwrote {} ({} policy-replications in {}, {:.0f} per second; simulating {}, writing {} "
        "alongside)\n",
        output->final_path(), static_cast<std::uint64_t>(runs), sim::format_duration(seconds),
        runs / std::max(seconds, 1e-9), sim::format_duration(result.seconds.simulate),
        sim::format_duration(result.seconds.write));
  }
  return sim::kExitOk;
}

}  // namespace

int run(const RunOptions& o) {
  try {
    return run_study(o);
  } catch (const QuietExit& e) {
    return e.code;
  }
}

}  // namespace vtf::app
