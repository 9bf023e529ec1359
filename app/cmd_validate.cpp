// `vtfsim validate`: read a scenario file, expand its design, calibrate, and say what a run would
// do.
#include <fmt/format.h>
#include <tbb/info.h>

#include <algorithm>

#include "app/commands.hpp"
#include "app/run_support.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "sim/engine/progress.hpp"

namespace vtf::app {

// Cost of one State-month, measured by the benchmark on the project's 2-core machine
// (docs/benchmarks.md); used only for the run-time estimate.
inline constexpr double kNanosecondsPerStateMonth = 30.0;
// Peak memory of a run (maximum resident set, /usr/bin/time -v), an upper estimate from four
// designs on the same machine (docs/benchmarks.md, "Memory"): buffers, plus each cell's
// statistics (mostly the remaining area's quantile sketches) and rows of chunks, plus what grows
// with the policy-replications (the outcome arrays read back at the end; the sketches widen).
inline constexpr double kBaseMiB = 180.0;
inline constexpr double kMiBPerCell = 1.3;
inline constexpr double kMiBPerThousandRuns = 1.1;

int validate(const std::string& path, std::size_t threads) {
  const sim::Study study = load_study(path);
  const VtfModel model(study);
  const auto& d = study.design;
  fmt::print("{}: OK\n", study.source_path);
  fmt::print("study      {}{}\n", study.name, study.title.empty() ? "" : " - " + study.title);
  fmt::print("period     {} to {}, seed {}\n", study.start.iso(), study.horizon.iso(), study.seed);
  fmt::print("scenarios  {}\n", d.scenarios.size());
  for (const auto& s : d.scenarios)
    fmt::print("  {}\n", s.name);
  fmt::print("policies   {} (policy 0 is the baseline every other is paired with)\n",
             d.policies.size());
  for (const auto& p : d.policies)
    fmt::print("  {}\n", p.name);
  for (const auto& note : d.notes)
    fmt::print("note: {}\n", note);
  const double runs =
      static_cast<double>(d.scenarios.size() * d.policies.size() * study.replications);
  const double state_months = runs * static_cast<double>(model.data().size()) * 12.0 *
                              (study.horizon.year() - study.start.year() + 1);
  const std::size_t cores =
      threads > 0 ? threads : static_cast<std::size_t>(tbb::info::default_concurrency());
  fmt::print(
      "design     {} scenarios x {} policies x {} replications = {:.0f} policy-replications, "
      "{:.3g} State-months\n",
      d.scenarios.size(), d.policies.size(), study.replications, runs, state_months);
  fmt::print(
      "estimate   about {} on {} core(s), at {:.0f} ns per State-month per core "
      "(docs/benchmarks.md)\n",
      sim::format_duration(state_months * kNanosecondsPerStateMonth * 1e-9 /
                           static_cast<double>(cores)),
      cores, kNanosecondsPerStateMonth);
  const double cells = static_cast<double>(d.scenarios.size() * d.policies.size());
  fmt::print("memory     about {:.0f} MiB (docs/benchmarks.md)\n",
             kBaseMiB + kMiBPerCell * cells + kMiBPerThousandRuns * runs / 1000.0);
  return 0;
}

}  // namespace vtf::app
