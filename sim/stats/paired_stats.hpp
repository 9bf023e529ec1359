#pragma once
// Paired comparison of a policy with the baseline over common-random-number replications:
// the mean difference, its standard error and 95% confidence interval (Student t), and the
// share of replications in which the policy is strictly better. Built from exact sums, so the
// statistics are bit-identical however replications were split across threads, ranks or shards.
#include <cstdint>

#include "sim/stats/better.hpp"
#include "sim/stats/exact_sum.hpp"

namespace sim {

struct PairedSummary {
  double mean = 0, std_error = 0, ci_low = 0, ci_high = 0, p_better = 0, p_worse = 0;
  std::int64_t n = 0;
};

class PairedAccumulator {
 public:
  void add(double policy_value, double baseline_value, Better better) {
    const double diff = policy_value - baseline_value;
    if (diff != diff) {  // NaN on either side: not comparable (e.g. no completion in either arm)
      ++undefined_;
      return;
    }
    diff_.add(diff);
    if (diff > 0) {
      better == Better::kHigher ? ++better_ : (better == Better::kLower ? ++worse_ : 0);
    } else if (diff < 0) {
      better == Better::kLower ? ++better_ : (better == Better::kHigher ? ++worse_ : 0);
    }
  }
  void merge(const PairedAccumulator& o) {
    diff_.merge(o.diff_);
    better_ += o.better_;
    worse_ += o.worse_;
    undefined_ += o.undefined_;
  }
  PairedSummary summary(Better better) const;
  const ExactMoments& differences() const { return diff_; }

  // The exact state, for saving and restoring (sim/run/accumulator_codec.cpp).
  struct Counts {
    std::int64_t better = 0, worse = 0, undefined = 0;
  };
  Counts counts() const { return {better_, worse_, undefined_}; }
  void merge(const ExactMoments& differences, const Counts& counts) {
    diff_.merge(differences);
    better_ += counts.better;
    worse_ += counts.worse;
    undefined_ += counts.undefined;
  }

 private:
  ExactMoments diff_;
  std::int64_t better_ = 0;
  std::int64_t worse_ = 0;
  std::int64_t undefined_ = 0;
};

// The two-sided 95% Student t critical value for n - 1 degrees of freedom.
double t_critical_95(std::int64_t n);

}  // namespace sim
