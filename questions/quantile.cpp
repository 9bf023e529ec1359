#include "questions/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace vtf::questions {

double quantile(std::span<const double> values, double q) {
  if (values.empty()) return NAN;
  std::vector<double> x(values.begin(), values.end());
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  // The smallest k with k/n >= q (1-based); the small tolerance keeps q*n = 9.0000000001 at 9.
  const double k = std::ceil(q * n - 1e-9);
  const auto i = static_cast<std::size_t>(std::clamp(k, 1.0, n)) - 1;
  return x[i];
}

}  // namespace vtf::questions
