#include "sim/stats/quantile_sketch.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim {

void QuantileSketch::add_index(std::int64_t b, std::uint64_t n) {
  if (counts_.empty()) {
    first_ = b;
    counts_.assign(1, 0);
  } else if (b < first_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - b), 0);
    first_ = b;
  } else if (b >= first_ + static_cast<std::int64_t>(counts_.size())) {
    counts_.resize(static_cast<std::size_t>(b - first_ + 1), 0);
  }
  auto& c = counts_[static_cast<std::size_t>(b - first_)];
  if (n > std::numeric_limits<std::uint32_t>::max() - c) {
    throw std::overflow_error("QuantileSketch: more than 4e9 values in one bucket");
  }
  c += static_cast<std::uint32_t>(n);
  positive_ += n;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  zeros_ += other.zeros_;
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    if (other.counts_[i] != 0)
      add_index(other.first_ + static_cast<std::int64_t>(i), other.counts_[i]);
  }
}

double QuantileSketch::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0) return std::nan("");
  const auto rank = static_cast<std::uint64_t>(std::llround(q * static_cast<double>(n - 1)));
  if (rank < zeros_) return 0.0;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (rank < seen) {
      const auto b = first_ + static_cast<std::int64_t>(i);
      return 0.5 * (bucket_low(b) + bucket_low(b + 1));
    }
  }
  return bucket_low(first_ + static_cast<std::int64_t>(counts_.size()));
}

}  // namespace sim
