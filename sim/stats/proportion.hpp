#pragma once
// A share of independent trials (replications) and its sampling error: the Wilson score
// interval, which stays inside [0, 1] and keeps its coverage near 0 and 1 and for few trials,
// where the normal approximation p +- z sqrt(p(1-p)/n) does not (a share of 12 out of 12 is not
// certain).
#include <cstdint>

namespace sim {

// The normal quantile of a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

struct ShareInterval {
  double low = 0, high = 0;
};

// The Wilson score interval of a share `share` observed over `n` trials (n > 0), at the normal
// quantile z; the share need not be k/n for a whole k (see trials_to_decide).
ShareInterval wilson_interval(double share, double n, double z = kZ95);

// The fewest trials with which a share observed as `share` would have a Wilson interval that
// decides against `threshold` (its low end at or above it, or its high end below it), at the
// normal quantile z; 0 when no number would (the share equals the threshold). Saturates at 10^12.
std::uint64_t trials_to_decide(double share, double threshold, double z = kZ95);

}  // namespace sim
