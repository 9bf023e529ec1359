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
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "sim/errors.hpp"
#include "sim/progress.hpp"
#include "sim/results_file.hpp"
#include "sim/runner.hpp"

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
  sim::Study study = load_study(o.scenario_path);
  if (o.replications) study.replications = *o.replications;
  if (o.seed) study.seed = *o.seed;
  const ShardRange shard = parse_shard(o.shard, study.replications);
  const VtfModel model(study);  // calibrates every scenario

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
                                shard.count);
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
  ro.on_block = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
  const sim::RunResult result = sim::run_monte_carlo(model, ro, writer);
  if (result.status == sim::RunStatus::kStopped) {
    progress.finish();
    fmt::print(stderr,
               "vtfsim: interrupted after {} of {} replications; nothing was written to {}\n",
               result.replications_done, shard.count, output.final_path());
    return sim::kExitInterrupted;
  }
  progress.finish();

  const sim::Comparison comparison =
      sim::summarize(result.accumulators, model.schema(), study, "vtf_received_usd",
                     "completed_by_horizon", "cost_per_additional_completion_usd");
  writer.write_summaries(result.accumulators, comparison);
  writer.close();
  if (g_stop.load()) {  // a signal after the last block: honoured, as at any other moment
    fmt::print(stderr, "vtfsim: interrupted while finishing; nothing was written to {}\n",
               output.final_path());
    return sim::kExitInterrupted;
  }
  output.commit();
  print_table(stdout, comparison);
  if (!o.quiet) {
    const double seconds = progress.elapsed_seconds();
    const double runs =
        static_cast<double>(shard.count * model.scenario_count() * model.policy_count());
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
