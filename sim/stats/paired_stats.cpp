#include "sim/stats/paired_stats.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace sim {

double t_critical_95(std::int64_t n) {
  if (n < 2) return NAN;
  const boost::math::students_t t(static_cast<double>(n - 1));
  return boost::math::quantile(t, 0.975);
}

PairedSummary PairedAccumulator::summary(Better better) const {
  PairedSummary s;
  s.n = diff_.n;
  s.mean = diff_.mean();
  s.std_error = s.n >= 2 ? std::sqrt(diff_.variance() / static_cast<double>(s.n)) : NAN;
  const double half = t_critical_95(s.n) * s.std_error;
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  const double n = static_cast<double>(s.n);
  s.p_better = better == Better::kNeither || s.n == 0 ? NAN : static_cast<double>(better_) / n;
  s.p_worse = better == Better::kNeither || s.n == 0 ? NAN : static_cast<double>(worse_) / n;
  return s;
}

}  // namespace sim
