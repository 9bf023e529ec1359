#pragma once
// A run with a precision target (`--target-ci`): which runs may have one, and what the results
// file records about the precision reached. The rounds are run by run_study
// (sim/run/run_study.cpp) and sized by sim/analysis/precision.hpp.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/analysis/precision.hpp"
#include "sim/engine/model.hpp"
#include "sim/results/results_file.hpp"

namespace sim {

struct PrecisionOptions {
  std::string target;  // "OUTCOME=WIDTH"; empty: a fixed number of replications
  std::optional<std::uint64_t> max_replications;
  bool sharded = false;
  bool resume = false;
  int ranks = 1;
  std::uint64_t first_round = 0;  // the replications asked for (-r)
};

struct PrecisionReport {
  PrecisionTarget target;
  double achieved = 0;  // widest 95% CI half-width at the end
  bool reached = false;
  std::uint64_t rounds = 0;
};

// The run's precision target, if any. Throws InputError for a bad target, or for what it cannot
// go with: shards, --resume, several MPI ranks, a maximum below the first round.
std::optional<PrecisionTarget> parse_precision(const PrecisionOptions& options,
                                               const ModelSchema& schema);

// Records the target and what was achieved as attributes of /comparison and the root.
void write_precision(ResultsWriter& writer, const PrecisionReport& report);

}  // namespace sim
