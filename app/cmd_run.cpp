// `vtfsim run`: simulate a study and write its results file.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "app/calibration_report.hpp"
#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "app/output_file.hpp"
#include "app/plain_summary.hpp"
#include "app/precision_run.hpp"
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "sim/errors.hpp"
#include "sim/progress.hpp"
#include "sim/results_file.hpp"
#include "sim/runner.hpp"
#include "sim/sensitivity.hpp"

extern const char* const vtfsim_git_commit;

namespace vtf::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

// SIGINT and SIGTERM ask the run to stop for as long as this lives: from before the temporary
// file is created until the results file is in place, so that a signal at any moment ends the
// run with exit code 75 and no partial file (the default action would kill the process and
// leave the temporary file behind).
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

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int run(const RunOptions& o) {
  const StopOnSignals stop_on_signals;
  sim::Study study = load_study(o.scenario_path, o.seed);
  if (o.replications) study.replications = *o.replications;
  const ShardRange shard = parse_shard(o.shard, study.replications);
  const VtfModel model(study);  // calibrates every scenario
  std::optional<sim::PrecisionTarget> precision;
  if (!o.target_ci.empty()) {
    precision = sim::PrecisionTarget::parse(o.target_ci, model.schema());
    if (!o.shard.empty()) {
      throw sim::InputError(
          "--target-ci decides the number of replications as the run goes; it cannot be "
          "combined with --shard (run the shards with a fixed -r)");
    }
    if (o.max_replications) precision->max_replications = *o.max_replications;
    if (precision->max_replications < study.replications) {
      throw sim::InputError(
          fmt::format("--max-replications {} is below the {} replications of the first round (-r)",
                      precision->max_replications, study.replications));
    }
  } else if (o.max_replications) {
    throw sim::InputError("--max-replications only applies with --target-ci");
  }

  const bool default_output = o.output_path.empty();
  std::string out_path = default_output ? "output/" + study.name + ".h5" : o.output_path;
  if (shard.shards > 1 && default_output)
    out_path = fmt::format("output/{}.shard{}of{}.h5", study.name, shard.k, shard.shards);
  OutputFile output(out_path, o.force, default_output);

  if (!o.quiet) {
    fmt::print(stderr, "vtfsim {}: study '{}' from {}\n", VTFSIM_VERSION, study.name,
               study.source_path);
    fmt::print(stderr, "  {} scenarios x {} policies x {} replications{} on {} States, {}-{}\n",
               model.scenario_count(), model.policy_count(), shard.count,
               shard.shards > 1
                   ? fmt::format(" (shard {}/{}: replications {}-{})", shard.k, shard.shards,
                                 shard.first, shard.first + shard.count - 1)
                   : "",
               model.data().size(), study.start.year(), study.horizon.year());
    log_calibration(stderr, model);
  }

  sim::Provenance prov;
  prov.vtfsim_version = VTFSIM_VERSION;
  prov.git_commit = vtfsim_git_commit;
  prov.created_utc = utc_now();
  prov.command_line = o.command_line;
  prov.model_spec_version = kModelSpecVersion;
  prov.replications_total = study.replications;
  if (shard.shards > 1 || !o.shard.empty()) prov.shard = std::make_pair(shard.k, shard.shards);

  sim::ResultsWriter writer = [&] {
    try {
      return sim::ResultsWriter(output.temp_path(), model.schema(), study, prov, shard.first,
                                shard.count, precision.has_value());
    } catch (const sim::h5::Error& e) {
      throw sim::RuntimeFailure(fmt::format("cannot create {}: {}", output.temp_path(), e.what()));
    }
  }();
  write_calibration(writer.root(), model);

  sim::Progress progress("replications", shard.count,
                         o.quiet ? sim::Progress::Mode::kQuiet : sim::Progress::Mode::kAuto);
  sim::RunOptions ro;
  ro.first_replication = shard.first;
  ro.replications = shard.count;
  ro.threads = o.threads;
  ro.stop = &g_stop;
  std::optional<PrecisionReport> precision_report;
  const sim::RunResult result =
      run_rounds(model, ro, writer, precision, progress, precision_report);
  if (result.status == sim::RunStatus::kStopped) {
    progress.finish();
    fmt::print(stderr,
               "vtfsim: interrupted after {} of {} replications; nothing was written to {}\n",
               result.replications_done, precision ? result.replications_done : shard.count,
               output.final_path());
    return sim::kExitInterrupted;
  }
  progress.finish();

  const sim::Comparison comparison =
      sim::summarize(result.accumulators, model.schema(), study, "vtf_received_usd",
                     "completed_by_horizon", "cost_per_additional_completion_usd");
  writer.write_summaries(result.accumulators, comparison);
  const auto sensitivity = sim::compute_sensitivity(comparison, study);
  if (sensitivity) sim::write_sensitivity(writer.root(), *sensitivity);
  if (precision_report) write_precision(writer, *precision_report);
  writer.close();
  if (g_stop.load()) {  // a signal after the last block: honoured, as at any other moment
    fmt::print(stderr, "vtfsim: interrupted while finishing; nothing was written to {}\n",
               output.final_path());
    return sim::kExitInterrupted;
  }
  output.commit();
  print_table(stdout, comparison);
  print_plain_summary(stdout, output.final_path(), comparison);
  if (precision_report) {
    const auto& r = *precision_report;
    fmt::print(
        "\nPrecision: the widest 95% CI half-width of Δ {} is {:.3g} after {} replications "
        "in {} round(s): {}\n",
        r.target.outcome, r.achieved, result.replications_done, r.rounds,
        r.reached ? fmt::format("the target {:g} is reached", r.target.half_width)
                  : fmt::format("NOT reached (target {:g}; --max-replications {})",
                                r.target.half_width, r.target.max_replications));
  }
  if (!o.quiet) {
    const double seconds = progress.elapsed_seconds();
    const double runs = static_cast<double>(result.replications_done * model.scenario_count() *
                                            model.policy_count());
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

}  // namespace vtf::app
