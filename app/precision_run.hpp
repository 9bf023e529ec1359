#pragma once
// `vtfsim run --target-ci`: the options, and what the run records and prints about the precision
// it reached. The rounds themselves are run by `run` (app/cmd_run.cpp), sized by
// sim/analysis/precision.hpp.
#include <cstdint>
#include <cstdio>
#include <optional>

#include "app/commands.hpp"
#include "sim/analysis/precision.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/design.hpp"

namespace vtf::app {

struct PrecisionReport {
  sim::PrecisionTarget target;
  double achieved = 0;  // widest 95% CI half-width at the end
  bool reached = false;
  std::uint64_t rounds = 0;
};

// The run's precision target, if any. Throws InputError for a bad target, or for options it
// cannot go with: --shard, --resume, several MPI ranks, a maximum below the first round.
std::optional<sim::PrecisionTarget> parse_precision(const RunOptions& o, const sim::Study& study,
                                                    const sim::ModelSchema& schema, int ranks);

// Records the target and what was achieved as attributes of /comparison and the root.
void write_precision(sim::ResultsWriter& writer, const PrecisionReport& report);
void print_precision(std::FILE* out, const PrecisionReport& report, std::uint64_t replications);

}  // namespace vtf::app
