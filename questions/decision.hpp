#pragma once
// The decision (issue 12): which fund the statements speak of and why, and for every fund policy
// the paired difference it makes (fund - no fund, same futures) in States complete at 31
// December of 2030, 2035 and the horizon: mean and 95% CI of the mean from the comparison, the
// spread across futures (inverted-CDF quantiles) and the money (/findings/decision,
// docs/results-format.md).
#include <cstddef>
#include <string>

namespace vtf::questions {

struct FindingContext;

// The chosen fund: the smallest size of the default rules bringing 90% of the largest size's
// gain in completed_by_2030 (completed_by_horizon in a file without it) in the first named
// scenario; without sizes, the fund policy with the highest mean in most scenarios.
struct Choice {
  std::size_t policy = 0;
  std::string reason;  // a sentence
};
Choice choose_policy(const FindingContext& f);

}  // namespace vtf::questions
