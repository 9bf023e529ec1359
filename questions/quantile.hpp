#pragma once
// The empirical quantile by the inverted CDF (Hyndman and Fan 1996, definition 1; numpy's
// method="inverted_cdf"): the smallest value whose empirical CDF reaches q. It is always one of
// the values, so a spread of whole States stays whole.
#include <span>

namespace vtf::questions {

// NaN for no values; q in [0, 1].
double quantile(std::span<const double> values, double q);

}  // namespace vtf::questions
