#pragma once
// Precision control: keep adding replications until the 95% confidence interval of the paired
// difference (policy - baseline) of one outcome is narrow enough in every scenario and policy.
// Replications come in rounds; each round's size follows from the variance seen so far and
// depends only on exact (order-independent) statistics, so the sequence of rounds, and the
// replications a run ends with, are the same for any number of threads.
#include <cstdint>
#include <string>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"

namespace sim {

struct PrecisionTarget {
  std::string outcome;
  double half_width = 0;  // of the 95% CI of the mean paired difference, in the outcome's unit
  std::uint64_t max_replications = 100'000;
  // Parses "OUTCOME=WIDTH", checking the outcome against the schema; throws InputError.
  static PrecisionTarget parse(const std::string& text, const ModelSchema& schema);
  std::string text() const;
};

// The widest 95% CI half-width of the outcome's paired difference over every scenario and every
// policy but the baseline (NaN while some cell has fewer than two defined differences).
double widest_half_width(const Accumulators& acc, const ModelSchema& schema, std::size_t outcome,
                         std::size_t scenarios, std::size_t policies);

// Replications to add after `done`, given the widest half-width so far: enough to reach the
// target if the variance holds (the half-width shrinks as 1 / sqrt(n)) with a 10% margin (so
// a round adds at least a tenth), at most as many again as are done (early variance estimates
// are rough), never beyond the maximum. 0 when the target is met, the maximum reached, or the
// half-width is NaN with two replications or more (the outcome is undefined in some scenario).
std::uint64_t next_round(std::uint64_t done, double widest, const PrecisionTarget& target);

}  // namespace sim
