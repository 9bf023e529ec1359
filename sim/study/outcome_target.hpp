#pragma once
// A target on an outcome, for satisficing robustness (how often a policy meets it): the one
// parser of `[gain:]OUTCOME >= VALUE` and `[gain:]OUTCOME <= VALUE`, used by the command line and
// the scenario files' [comparisons] targets. Without `gain:` the target is on the outcome itself
// (e.g. `completed_by_horizon >= 20`: at least 20 States complete); with it, on the paired
// difference with the baseline in the same future (`gain:completed_by_2030 >= 1`: at least one
// more State completes by 2030 than without the policy).
#include <string>
#include <vector>

namespace sim {

struct OutcomeTarget {
  std::string outcome;
  bool on_gain = false;  // on (policy - baseline) in each future, not on the outcome itself
  bool at_least = true;  // >= (else <=)
  double value = 0;
  // Whether x meets the target; NaN never does.
  bool met(double x) const { return at_least ? x >= value : x <= value; }
  // The canonical text, e.g. "gain:completed_by_2030 >= 1".
  std::string text() const;
};

// Parses a target, checking the outcome against `outcomes`; throws InputError with one message
// for an unknown outcome (naming the closest), a missing or unknown operator, or a value that is
// not a finite number.
OutcomeTarget parse_outcome_target(const std::string& text,
                                   const std::vector<std::string>& outcomes);

}  // namespace sim
