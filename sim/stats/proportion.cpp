#include "sim/stats/proportion.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

ShareInterval wilson_interval(double share, double n, double z) {
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (share + z2 / (2 * n)) / denom;
  const double half = z * std::sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::uint64_t trials_to_decide(double share, double threshold, double z) {
  if (share == threshold) return 0;
  const auto decides = [&](std::uint64_t n) {
    const ShareInterval w = wilson_interval(share, static_cast<double>(n), z);
    return share > threshold ? w.low >= threshold : w.high < threshold;
  };
  constexpr std::uint64_t kMost = 1'000'000'000'000;
  if (!decides(kMost)) return kMost;
  // The interval narrows around the share as n grows, so `decides` is false then true: bisect.
  std::uint64_t lo = 0, hi = kMost;  // decides(lo) is false (or lo = 0), decides(hi) is true
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (decides(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace sim
