#pragma once
// `vtfsim run --target-ci`: the run in rounds of replications until the target precision is
// reached (sim/precision.hpp decides the rounds), growing the results file as it goes.
#include <cstdint>
#include <optional>

#include "sim/precision.hpp"
#include "sim/progress.hpp"
#include "sim/results_file.hpp"
#include "sim/runner.hpp"

namespace vtf::app {

struct PrecisionReport {
  sim::PrecisionTarget target;
  double achieved = 0;  // widest 95% CI half-width at the end
  bool reached = false;
  std::uint64_t rounds = 0;
};

// Runs options.replications first, then, if `target` is given, more rounds until it is met.
// Stops early (status kStopped) when options.stop is set between blocks.
sim::RunResult run_rounds(const sim::Model& model, sim::RunOptions options,
                          sim::ResultsWriter& writer,
                          const std::optional<sim::PrecisionTarget>& target,
                          sim::Progress& progress, std::optional<PrecisionReport>& report);

// Records the target and what was achieved as attributes of /comparison and the root.
void write_precision(sim::ResultsWriter& writer, const PrecisionReport& report);

}  // namespace vtf::app
