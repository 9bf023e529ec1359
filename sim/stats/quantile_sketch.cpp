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
  if (other.counts_.empty()) return;
  if (counts_.empty()) {  // the common case of a run's first block or segment: a copy
    first_ = other.first_;
    counts_ = other.counts_;
    positive_ += other.positive_;
    return;
  }
  // The union of the two ranges at once, instead of growing bucket by bucket.
  const std::int64_t end = first_ + static_cast<std::int64_t>(counts_.size());
  const std::int64_t other_end = other.first_ + static_cast<std::int64_t>(other.counts_.size());
  if (other.first_ < first_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - other.first_), 0);
    first_ = other.first_;
  }
  if (other_end > end) counts_.resize(static_cast<std::size_t>(other_end - first_), 0);
  const auto offset = static_cast<std::size_t>(other.first_ - first_);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    auto& c = counts_[offset + i];
    if (other.counts_[i] > std::numeric_limits<std::uint32_t>::max() - c) {
      throw std::overflow_error("QuantileSketch: more than 4e9 values in one bucket");
    }
    c += other.counts_[i];
  }
  positive_ += other.positive_;
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
